select
    code::varchar as region_code,
    naam::varchar as region_name,
    niveau::varchar as region_level,
    iso::varchar as iso_code,
    bron::varchar as region_source
from {{ source('catalogue', 'regions') }}
