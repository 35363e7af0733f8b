-- Every stored observation (every vintage, withdrawn and lapsed ones included: they stay queryable,
-- marked) is one row of fct_observations, with its value; the facts hold nothing that was not
-- stored, apart from derived values (is_derived), which are computed from stored ones.
{{ config(meta={'dagster': {'ref': {'name': 'fct_observations'}}}) }}
with stored as (
    select vintage_id, indicator_code, region_code, period_label, breakdown, value
    from {{ ref('stg_observations__observations') }}
),

facts as (
    select vintage_key, indicator_key, region_key, period_label, breakdown, value
    from {{ ref('fct_observations') }}
    where not is_derived
)

select
    coalesce(stored.vintage_id, facts.vintage_key) as vintage_key,
    coalesce(stored.indicator_code, facts.indicator_key) as indicator_key,
    coalesce(stored.period_label, facts.period_label) as period_label,
    coalesce(stored.breakdown, facts.breakdown) as breakdown,
    stored.value as stored_value,
    facts.value as fact_value
from stored
full outer join facts
    on facts.vintage_key = stored.vintage_id
    and facts.indicator_key = stored.indicator_code
    and facts.region_key = stored.region_code
    and facts.period_label = stored.period_label
    and facts.breakdown = stored.breakdown
where stored.vintage_id is null or facts.vintage_key is null or stored.value is distinct from facts.value
