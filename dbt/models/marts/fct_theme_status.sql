-- Grain: one row per theme. Rule: the theme takes the worst status among its missions that could be
-- assessed; coverage (missions with an indicator, missions assessed) is reported beside it, because
-- a theme with one measured mission out of eight says little about the other seven. Each mission
-- entry of the theme counts, so climate-neutral agriculture counts in both ET and LWV (footnote 2 of
-- the letter); `missions_in_official_25` follows the government's count. Beside "Nog geen meetbare
-- indicator", `coverage_reason_nl` names every mission of the theme without an indicator and why.
with themes as (
    select * from {{ ref('dim_theme') }}
    where theme_key not in ('-1', '-2')
),

missions as (
    select * from {{ ref('fct_mission_status') }}
),

summary as (
    select
        theme_key,
        count(*) as mission_count,
        count(*) filter (where counts_in_official_25) as missions_in_official_25,
        count(*) filter (where has_indicator) as missions_with_indicator,
        count(*) filter (where status_rank is not null) as missions_assessed,
        count(*) filter (where status_code = 'doel_bereikt') as missions_target_achieved,
        count(*) filter (where status_code = 'substantiele_vooruitgang') as missions_substantial_progress,
        count(*) filter (where status_code = 'matige_vooruitgang') as missions_moderate_progress,
        count(*) filter (where status_code = 'beperkte_vooruitgang') as missions_limited_progress,
        count(*) filter (where status_code = 'verslechtering') as missions_deteriorating,
        count(*) filter (where status_code = 'onvoldoende_gegevens') as missions_insufficient_data,
        count(*) filter (where status_code = 'geen_indicator') as missions_without_indicator,
        min(status_rank) as worst_status_rank,
        arg_min(status_code, status_rank) as worst_status_code,
        arg_min(status_nl, status_rank) as worst_status_nl,
        arg_min(mission_key, status_rank) as worst_mission_key,
        string_agg(mission_name_nl || ': ' || coverage_reason_nl, ' | ' order by mission_key)
            filter (where not has_indicator) as coverage_reason_nl
    from missions
    group by theme_key
)

select
    themes.theme_key,
    themes.theme_name_nl,
    themes.sort_order,
    coalesce(summary.mission_count, 0)::integer as mission_count,
    coalesce(summary.missions_in_official_25, 0)::integer as missions_in_official_25,
    coalesce(summary.missions_with_indicator, 0)::integer as missions_with_indicator,
    coalesce(summary.missions_assessed, 0)::integer as missions_assessed,
    round(coalesce(summary.missions_with_indicator, 0) / nullif(summary.mission_count, 0), 4) as indicator_coverage_share,
    coalesce(summary.missions_target_achieved, 0)::integer as missions_target_achieved,
    coalesce(summary.missions_substantial_progress, 0)::integer as missions_substantial_progress,
    coalesce(summary.missions_moderate_progress, 0)::integer as missions_moderate_progress,
    coalesce(summary.missions_limited_progress, 0)::integer as missions_limited_progress,
    coalesce(summary.missions_deteriorating, 0)::integer as missions_deteriorating,
    coalesce(summary.missions_insufficient_data, 0)::integer as missions_insufficient_data,
    coalesce(summary.missions_without_indicator, 0)::integer as missions_without_indicator,
    case when summary.worst_status_rank is null
        then case when coalesce(summary.missions_with_indicator, 0) = 0 then 'geen_indicator' else 'onvoldoende_gegevens' end
        else summary.worst_status_code
    end as status_code,
    case when summary.worst_status_rank is null
        then case when coalesce(summary.missions_with_indicator, 0) = 0 then 'Nog geen meetbare indicator' else 'Onvoldoende gegevens' end
        else summary.worst_status_nl
    end as status_nl,
    summary.worst_status_rank as status_rank,
    case when summary.worst_status_rank is null then '-1' else summary.worst_mission_key end as weakest_mission_key,
    summary.coverage_reason_nl
from themes
left join summary using (theme_key)
