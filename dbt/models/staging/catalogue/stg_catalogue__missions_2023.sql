select
    code::varchar as mission_code,
    thema::varchar as theme_code,
    hoofdmissie::varchar as parent_mission_code,
    naam::varchar as mission_name_nl,
    missietekst::varchar as mission_text_nl,
    bron::varchar as document_code,
    opmerking::varchar as note_nl
from {{ source('catalogue', 'missions_2023') }}
