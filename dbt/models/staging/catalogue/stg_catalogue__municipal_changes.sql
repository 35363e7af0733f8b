select
    oude_code::varchar as old_municipality_code,
    nieuwe_code::varchar as new_municipality_code,
    datum::date as change_date,
    soort::varchar as change_kind,
    opvolger_tabel33::boolean as is_table33_successor,
    bron::varchar as change_source
from {{ source('catalogue', 'municipal_changes') }}
