select
    code::varchar as region_code,
    naam::varchar as region_name,
    niveau::varchar as region_level
from {{ source('catalogue', 'regions') }}
