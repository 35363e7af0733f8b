-- Warns (does not fail the build) when an indicator is behind its source's release rhythm:
-- someone should deliver the newer figures. Shown in Dagster as a warning on fct_indicator_freshness.
{{ config(severity='warn') }}
select indicator_key, latest_period_year, expected_latest_period_year
from {{ ref('fct_indicator_freshness') }}
where is_overdue
