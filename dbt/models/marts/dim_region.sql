select
    region_code as region_key,
    region_code,
    region_name,
    region_level,
    iso_code
from {{ ref('stg_catalogue__regions') }}

union all

select '-1', '-1', 'Onbekend', 'onbekend', null
