-- A table, not a view: it is read by several models and tests, and recomputing it each time
-- made the 7 M-row scale set (make benchmark) spend minutes on it.
{{ config(materialized='table') }}

-- Each target turned into a value in the indicator's own unit, per series (region x breakdown) and
-- per assessment vintage. The base-year value comes from the same vintage as the assessment,
-- because CBS recalculates whole series (1990 was 220.5 Mt in older releases, 228.1 now): a target
-- of -55% against 1990 means a different number of Mt in each release.
with links as (
    select * from {{ ref('stg_catalogue__indicator_targets') }}
),

targets as (
    select * from {{ ref('stg_catalogue__targets') }}
),

series as (
    select distinct indicator_code, region_code, breakdown, as_of_vintage_id, is_latest_as_of
    from {{ ref('int_observations_as_of') }}
),

single_years as (
    -- a base year is a calendar year; multi-year periods (2015-2018) cannot serve as one
    select indicator_code, region_code, breakdown, as_of_vintage_id, period_year, value, value_vintage_id
    from {{ ref('int_observations_as_of') }}
    where period_label = period_year::varchar
)

select
    series.indicator_code,
    links.target_code,
    series.region_code,
    series.breakdown,
    series.as_of_vintage_id,
    series.is_latest_as_of,
    targets.target_year,
    targets.quantification,
    targets.target_value as target_value_stated,
    targets.target_unit,
    targets.desired_direction as target_direction,
    targets.base_year as target_base_year,
    targets.is_current as target_is_current,
    targets.document_code,
    base.value as target_base_value,
    base.value_vintage_id as target_base_value_vintage_id,
    case targets.quantification
        when 'relatief' then base.value * (1 + targets.target_value / 100)
        when 'absoluut' then base.value + targets.target_value
        when 'nul' then 0
    end as target_value_absolute,
    case
        when targets.quantification = 'kwalitatief' then 'Kwalitatief doel: de bron noemt geen getal.'
        when targets.quantification = 'rangorde' then 'Rangorde-doel: niet uit te drukken in de eenheid van de indicator.'
        when targets.quantification = 'nul' then null
        when targets.base_year is null then 'De bron noemt geen basisjaar, dus de doelwaarde is niet in de eenheid van de indicator af te leiden.'
        when base.value is null then 'Het basisjaar ' || targets.base_year || ' staat niet in deze versie van de reeks.'
    end as target_value_missing_reason
from series
inner join links on links.indicator_code = series.indicator_code
inner join targets on targets.target_code = links.target_code
left join single_years as base
    on base.indicator_code = series.indicator_code
   and base.region_code = series.region_code
   and base.breakdown = series.breakdown
   and base.as_of_vintage_id = series.as_of_vintage_id
   and base.period_year = targets.base_year
