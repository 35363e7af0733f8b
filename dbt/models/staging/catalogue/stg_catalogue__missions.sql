select
    code::varchar as mission_code,
    thema::varchar as theme_code,
    hoofdmissie::varchar as parent_mission_code,
    naam::varchar as mission_name_nl,
    missietekst::varchar as mission_text_nl,
    telt_mee_in_25::boolean as counts_in_official_25,
    identiek_aan::varchar as identical_to_mission_code,
    ministeries::varchar as ministries,
    bron::varchar as document_code,
    opmerking::varchar as note_nl,
    dekking_toelichting::varchar as coverage_note_nl
from {{ source('catalogue', 'missions') }}
