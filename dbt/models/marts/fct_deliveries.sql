-- Grain: one file delivered to the inbox, loaded or refused, with where its original is kept.
select
    delivery_id as delivery_key,
    coalesce(vintage_id, '-1') as vintage_key,
    file_name,
    received_at,
    cast(received_at as date)::varchar as received_on,
    outcome,
    outcome = 'geweigerd' as is_quarantined,
    row_count,
    size_bytes,
    sha256,
    kept_at_path,
    problem_count,
    problems
from {{ ref('stg_observations__deliveries') }}
