-- Grain: one indicator. Is its latest year as recent as its source's release rhythm allows today?
-- A year's figure is due `release_lag_months` after that year ends, so on date D the newest year that
-- can be out is year(D - lag months) - 1 (GHG, 9 months: on 24-11-2026 that is 2025). A series
-- measured every n years (ritme_jaren) is due n years after its latest measurement, not every year.
-- var checked_on (a date) stands in for today in the unit test.
{% set checked_on = "date '" ~ var('checked_on') ~ "'" if var('checked_on', none) else 'current_date' %}
with indicators as (
    select * from {{ ref('stg_catalogue__indicators') }}
),

latest as (
    select indicator_code, max(period_year) as latest_period_year
    from {{ ref('int_observations_vintaged') }}
    where vintage_rank = 1
    group by indicator_code
),

rhythm as (
    select
        indicators.indicator_code,
        indicators.release_lag_months,
        indicators.release_lag_source,
        coalesce(indicators.release_interval_years, 1) as interval_years,
        latest.latest_period_year,
        year({{ checked_on }} - to_months(indicators.release_lag_months)) - 1 as newest_year_out
    from indicators
    left join latest using (indicator_code)
),

expected as (
    select
        *,
        case
            when release_lag_months is null then null
            when latest_period_year is null or newest_year_out <= latest_period_year then newest_year_out
            -- the last measurement year of the rhythm that can be out: latest, latest + n, ...
            else latest_period_year + (newest_year_out - latest_period_year) // interval_years * interval_years
        end as expected_latest_period_year
    from rhythm
)

select
    indicator_code as indicator_key,
    {{ checked_on }} as checked_on,
    latest_period_year,
    release_lag_months,
    release_lag_source,
    expected_latest_period_year,
    case when latest_period_year is not null and expected_latest_period_year is not null
        then greatest(expected_latest_period_year - latest_period_year, 0)
    end as years_behind,
    coalesce(latest_period_year < expected_latest_period_year, false) as is_overdue,
    case
        when latest_period_year is null then 'geen gegevens'
        when release_lag_months is null then 'ritme onbekend'
        when latest_period_year < expected_latest_period_year then 'achterstallig'
        else 'actueel'
    end as freshness_status
from expected
