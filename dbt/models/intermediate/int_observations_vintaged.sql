-- A table, not a view: it is read by several models and tests, and recomputing it each time
-- made the 7 M-row scale set (make benchmark) spend minutes on it.
{{ config(materialized='table') }}

-- Every observation of every vintage, with its provenance and its place among the vintages of
-- the same series point. The latest vintage is the one published last; where the source gives no
-- publication date it counts as older than any dated one; ties go to the vintage loaded last.
with observations as (
    select *, false as is_derived from {{ ref('stg_observations__observations') }}
    union all by name
    select *, true as is_derived from {{ ref('int_observations_derived') }}
),

vintages as (
    select * from {{ ref('stg_observations__vintages') }}
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
        vintages.delivery_id
    from observations
    inner join vintages using (vintage_id)
)

select
    *,
    row_number() over (
        partition by indicator_code, region_code, period_label, breakdown
        order by release_date desc nulls last, loaded_at desc, vintage_id desc
    ) as vintage_rank,
    count(*) over (partition by indicator_code, region_code, period_label, breakdown) as vintage_count
from joined
