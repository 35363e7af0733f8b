-- A table, not a view: it is read by several models and tests, and recomputing it each time
-- made the 7 M-row scale set (make benchmark) spend minutes on it.
{{ config(materialized='table') }}

-- Progress toward a target, by the Open SDG progress method ("inspired by the progress methodology
-- used by Eurostat"; open-sdg/sdg-build, sdg/ProgressMeasure.py), plus a straight path and a trend
-- projection in the style of ESCAP. One row per indicator x target x series x assessment vintage x
-- base-year setting. Rules followed from the method:
--   * the base year is the configured one, or the first year after it that has data;
--   * the current year is the latest year in the series; fewer than one year between them (one
--     point) gives no growth rate;
--   * with a target value: R = sign * direction * CAGR_observed / |CAGR_required|, thresholds
--     0.95 / 0.60 / 0; a target of 0 or a base of 0 is replaced by 0.001 (the method's own rule);
--   * a target of zero by nature (kwantificering 'nul': CO2-free, climate-neutral) is judged on the
--     straight path to zero instead, a deliberate deviation from Open SDG (docs/methodologie.md,
--     "Doelen van nul"): required change per year = (0 - base) / (target year - base year), observed
--     change per year = (current - base) / (current year - base year), R = direction * observed /
--     |required|, the same thresholds (against 0.001 every real series looked like limited progress);
--   * without a target value: the observed CAGR, signed by direction, against 1.5% / 0.5% / 0,
--     thresholds reduced near a natural limit;
--   * a current value already at or past the target is "target achieved", whatever the growth.
-- The statuses are computed on unrounded numbers; the stored numbers are rounded for display.
with points as (
    select * from {{ ref('int_progress_series_points') }}
),

assessments as (
    select
        assessment_key,
        any_value(indicator_code) as indicator_code,
        any_value(target_code) as target_code,
        any_value(region_code) as region_code,
        any_value(breakdown) as breakdown,
        any_value(as_of_vintage_id) as as_of_vintage_id,
        any_value(base_year_setting) as base_year_setting,
        any_value(is_latest_as_of) as is_latest_as_of,
        any_value(is_primary_base_year) as is_primary_base_year,
        any_value(trend_window_years) as trend_window_years,
        any_value(target_year) as target_year,
        any_value(target_is_current) as target_is_current,
        any_value(target_quantification) as target_quantification,
        any_value(target_value_absolute) as target_value_absolute,
        any_value(target_value_missing_reason) as target_value_missing_reason,
        any_value(desired_direction) as desired_direction,
        any_value(natural_limit) as natural_limit,
        max(period_year) as current_year,
        min(period_year) filter (where period_year >= base_year_setting) as base_year_used,
        count(*) as series_point_count
    from points
    group by assessment_key
),

with_points as (
    select
        assessments.*,
        base.value as base_value,
        current_point.value as current_value,
        current_point.observation_status as current_status
    from assessments
    left join points as base
        on base.assessment_key = assessments.assessment_key
       and base.period_year = assessments.base_year_used
       and base.target_code = assessments.target_code
       and base.region_code = assessments.region_code
       and base.breakdown = assessments.breakdown
       and base.as_of_vintage_id = assessments.as_of_vintage_id
       and base.base_year_setting = assessments.base_year_setting
       and base.period_year = assessments.base_year_used
    left join points as current_point
        on current_point.assessment_key = assessments.assessment_key
       and current_point.period_year = assessments.current_year
       and current_point.target_code = assessments.target_code
       and current_point.region_code = assessments.region_code
       and current_point.breakdown = assessments.breakdown
       and current_point.as_of_vintage_id = assessments.as_of_vintage_id
       and current_point.base_year_setting = assessments.base_year_setting
       and current_point.period_year = assessments.current_year
),

trend as (
    select
        assessments.assessment_key,
        min(points.period_year) as trend_first_year,
        count(*) as trend_point_count,
        -- one point has no slope (DuckDB would return NaN, which no dashboard can show)
        case when count(distinct points.period_year) >= 2 then regr_slope(points.value, points.period_year) end as trend_slope,
        case when count(distinct points.period_year) >= 2 then regr_intercept(points.value, points.period_year) end as trend_intercept
    from assessments
    inner join points
        on points.assessment_key = assessments.assessment_key
       and points.period_year > assessments.current_year - assessments.trend_window_years
    group by assessments.assessment_key
),

growth_inputs as (
    select
        with_points.*,
        trend.trend_first_year,
        trend.trend_point_count,
        trend.trend_slope,
        trend.trend_intercept,
        case desired_direction when 'omhoog' then 1 else -1 end as direction_sign,
        case when base_value < 0 then -1 else 1 end as value_sign,
        case when base_value = 0 then 0.001 else base_value end as base_for_growth,
        case when target_value_absolute = 0 then 0.001 else target_value_absolute end as target_for_growth,
        current_year - base_year_used as years_observed,
        target_year - base_year_used as years_required,
        -- the straight path to zero replaces the growth rates only for a target that is zero by nature
        coalesce(target_quantification = 'nul' and target_value_absolute = 0, false) as is_net_zero_target
    from with_points
    left join trend using (assessment_key)
),

growth as (
    select
        *,
        case
            when years_observed >= 1 and current_value / base_for_growth >= 0
                then power(current_value / base_for_growth, 1.0 / years_observed) - 1
        end as observed_cagr,
        case
            when not is_net_zero_target and years_required >= 1 and target_for_growth / base_for_growth > 0
                then power(target_for_growth / base_for_growth, 1.0 / years_required) - 1
        end as required_cagr,
        case when years_observed >= 1 then (current_value - base_value) / years_observed end as observed_linear_change,
        case
            when years_required >= 1 and target_value_absolute is not null
                then (target_value_absolute - base_value) / years_required
        end as required_linear_change,
        target_value_absolute is not null
            and current_value is not null
            and (
                (direction_sign = -1 and current_value <= target_value_absolute)
                or (direction_sign = 1 and current_value >= target_value_absolute)
            ) as is_target_achieved,
        -- the no-target method slows its thresholds near a natural limit (coefficient, exponent 4.44)
        case
            when natural_limit is null or natural_limit = 0 or abs(base_value) >= 2 * abs(natural_limit) then 1.0
            when abs(base_value) <= abs(natural_limit) then 1 - power(abs(base_value) / abs(natural_limit), 4.44)
            else 1 - power((2 * abs(natural_limit) - abs(base_value)) / abs(natural_limit), 4.44)
        end as limit_coefficient
    from growth_inputs
),

scored as (
    select
        *,
        case
            when is_net_zero_target then 'nuldoel_lineair'
            when target_value_absolute is not null then 'met_doelwaarde'
            else 'zonder_doelwaarde'
        end as method_variant,
        case
            when is_net_zero_target
                then direction_sign * observed_linear_change / nullif(abs(required_linear_change), 0)
            when target_value_absolute is not null
                then value_sign * direction_sign * observed_cagr / nullif(abs(required_cagr), 0)
            else value_sign * direction_sign * observed_cagr
        end as progress_value,
        case when target_value_absolute is not null then 0.95 else 0.015 * limit_coefficient end as threshold_high,
        case when target_value_absolute is not null then 0.60 else 0.005 * limit_coefficient end as threshold_medium,
        0.0 as threshold_low,
        trend_intercept + trend_slope * target_year as trend_value_in_target_year
    from growth
),

judged as (
    select
        *,
        case
            when is_target_achieved then 'doel_bereikt'
            when progress_value is null then 'onvoldoende_gegevens'
            when progress_value >= threshold_high then 'substantiele_vooruitgang'
            when progress_value >= threshold_medium then 'matige_vooruitgang'
            when progress_value >= threshold_low then 'beperkte_vooruitgang'
            else 'verslechtering'
        end as status_code,
        case
            when is_target_achieved or progress_value is not null then null
            when current_year is null then 'Geen waarnemingen in deze reeks.'
            when base_year_used is null then 'Geen waarneming in of na het basisjaar ' || base_year_setting || '.'
            when years_observed < 1 then 'Minder dan twee jaren met gegevens vanaf het basisjaar; een groeitempo is niet te berekenen.'
            when is_net_zero_target and base_value = 0 then 'De waarde in het basisjaar is al nul; een vereist tempo naar nul bestaat niet.'
            when is_net_zero_target then 'Het vereiste tempo naar nul is niet te berekenen.'
            when current_value / base_for_growth < 0 then 'Basiswaarde en huidige waarde hebben een verschillend teken; de methode is dan niet toepasbaar.'
            else 'Het vereiste groeitempo is nul of niet te berekenen.'
        end as insufficient_data_reason,
        -- a projection cannot pass a natural limit (emissions do not go below zero)
        case
            when trend_point_count < 2 or trend_value_in_target_year is null then null
            when natural_limit is null then trend_value_in_target_year
            when direction_sign = -1 then greatest(trend_value_in_target_year, natural_limit)
            else least(trend_value_in_target_year, natural_limit)
        end as projected_value_unrounded
    from scored
)

select
    assessment_key,
    indicator_code,
    target_code,
    region_code,
    breakdown,
    as_of_vintage_id,
    is_latest_as_of,
    target_is_current,
    case method_variant
        when 'nuldoel_lineair' then 'Rechte lijn naar nul (verhouding van lineaire tempo''s; afwijking van Open SDG)'
        else 'Open SDG voortgangsmethode (CAGR-verhouding), ' || replace(method_variant, '_', ' ')
    end as method,
    method_variant,
    base_year_setting,
    is_primary_base_year,
    base_year_used,
    base_value,
    current_year,
    current_value,
    current_status,
    series_point_count::integer as series_point_count,
    target_year,
    target_value_absolute,
    target_value_missing_reason,
    desired_direction,
    round(observed_cagr, 6) as observed_cagr,
    round(required_cagr, 6) as required_cagr,
    round(observed_linear_change, 6) as observed_linear_change_per_year,
    round(required_linear_change, 6) as required_linear_change_per_year,
    round(progress_value, 4) as progress_value,
    case when method_variant in ('met_doelwaarde', 'nuldoel_lineair') then round(progress_value, 4) end as progress_ratio,
    round(threshold_high, 6) as threshold_high,
    round(threshold_medium, 6) as threshold_medium,
    is_target_achieved,
    status_code,
    case status_code
        when 'doel_bereikt' then 5
        when 'substantiele_vooruitgang' then 4
        when 'matige_vooruitgang' then 3
        when 'beperkte_vooruitgang' then 2
        when 'verslechtering' then 1
    end as status_rank,
    insufficient_data_reason,
    -- the straight path from the base-year value to the target, and where it says we should be now
    case when target_value_absolute is not null and years_required >= 1 then base_year_used end as path_start_year,
    case when target_value_absolute is not null and years_required >= 1 then base_value end as path_start_value,
    case
        when target_value_absolute is not null and years_required >= 1 and current_year is not null
            then round(base_value + (target_value_absolute - base_value) * (current_year - base_year_used) / years_required, 3)
    end as path_value_now,
    trend_window_years,
    trend_first_year,
    trend_point_count::integer as trend_point_count,
    round(trend_slope, 6) as trend_slope_per_year,
    round(projected_value_unrounded, 3) as projected_value_in_target_year,
    case
        when target_value_absolute is not null and projected_value_unrounded is not null
            then round(projected_value_unrounded - target_value_absolute, 3)
    end as projected_gap_to_target,
    case
        when target_value_absolute is null or projected_value_unrounded is null then null
        when direction_sign = -1 then projected_value_unrounded <= target_value_absolute
        else projected_value_unrounded >= target_value_absolute
    end as is_projected_to_meet_target
from judged
