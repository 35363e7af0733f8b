-- A table, not a view: it is read by several models and tests, and recomputing it each time
-- made the 7 M-row scale set (make benchmark) spend minutes on it.
{{ config(materialized='table') }}

-- Each indicator's series as it was known when each of its vintages came out: for assessment
-- vintage V, every series point takes its value from the latest vintage up to and including V.
-- This lets a delivery carry only new years and still be assessed on the whole series, and it
-- keeps every earlier verdict reproducible ("what did we know in March 2021?").
-- Only what counts: a withdrawn vintage is no assessment vintage and gives no value to the others,
-- and an indicator no longer in the reference (vervallen) has no series; so withdrawing a vintage
-- gives back every verdict as it was before that vintage came in.
with observations as (
    select * from {{ ref('int_observations_vintaged') }}
    where validity_status = 'geldig'
),

vintage_order as (
    select * from {{ ref('int_vintages_ordered') }}
),

assessment_vintages as (
    select
        observations.indicator_code,
        observations.vintage_id as as_of_vintage_id,
        vintage_order.vintage_seq as as_of_vintage_seq
    from observations
    inner join vintage_order using (vintage_id)
    group by all
),

candidates as (
    select
        assessment_vintages.as_of_vintage_id,
        assessment_vintages.as_of_vintage_seq,
        observations.*,
        row_number() over (
            partition by assessment_vintages.as_of_vintage_id, observations.indicator_code,
                observations.region_code, observations.period_label, observations.breakdown
            order by vintage_order.vintage_seq desc
        ) as recency
    from assessment_vintages
    inner join observations
        on observations.indicator_code = assessment_vintages.indicator_code
    inner join vintage_order
        on vintage_order.vintage_id = observations.vintage_id
       and vintage_order.vintage_seq <= assessment_vintages.as_of_vintage_seq
)

select
    as_of_vintage_id,
    as_of_vintage_seq = max(as_of_vintage_seq) over (partition by indicator_code) as is_latest_as_of,
    indicator_code,
    region_code,
    breakdown,
    period_label,
    period_year,
    value,
    unit,
    observation_status,
    vintage_id as value_vintage_id
from candidates
where recency = 1
