-- Grain: one row per mission entry of the catalogue, always, measured or not.
-- Rule (docs/methodologie.md, "Van indicator naar missie en thema"):
--   * what counts: the latest vintage, the primary base year, targets still in force, the Netherlands,
--     and per series only the next target year ahead of its latest data (2030 before 2050: the
--     milestone policy steers on now; the later ones stay in fct_progress);
--   * a mission's indicators are those listed under it or measuring one of its targets; a mission
--     identical to another (LWV-KLIMAATNEUTRAAL = ET-BKG-LANDBOUW) uses the other's;
--   * the mission takes the worst status among its assessed indicator x target x breakdown series
--     (a mission is as far along as its weakest measured part);
--   * no indicator -> 'geen_indicator'; indicators but no assessable series -> 'onvoldoende_gegevens'.
-- Beside the status, how well the mission is measured at all: the longest current series of its
-- indicators (periods, the Netherlands, any breakdown), whether one of them is published less often
-- than yearly (a few periods are then all there is), and in words why there is no indicator or only a
-- proxy (dekking_toelichting in missiecatalogus.yml).
with missions as (
    select * from {{ ref('dim_mission') }}
    where mission_key <> '-1'
),

indicator_missions as (
    select indicator_code, mission_code from {{ ref('stg_catalogue__indicators') }}
    union
    select links.indicator_code, targets.mission_code
    from {{ ref('stg_catalogue__indicator_targets') }} as links
    inner join {{ ref('stg_catalogue__targets') }} as targets using (target_code)
),

mission_indicators as (
    select missions.mission_key, indicator_missions.indicator_code
    from missions
    inner join indicator_missions on indicator_missions.mission_code = missions.canonical_mission_key
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

series_lengths as (
    select indicator_code, max(period_count) as longest_series_period_count
    from (
        select indicator_code, breakdown, count(distinct period_year) as period_count
        from {{ ref('int_observations_vintaged') }}
        where vintage_rank = 1 and region_code = 'NL'
        group by indicator_code, breakdown
    )
    group by indicator_code
),

measured as (
    select
        mission_indicators.mission_key,
        coalesce(max(series_lengths.longest_series_period_count), 0) as longest_series_period_count,
        coalesce(bool_or(indicators.is_published_less_than_yearly and series_lengths.indicator_code is not null), false)
            as has_indicator_published_less_than_yearly
    from mission_indicators
    left join series_lengths using (indicator_code)
    left join indicators on indicators.indicator_code = mission_indicators.indicator_code
    group by mission_indicators.mission_key
),

in_force as (
    select
        *,
        coalesce(
            min(target_year) filter (where target_year >= current_year) over series,
            max(target_year) over series
        ) as next_target_year
    from {{ ref('fct_progress') }}
    where is_latest_vintage and is_primary_base_year and target_is_current and region_key = 'NL'
    window series as (partition by indicator_key, region_key, breakdown)
),

counted_progress as (
    select * exclude (next_target_year) from in_force
    where target_year = next_target_year
),

mission_progress as (
    select
        mission_indicators.mission_key,
        counted_progress.*,
        row_number() over (
            partition by mission_indicators.mission_key
            order by counted_progress.status_rank asc nulls last,
                counted_progress.method_variant asc,  -- met_doelwaarde before zonder_doelwaarde
                counted_progress.target_year asc,
                counted_progress.indicator_key asc, counted_progress.breakdown asc
        ) as severity_order
    from mission_indicators
    inner join counted_progress on counted_progress.indicator_key = mission_indicators.indicator_code
),

summary as (
    select
        mission_indicators.mission_key,
        count(distinct mission_indicators.indicator_code) as indicator_count,
        count(distinct mission_progress.indicator_key) filter (where mission_progress.status_rank is not null) as assessed_indicator_count,
        count(mission_progress.progress_key) filter (where mission_progress.status_rank is not null) as assessed_series_count,
        string_agg(distinct mission_indicators.indicator_code, ', ' order by mission_indicators.indicator_code) as indicator_codes
    from mission_indicators
    left join mission_progress using (mission_key)
    group by mission_indicators.mission_key
),

headline as (
    select * from mission_progress
    where severity_order = 1
)

select
    missions.mission_key,
    missions.theme_key,
    missions.mission_name_nl,
    missions.mission_level,
    missions.counts_in_official_25,
    missions.is_duplicate_entry,
    missions.canonical_mission_key,
    missions.is_quantified as has_quantified_target,
    missions.target_years,
    coalesce(summary.indicator_count, 0)::integer as indicator_count,
    coalesce(summary.assessed_indicator_count, 0)::integer as assessed_indicator_count,
    coalesce(summary.assessed_series_count, 0)::integer as assessed_series_count,
    summary.indicator_codes,
    coalesce(summary.indicator_count, 0) > 0 as has_indicator,
    case
        when coalesce(summary.indicator_count, 0) = 0 then 'geen indicator'
        when coalesce(summary.assessed_indicator_count, 0) = 0 then 'indicator, nog niet te beoordelen'
        else 'gemeten'
    end as coverage_status,
    case
        when coalesce(summary.indicator_count, 0) = 0 then 'geen_indicator'
        when headline.status_rank is null then 'onvoldoende_gegevens'
        else headline.status_code
    end as status_code,
    case
        when coalesce(summary.indicator_count, 0) = 0 then 'Nog geen meetbare indicator'
        when headline.status_rank is null then 'Onvoldoende gegevens'
        else headline.status_nl
    end as status_nl,
    case
        when coalesce(summary.indicator_count, 0) = 0
            then coalesce(missions.coverage_note_nl, 'De missiecatalogus zegt (nog) niet waarom er geen indicator is.')
        else missions.coverage_note_nl
    end as coverage_reason_nl,
    coalesce(measured.longest_series_period_count, 0)::integer as longest_series_period_count,
    coalesce(measured.has_indicator_published_less_than_yearly, false) as has_indicator_published_less_than_yearly,
    headline.status_rank,
    coalesce(headline.indicator_key, '-1') as headline_indicator_key,
    coalesce(headline.target_key, '-1') as headline_target_key,
    coalesce(headline.vintage_key, '-1') as headline_vintage_key,
    headline.breakdown as headline_breakdown,
    headline.current_year as latest_year,
    headline.current_value as latest_value,
    headline.current_status as latest_value_status,
    headline.unit,
    headline.target_year,
    headline.target_value_absolute,
    headline.progress_ratio,
    headline.projected_value_in_target_year,
    headline.method,
    headline.base_year_used,
    headline.explanation_nl
from missions
left join summary using (mission_key)
left join measured using (mission_key)
left join headline using (mission_key)
