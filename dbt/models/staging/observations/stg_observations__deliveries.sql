select
    delivery_id,
    file_name,
    sha256,
    size_bytes,
    received_at,
    outcome,
    vintage_id,
    row_count,
    kept_at as kept_at_path,
    problem_count,
    problems,
    warnings
from {{ source('observations', 'deliveries') }}
