select
    code::varchar as target_code,
    missie::varchar as mission_code,
    doeljaar::integer as target_year,
    doeltekst::varchar as target_text_nl,
    kwantificering::varchar as quantification,
    richting::varchar as desired_direction,
    doelwaarde::double as target_value,
    eenheid::varchar as target_unit,
    bron::varchar as document_code
from {{ source('catalogue', 'targets_2023') }}
