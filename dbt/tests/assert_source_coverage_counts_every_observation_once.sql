-- fct_source_coverage (the Bronnen dashboard) counts every observation of fct_observations once,
-- under its indicator and vintage, and the provisional ones among them.
{{ config(meta={'dagster': {'ref': {'name': 'fct_source_coverage'}}}) }}
with observed as (
    select
        indicator_key,
        vintage_key,
        count(*) as observation_count,
        count(*) filter (where observation_status = 'voorlopig') as provisional_count
    from {{ ref('fct_observations') }}
    group by indicator_key, vintage_key
)

select
    coalesce(coverage.indicator_key, observed.indicator_key) as indicator_key,
    coalesce(coverage.vintage_key, observed.vintage_key) as vintage_key,
    coverage.observation_count,
    observed.observation_count as observations_in_fct_observations,
    coverage.provisional_count,
    observed.provisional_count as provisional_in_fct_observations
from {{ ref('fct_source_coverage') }} as coverage
full outer join observed
    on observed.indicator_key = coverage.indicator_key and observed.vintage_key = coverage.vintage_key
where coverage.observation_count is distinct from observed.observation_count
   or coverage.provisional_count is distinct from observed.provisional_count
