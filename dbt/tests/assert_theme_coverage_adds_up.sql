-- fct_theme_status's coverage is that of its missions in fct_mission_status: every mission entry
-- counted once under its theme, with or without an indicator, assessed or not, and in exactly one
-- status column.
{{ config(meta={'dagster': {'ref': {'name': 'fct_theme_status'}}}) }}
with missions as (
    select
        theme_key,
        count(*) as mission_count,
        count(*) filter (where counts_in_official_25) as missions_in_official_25,
        count(*) filter (where has_indicator) as missions_with_indicator,
        count(*) filter (where not has_indicator) as missions_without_indicator,
        count(*) filter (where status_rank is not null) as missions_assessed
    from {{ ref('fct_mission_status') }}
    group by theme_key
)

select themes.theme_key, themes.mission_count, missions.mission_count as missions_in_fct_mission_status
from {{ ref('fct_theme_status') }} as themes
full outer join missions using (theme_key)
where themes.theme_key is null  -- a mission whose theme has no row
   or themes.mission_count <> coalesce(missions.mission_count, 0)
   or themes.missions_in_official_25 <> coalesce(missions.missions_in_official_25, 0)
   or themes.missions_with_indicator <> coalesce(missions.missions_with_indicator, 0)
   or themes.missions_without_indicator <> coalesce(missions.missions_without_indicator, 0)
   or themes.missions_assessed <> coalesce(missions.missions_assessed, 0)
   or themes.mission_count <> themes.missions_with_indicator + themes.missions_without_indicator
   or themes.mission_count <> themes.missions_target_achieved + themes.missions_substantial_progress
        + themes.missions_moderate_progress + themes.missions_limited_progress + themes.missions_deteriorating
        + themes.missions_insufficient_data + themes.missions_without_indicator
