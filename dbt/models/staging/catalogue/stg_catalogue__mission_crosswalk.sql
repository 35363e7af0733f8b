select
    missie_2019::varchar as mission_code_2019,
    missie_2023::varchar as mission_code_2023,
    status::varchar as crosswalk_status,
    toelichting::varchar as explanation_nl
from {{ source('catalogue', 'mission_crosswalk') }}
