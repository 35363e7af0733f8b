select
    validated_at,
    check_run,
    load_kind,
    suite_name,
    file_name,
    delivery_id,
    vintage_id,
    expectation_type,
    expectation_id,
    rule,
    column_name,
    severity,
    success,
    element_count,
    unexpected_count,
    unexpected_percent
from {{ source('quality', 'validation_results') }}
