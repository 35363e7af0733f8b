with indicators as (
    select * from {{ ref('stg_catalogue__indicators') }}
),

lapsed as (
    select observations.indicator_code, any_value(observations.unit) as unit
    from {{ ref('stg_observations__observations') }} as observations
    anti join indicators using (indicator_code)
    group by observations.indicator_code
),

targets as (
    select indicator_code, string_agg(target_code, ', ' order by target_code) as target_codes
    from {{ ref('stg_catalogue__indicator_targets') }}
    group by indicator_code
)

select
    indicators.indicator_code as indicator_key,
    indicators.indicator_code,
    indicators.indicator_name_nl,
    indicators.indicator_name_en,
    indicators.unit,
    indicators.desired_direction,
    indicators.natural_limit,
    indicators.owner,
    indicators.mission_code as mission_key,
    targets.target_codes,
    indicators.allowed_breakdowns,
    indicators.derived_from_indicator_code is not null as is_derived,
    coalesce(indicators.derived_from_indicator_code, '-1') as derived_from_indicator_key,
    case when indicators.derived_from_indicator_code is not null
        then 'Verschil ' || indicators.derivation_high_group || ' min ' || indicators.derivation_low_group
            || ' van ' || indicators.derived_from_indicator_code || ', per overige uitsplitsing, periode en versie'
    end as derivation_nl,
    indicators.period_type,
    indicators.period_length_years,
    indicators.measurement_fit,
    indicators.proxy_explanation_nl,
    coalesce(indicators.release_interval_years, 1) as release_interval_years,
    coalesce(indicators.release_interval_years, 1) > 1 as is_published_less_than_yearly,
    indicators.release_interval_source,
    indicators.regions_add_up,
    'actief' as indicator_status
from indicators
left join targets using (indicator_code)

union all

-- Indicators removed from indicatoren.yml whose values are still stored: kept as members so those
-- values stay queryable (marked vervallen in fct_observations), with nothing but their code and unit.
select
    lapsed.indicator_code as indicator_key,
    lapsed.indicator_code,
    'Vervallen indicator ' || lapsed.indicator_code || ' (niet meer in indicatoren.yml)',
    'Lapsed indicator ' || lapsed.indicator_code || ' (no longer in the reference)',
    lapsed.unit,
    null,
    null,
    null,
    '-1',
    null,
    null,
    false,
    '-1',
    null,
    null,
    null,
    null,
    null,
    null,
    false,
    null,
    null,
    'vervallen'
from lapsed

union all

select
    '-1', '-1', 'Onbekende indicator', 'Unknown indicator', null, null, null, null, '-1', null, null, false, '-1',
    null, null, null, null, null, null, false, null, null, 'onbekend'
