-- One row per vintage, with whether it still counts (docs/aanleveren.md, "Een versie intrekken"): withdrawn (ingetrokken,
-- with when, by whom and why), its indicators no longer in the reference (vervallen, or deels
-- vervallen when only some are), or geldig. A vintage that does not count stays here and in
-- fct_observations, so "what was published, and what did we do with it" stays answerable.
with vintages as (
    select * from {{ ref('stg_observations__vintages') }}
),

vintage_order as (
    select * from {{ ref('int_vintages_ordered') }}
),

withdrawals as (
    select * from {{ ref('stg_observations__withdrawals') }}
),

known_indicators as (
    select indicator_code from {{ ref('stg_catalogue__indicators') }}
),

observation_counts as (
    select
        observations.vintage_id,
        count(*) as observation_count,
        count(*) filter (where known_indicators.indicator_code is null) as lapsed_observation_count,
        string_agg(distinct observations.indicator_code, ', ' order by observations.indicator_code)
            filter (where known_indicators.indicator_code is null) as lapsed_indicator_codes
    from {{ ref('stg_observations__observations') }} as observations
    left join known_indicators using (indicator_code)
    group by observations.vintage_id
)

select
    vintages.vintage_id as vintage_key,
    vintage_order.vintage_seq::integer as vintage_seq,
    vintages.source_kind,
    {{ source_key('vintages.publisher', 'vintages.source_table', 'vintages.source_url') }} as source_key,
    vintages.file_name,
    vintages.sha256,
    vintages.publisher,
    vintages.source_table,
    vintages.source_url,
    vintages.release_date,
    vintages.release_precision,
    {{ release_label('vintages.release_date', 'vintages.release_precision') }} as release_label,
    coalesce(vintages.retrieved_on, cast(vintages.loaded_at as date)) as retrieved_on,
    vintages.row_count,
    vintages.loaded_at,
    vintages.delivery_id,
    case
        when withdrawals.vintage_id is not null then 'ingetrokken'
        when observation_counts.lapsed_observation_count = observation_counts.observation_count then 'vervallen'
        when observation_counts.lapsed_observation_count > 0 then 'deels vervallen'
        else 'geldig'
    end as validity_status,
    withdrawals.vintage_id is not null as is_withdrawn,
    withdrawals.withdrawn_at,
    withdrawals.withdrawn_by,
    withdrawals.withdrawal_reason,
    coalesce(observation_counts.lapsed_observation_count, 0)::integer as lapsed_observation_count,
    observation_counts.lapsed_indicator_codes
from vintages
inner join vintage_order using (vintage_id)
left join withdrawals using (vintage_id)
left join observation_counts using (vintage_id)

union all

select '-1', 0, 'onbekend', '-1', null, null, 'Onbekend', 'Onbekend', null, null, 'onbekend', 'onbekend', null, 0, null, null,
    'onbekend', false, null, null, null, 0, null
