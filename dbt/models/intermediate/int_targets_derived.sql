-- A table, not a view: it is read by several models and tests, and recomputing it each time
-- made the 7 M-row scale set (make benchmark) spend minutes on it.
{{ config(materialized='table') }}

-- Each target turned into a value in the indicator's own unit, per series (region x breakdown) and
-- per assessment vintage. The base-year value comes from the same vintage as the assessment,
-- because CBS recalculates whole series (1990 was 220.5 Mt in older releases, 228.1 now): a target
-- of -55% against 1990 means a different number of Mt in each release.
--
-- Base years (docs/methodologie.md, "Basisjaar zonder bron"):
--   * the one the source names (basisjaar in the catalogue): only a calendar-year value counts;
--   * where the source names none, the project's choice per theme, the dbt var
--     target_base_year_chosen (GZ: 2019), for relative and absolute targets only. A chosen base
--     year is marked as chosen on every row. Its value is the period that starts in that year: the
--     year itself in a yearly series, the four-year period 2019-2022 in a multi-year one.
{%- set chosen = var('target_base_year_chosen') %}

with links as (
    select * from {{ ref('stg_catalogue__indicator_targets') }}
),

targets as (
    select * from {{ ref('stg_catalogue__targets') }}
),

missions as (
    select mission_code, theme_code from {{ ref('stg_catalogue__missions') }}
),

chosen_base_years as (
    {%- if chosen is mapping and chosen | length > 0 %}
    {%- for theme, year in chosen.items() %}
    select '{{ theme }}' as theme_code, {{ year }}::integer as base_year
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
    {%- else %}
    select null::varchar as theme_code, null::integer as base_year
    where false
    {%- endif %}
),

targets_with_base as (
    select
        targets.*,
        case
            when targets.base_year is not null then targets.base_year
            when targets.quantification in ('relatief', 'absoluut') then chosen_base_years.base_year
        end as effective_base_year,
        case
            when targets.base_year is not null then 'bron'
            when targets.quantification in ('relatief', 'absoluut') and chosen_base_years.base_year is not null then 'gekozen'
        end as base_year_origin
    from targets
    inner join missions using (mission_code)
    left join chosen_base_years using (theme_code)
),

series as (
    select distinct indicator_code, region_code, breakdown, as_of_vintage_id, is_latest_as_of
    from {{ ref('int_observations_as_of') }}
),

base_candidates as (
    -- every period with the year it starts in: '2019' starts in 2019, and so does '2019-2022'
    select
        indicator_code, region_code, breakdown, as_of_vintage_id, period_label, period_year, value, value_vintage_id,
        split_part(period_label, '-', 1)::integer as first_year,
        period_label = period_year::varchar as is_single_year
    from {{ ref('int_observations_as_of') }}
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
    targets.effective_base_year as target_base_year,
    targets.base_year_origin as target_base_year_origin,
    targets.is_current as target_is_current,
    targets.document_code,
    base.period_label as target_base_period_label,
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
        when targets.effective_base_year is null then 'De bron noemt geen basisjaar, dus de doelwaarde is niet in de eenheid van de indicator af te leiden.'
        when base.value is null and targets.base_year_origin = 'gekozen'
            then 'Geen periode die begint in het gekozen basisjaar ' || targets.effective_base_year || ' in deze versie van de reeks.'
        when base.value is null then 'Het basisjaar ' || targets.effective_base_year || ' staat niet in deze versie van de reeks.'
    end as target_value_missing_reason
from series
inner join links on links.indicator_code = series.indicator_code
inner join targets_with_base as targets on targets.target_code = links.target_code
left join base_candidates as base
    on base.indicator_code = series.indicator_code
   and base.region_code = series.region_code
   and base.breakdown = series.breakdown
   and base.as_of_vintage_id = series.as_of_vintage_id
   and base.first_year = targets.effective_base_year
   -- a base year the source names is a calendar year: a multi-year period cannot serve as one
   and (base.is_single_year or targets.base_year_origin = 'gekozen')
