-- A theme takes the worst status among its assessed missions (README, "Van indicator naar missie en
-- thema"); with none assessed: onvoldoende_gegevens if any mission has an indicator, else
-- geen_indicator. The weakest mission named is one with that status.
{{ config(meta={'dagster': {'ref': {'name': 'fct_theme_status'}}}) }}
with missions as (
    select
        theme_key,
        min(status_rank) as worst_rank,
        bool_or(has_indicator) as any_indicator
    from {{ ref('fct_mission_status') }}
    group by theme_key
)

select themes.theme_key, themes.status_code, themes.status_rank, missions.worst_rank, themes.weakest_mission_key
from {{ ref('fct_theme_status') }} as themes
left join missions using (theme_key)
left join {{ ref('fct_mission_status') }} as weakest on weakest.mission_key = themes.weakest_mission_key
where themes.status_rank is distinct from missions.worst_rank
   or (missions.worst_rank is not null
       and (weakest.theme_key is distinct from themes.theme_key
            or weakest.status_rank is distinct from themes.status_rank
            or weakest.status_code is distinct from themes.status_code))
   or (missions.worst_rank is null
       and (themes.weakest_mission_key <> '-1'
            or themes.status_code <> case when coalesce(missions.any_indicator, false)
                                          then 'onvoldoende_gegevens' else 'geen_indicator' end))
