select
    indicator::varchar as indicator_code,
    doel::varchar as target_code
from {{ source('catalogue', 'indicator_targets') }}
