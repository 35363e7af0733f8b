-- Grain: one indicator. Is its latest year as recent as its source's release rhythm allows today?
-- A year's figure is due `release_lag_months` after that year ends, so on date D the latest year
-- that should be there is year(D - lag months) - 1 (GHG, 9 months: on 24-11-2026 that is 2025).
with indicators as (
    select * from {{ ref('stg_catalogue__indicators') }}
),

latest as (
    select indicator_code, max(period_year) as latest_period_year
    from {{ ref('int_observations_vintaged') }}
    where vintage_rank = 1
    group by indicator_code
)

select
    indicators.indicator_code as indicator_key,
    current_date as checked_on,
    latest.latest_period_year,
    indicators.release_lag_months,
    indicators.release_lag_source,
    case when indicators.release_lag_months is not null
        then year(current_date - to_months(indicators.release_lag_months)) - 1
    end as expected_latest_period_year,
    case when indicators.release_lag_months is not null and latest.latest_period_year is not null
        then greatest(year(current_date - to_months(indicators.release_lag_months)) - 1 - latest.latest_period_year, 0)
    end as years_behind,
    coalesce(
        indicators.release_lag_months is not null
        and latest.latest_period_year < year(current_date - to_months(indicators.release_lag_months)) - 1,
        false
    ) as is_overdue,
    case
        when latest.latest_period_year is null then 'geen gegevens'
        when indicators.release_lag_months is null then 'ritme onbekend'
        when latest.latest_period_year < year(current_date - to_months(indicators.release_lag_months)) - 1 then 'achterstallig'
        else 'actueel'
    end as freshness_status
from indicators
left join latest using (indicator_code)
