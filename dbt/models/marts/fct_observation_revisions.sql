-- What changed between consecutive vintages of the same series point.
select
    indicator_code as indicator_key,
    region_code as region_key,
    period_label,
    period_year,
    breakdown,
    previous_vintage_id as previous_vintage_key,
    vintage_id as vintage_key,
    previous_value,
    value,
    value_change,
    previous_status,
    observation_status,
    change_kind
from {{ ref('int_observation_revisions_listed') }}
