-- Grain: indicator x target x series (region x breakdown) x assessment vintage x base-year setting.
-- The headline verdict for a dashboard is is_latest_vintage and is_primary_base_year; the other rows
-- show how the verdict depends on the vintage and the base year.
with progress as (
    select * from {{ ref('int_progress_measured') }}
),

targets as (
    select target_code, mission_code from {{ ref('stg_catalogue__targets') }}
),

missions as (
    select mission_code, theme_code from {{ ref('stg_catalogue__missions') }}
),

indicators as (
    select indicator_code, unit from {{ ref('stg_catalogue__indicators') }}
)

select
    progress.assessment_key as progress_key,
    progress.indicator_code as indicator_key,
    progress.target_code as target_key,
    targets.mission_code as mission_key,
    missions.theme_code as theme_key,
    progress.region_code as region_key,
    progress.breakdown,
    progress.as_of_vintage_id as vintage_key,
    coalesce(progress.base_year_used::varchar, '-1') as base_period_key,
    coalesce(progress.current_year::varchar, '-1') as current_period_key,
    progress.target_year::varchar as target_period_key,
    progress.is_latest_as_of as is_latest_vintage,
    progress.is_primary_base_year,
    progress.target_is_current,
    progress.method,
    progress.method_variant,
    progress.base_year_setting,
    progress.base_year_used,
    progress.base_value,
    progress.current_year,
    progress.current_value,
    progress.current_status,
    indicators.unit,
    progress.series_point_count,
    progress.target_year,
    round(progress.target_value_absolute, 6) as target_value_absolute,
    progress.target_value_missing_reason,
    progress.desired_direction,
    progress.observed_cagr,
    progress.required_cagr,
    progress.observed_linear_change_per_year,
    progress.required_linear_change_per_year,
    progress.progress_value,
    progress.progress_ratio,
    progress.threshold_high,
    progress.threshold_medium,
    progress.is_target_achieved,
    progress.status_code,
    {{ progress_status_label('progress.status_code', 'progress.method_variant') }} as status_nl,
    progress.status_rank,
    progress.insufficient_data_reason,
    progress.path_start_year,
    progress.path_start_value,
    progress.path_value_now,
    progress.trend_window_years,
    progress.trend_first_year,
    progress.trend_point_count,
    progress.trend_slope_per_year,
    progress.projected_value_in_target_year,
    progress.projected_gap_to_target,
    progress.is_projected_to_meet_target,
    -- one sentence a reader can check against the numbers
    case
        when progress.status_code = 'onvoldoende_gegevens' then progress.insufficient_data_reason
        when progress.method_variant = 'nuldoel_lineair'
            then 'Van ' || progress.base_year_used || ' tot ' || progress.current_year || ' gemiddeld '
                || replace(printf('%+.2f', progress.observed_linear_change_per_year), '.', ',') || ' ' || indicators.unit
                || ' per jaar; nodig voor nul in ' || progress.target_year || ' (rechte lijn): '
                || replace(printf('%+.2f', progress.required_linear_change_per_year), '.', ',') || ' per jaar (verhouding '
                || replace(printf('%.2f', progress.progress_ratio), '.', ',') || ').'
        else 'Van ' || progress.base_year_used || ' tot ' || progress.current_year || ' gemiddeld '
            || replace(printf('%+.1f', progress.observed_cagr * 100), '.', ',') || '% per jaar'
            || case when progress.required_cagr is not null
                then '; nodig tot ' || progress.target_year || ': ' || replace(printf('%+.1f', progress.required_cagr * 100), '.', ',')
                    || '% per jaar (verhouding ' || replace(printf('%.2f', progress.progress_ratio), '.', ',') || ').'
                else '; geen doelwaarde in de eenheid van de indicator, dus alleen tempo en richting beoordeeld.'
            end
    end as explanation_nl
from progress
inner join targets using (target_code)
inner join missions on missions.mission_code = targets.mission_code
inner join indicators using (indicator_code)
