-- Every calendar year from 1900 to 2100 (so targets up to "ook na 2100" and any history fit), plus
-- the multi-year periods the sources publish (e.g. 2019-2022, four-year averages).
with years as (
    select range::integer as year from range(1900, 2101)
),

published_periods as (
    select distinct period_label, period_year
    from {{ ref('int_observations_vintaged') }}
)

select
    year::varchar as period_key,
    year::varchar as period_label,
    year as first_year,
    year as last_year,
    1 as year_count,
    'jaar' as period_kind,
    year in (2030, 2040, 2050) as is_mission_milestone_year
from years

union all

select
    period_label as period_key,
    period_label,
    split_part(period_label, '-', 1)::integer,
    period_year,
    period_year - split_part(period_label, '-', 1)::integer + 1,
    'meerjarig',
    false
from published_periods
where period_label not in (select year::varchar from years)

union all

select '-1', 'onbekend', null, null, null, 'onbekend', false
