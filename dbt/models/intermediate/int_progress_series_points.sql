-- A table, not a view: it is read by several models and tests, and recomputing it each time
-- made the 7 M-row scale set (make benchmark) spend minutes on it.
{{ config(materialized='table') }}

-- The input of every progress assessment, one row per series point: which indicator, target,
-- series (region x breakdown), assessment vintage and base-year setting it belongs to, the target in
-- the indicator's unit, and the point's year and value. int_progress_measured does the arithmetic.
{%- set base_years = var('progress_base_years') %}

with settings as (
    {%- for year in base_years %}
    select {{ year }} as base_year_setting, {{ 'true' if loop.first else 'false' }} as is_primary_base_year
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
),

targets as (
    select * from {{ ref('int_targets_derived') }}
    -- a target without a year (e.g. "in de toekomst") cannot be tracked over time
    where target_year is not null
),

indicators as (
    select indicator_code, desired_direction, natural_limit from {{ ref('stg_catalogue__indicators') }}
),

points as (
    select * from {{ ref('int_observations_as_of') }}
)

select
    -- one assessment = one series judged against one target, as known at one vintage, from one base year
    concat_ws('|', targets.as_of_vintage_id, targets.indicator_code, targets.target_code, targets.region_code,
        targets.breakdown, settings.base_year_setting) as assessment_key,
    targets.indicator_code,
    targets.target_code,
    targets.region_code,
    targets.breakdown,
    targets.as_of_vintage_id,
    targets.is_latest_as_of,
    settings.base_year_setting,
    settings.is_primary_base_year,
    {{ var('progress_trend_window_years') }} as trend_window_years,
    targets.target_year,
    targets.target_is_current,
    targets.quantification as target_quantification,
    targets.target_value_absolute,
    targets.target_value_missing_reason,
    indicators.desired_direction,
    indicators.natural_limit,
    points.period_year,
    points.value,
    points.observation_status
from targets
inner join indicators using (indicator_code)
cross join settings
inner join points
    on points.indicator_code = targets.indicator_code
   and points.region_code = targets.region_code
   and points.breakdown = targets.breakdown
   and points.as_of_vintage_id = targets.as_of_vintage_id
