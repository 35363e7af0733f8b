-- Grain: outlook edition x target x indicator (PBL KEV 2022, 2024, 2025 x the Klimaatwet -55 % x
-- BKG_TOTAAL). The range as published, and in the indicator's unit where it had to be converted
-- (marked derived, with the arithmetic). An outlook is not an observation: it is never part of a
-- series or a verdict, only drawn beside them (fct_indicator_chart_series, kind 'raming').
with outlooks as (
    select * from {{ ref('int_outlooks_converted') }}
),

targets as (
    select target_code, mission_code from {{ ref('stg_catalogue__targets') }}
),

missions as (
    select mission_code, theme_code from {{ ref('stg_catalogue__missions') }}
)

select
    outlooks.outlook_key,
    outlooks.outlook_code,
    outlooks.indicator_code as indicator_key,
    outlooks.target_code as target_key,
    targets.mission_code as mission_key,
    missions.theme_code as theme_key,
    outlooks.region_code as region_key,
    outlooks.breakdown,
    outlooks.outlook_year::varchar as outlook_period_key,
    coalesce(outlooks.reference_value_vintage_id, '-1') as reference_value_vintage_key,
    outlooks.publisher,
    outlooks.publisher_short,
    outlooks.outlook_series,
    outlooks.edition,
    outlooks.outlook_series || ' ' || outlooks.edition || ' (' || outlooks.publisher_short || ')' as outlook_label_nl,
    outlooks.title,
    outlooks.published_on,
    outlooks.published_on_text,
    outlooks.url,
    outlooks.quote_text,
    outlooks.note_nl,
    outlooks.policy_variant_nl,
    outlooks.outlook_year,
    outlooks.stated_low,
    outlooks.stated_high,
    outlooks.stated_unit,
    outlooks.reference_year,
    outlooks.chance_of_target_at_most_pct,
    outlooks.chance_text_nl,
    outlooks.target_value_stated,
    outlooks.is_target_within_range,
    outlooks.reference_value,
    outlooks.unit,
    outlooks.is_derived,
    outlooks.value_min,
    outlooks.value_max,
    outlooks.derivation_nl,
    outlooks.value_missing_reason,
    row_number() over (partition by outlooks.target_code, outlooks.indicator_code order by outlooks.edition desc)
        = 1 as is_latest_edition
from outlooks
inner join targets using (target_code)
inner join missions using (mission_code)
