-- A table, not a view: it is read by several models and tests, and recomputing it each time
-- made the 7 M-row scale set (make benchmark) spend minutes on it.
{{ config(materialized='table') }}

-- Every observation of every vintage, with its provenance, whether it still counts, and its place
-- among the vintages of the same series point that do count. The latest vintage is the one published
-- last; where the source gives no publication date it counts as older than any dated one; ties go to
-- the vintage loaded last.
-- What does not count (docs/aanleveren.md, "Een versie intrekken"): a withdrawn vintage (raw_observations.withdrawals,
-- `make intrekken`) and an indicator no longer in the reference (indicatoren.yml), "vervallen". Those
-- rows stay, marked, with no rank: they are never latest and never enter a verdict.
with observations as (
    select *, false as is_derived from {{ ref('stg_observations__observations') }}
    union all by name
    select *, true as is_derived from {{ ref('int_observations_derived') }}
),

vintages as (
    select * from {{ ref('stg_observations__vintages') }}
),

withdrawals as (
    select * from {{ ref('stg_observations__withdrawals') }}
),

known_indicators as (
    select indicator_code from {{ ref('stg_catalogue__indicators') }}
),

joined as (
    select
        observations.*,
        vintages.source_kind,
        vintages.file_name,
        vintages.publisher,
        vintages.source_table,
        vintages.source_url,
        vintages.release_date,
        vintages.release_precision,
        coalesce(vintages.retrieved_on, cast(vintages.loaded_at as date)) as retrieved_on,
        vintages.loaded_at,
        vintages.delivery_id,
        withdrawals.vintage_id is not null as is_withdrawn,
        withdrawals.withdrawn_at,
        withdrawals.withdrawal_reason,
        withdrawals.withdrawn_by,
        known_indicators.indicator_code is null as is_lapsed
    from observations
    inner join vintages using (vintage_id)
    left join withdrawals using (vintage_id)
    left join known_indicators using (indicator_code)
),

classified as (
    select
        *,
        case
            when is_withdrawn then 'ingetrokken'
            when is_lapsed then 'vervallen'
            else 'geldig'
        end as validity_status
    from joined
)

select
    *,
    case when validity_status = 'geldig' then row_number() over (
        partition by indicator_code, region_code, period_label, breakdown, validity_status = 'geldig'
        order by {{ vintage_order(descending=true) }}
    ) end as vintage_rank,
    count(*) filter (where validity_status = 'geldig')
        over (partition by indicator_code, region_code, period_label, breakdown) as vintage_count
from classified
