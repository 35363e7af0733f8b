select
    code::varchar as instrument_code,
    naam::varchar as instrument_name
from {{ source('catalogue', 'programme_instruments') }}
