-- Each official outlook (data/reference/uitzichten.yml) with its range in the indicator's own unit,
-- so a chart can draw it beside the target and the project's own trend. A range in percent against a
-- reference year ("44-52 % less than in 1990") is converted with the indicator's value in that year
-- from the vintage the dashboards show (the latest), the same value the target line is computed from:
--   value_min = reference value x (1 - high / 100), value_max = reference value x (1 - low / 100).
-- The percentages are what the publisher published; the converted values are derived, and say so.
-- Outlooks are national totals: region NL, breakdown totaal.
with outlooks as (
    select * from {{ ref('stg_catalogue__outlooks') }}
),

indicators as (
    select indicator_code, unit from {{ ref('stg_catalogue__indicators') }}
),

targets as (
    select target_code, quantification, target_value, base_year from {{ ref('stg_catalogue__targets') }}
),

reference_points as (
    -- calendar years only: a multi-year period is no reference year
    select indicator_code, period_year, value, as_of_vintage_id, value_vintage_id
    from {{ ref('int_observations_as_of') }}
    where is_latest_as_of and region_code = 'NL' and breakdown = 'totaal' and period_label = period_year::varchar
),

joined as (
    select
        outlooks.*,
        'NL' as region_code,
        'totaal' as breakdown,
        indicators.unit,
        outlooks.stated_unit = '% reductie t.o.v. referentiejaar' as is_percent_reduction,
        targets.quantification as target_quantification,
        targets.target_value as target_value_stated,
        targets.base_year as target_base_year,
        reference_points.value as reference_value,
        reference_points.as_of_vintage_id as reference_as_of_vintage_id,
        reference_points.value_vintage_id as reference_value_vintage_id
    from outlooks
    inner join indicators using (indicator_code)
    left join targets using (target_code)
    left join reference_points
        on reference_points.indicator_code = outlooks.indicator_code
       and reference_points.period_year = outlooks.reference_year
       and outlooks.stated_unit = '% reductie t.o.v. referentiejaar'
),

converted as (
    select
        *,
        case
            when is_percent_reduction then reference_value * (1 - stated_high / 100)
            else stated_low
        end as value_min_unrounded,
        case
            when is_percent_reduction then reference_value * (1 - stated_low / 100)
            else stated_high
        end as value_max_unrounded
    from joined
)

select
    outlook_key,
    outlook_code,
    publisher,
    publisher_short,
    outlook_series,
    edition,
    title,
    published_on,
    published_on_text,
    url,
    quote_text,
    note_nl,
    policy_variant_nl,
    target_code,
    indicator_code,
    region_code,
    breakdown,
    outlook_year,
    stated_low,
    stated_high,
    stated_unit,
    reference_year,
    chance_of_target_at_most_pct,
    chance_text_nl,
    target_value_stated,
    -- the target's own reduction inside the published range: only comparable for a relative target
    -- against the same reference year (-55 % against 1990 with a range of reductions against 1990)
    case
        when is_percent_reduction and target_quantification = 'relatief' and target_base_year = reference_year
            then -target_value_stated between stated_low and stated_high
    end as is_target_within_range,
    reference_value,
    reference_as_of_vintage_id,
    reference_value_vintage_id,
    unit,
    is_percent_reduction as is_derived,
    round(value_min_unrounded, 3) as value_min,
    round(value_max_unrounded, 3) as value_max,
    case
        when not is_percent_reduction then null
        when reference_value is null then null
        else 'Omgerekend met ' || indicator_code || ' in ' || reference_year || ' = '
            || replace(printf('%.1f', reference_value), '.', ',') || ' ' || unit || ' (versie ' || reference_value_vintage_id
            || '): ' || replace(printf('%.1f', reference_value), '.', ',') || ' × (1 − '
            || replace(printf('%g', stated_high), '.', ',') || ' %) = ' || replace(printf('%.1f', value_min_unrounded), '.', ',')
            || ' tot ' || replace(printf('%.1f', reference_value), '.', ',') || ' × (1 − '
            || replace(printf('%g', stated_low), '.', ',') || ' %) = ' || replace(printf('%.1f', value_max_unrounded), '.', ',')
            || ' ' || unit || '.'
    end as derivation_nl,
    case
        when is_percent_reduction and reference_value is null
            then 'De waarde van ' || indicator_code || ' in ' || reference_year
                || ' staat niet in de laatste versie van de reeks; de bandbreedte is niet om te rekenen.'
    end as value_missing_reason
from converted
