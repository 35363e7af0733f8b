select
    vintage_id,
    row_number as source_row_number,
    indicator_code,
    region_code,
    period_label,
    period_year,
    breakdown,
    value,
    unit,
    status as observation_status,
    note as source_note
from {{ source('observations', 'observations') }}
