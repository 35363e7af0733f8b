select
    code::varchar as target_code,
    missie::varchar as mission_code,
    doeljaar::integer as target_year,
    doeljaar_tekst::varchar as target_year_text,
    doeljaar_afgeleid::boolean as target_year_is_derived,
    doeltekst::varchar as target_text_nl,
    kwantificering::varchar as quantification,
    richting::varchar as desired_direction,
    doelwaarde::double as target_value,
    eenheid::varchar as target_unit,
    basisjaar::integer as base_year,
    geldend::boolean as is_current,
    bron::varchar as document_code,
    opmerking::varchar as note_nl
from {{ source('catalogue', 'targets') }}
