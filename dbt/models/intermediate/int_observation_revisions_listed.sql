-- A table, not a view: it is read by several models and tests, and recomputing it each time
-- made the 7 M-row scale set (make benchmark) spend minutes on it.
{{ config(materialized='table') }}

-- Each time a later vintage changed the value or the status of a series point. Only vintages that
-- count (validity_status 'geldig'): a withdrawn vintage is neither the new nor the previous side of
-- a revision, and the vintage after it is compared with the one before it.
with ordered as (
    select
        *,
        lag(vintage_id) over series as previous_vintage_id,
        lag(value) over series as previous_value,
        lag(observation_status) over series as previous_status
    from {{ ref('int_observations_vintaged') }}
    where validity_status = 'geldig'
    window series as (
        partition by indicator_code, region_code, period_label, breakdown
        order by vintage_rank desc
    )
)

select
    indicator_code,
    region_code,
    period_label,
    period_year,
    breakdown,
    previous_vintage_id,
    vintage_id,
    previous_value,
    value,
    value - previous_value as value_change,
    previous_status,
    observation_status,
    case
        when value <> previous_value and observation_status <> previous_status then 'waarde en status'
        when value <> previous_value then 'waarde'
        else 'status'
    end as change_kind
from ordered
where previous_vintage_id is not null
  and (value <> previous_value or observation_status <> previous_status)
