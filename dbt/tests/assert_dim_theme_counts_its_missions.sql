-- Each theme's mission counts are the mission entries listed under it in dim_mission (all entries,
-- and those in the government's count of 25); the unknown and "not tied to one theme" members
-- count none.
{{ config(meta={'dagster': {'ref': {'name': 'dim_theme'}}}) }}
with counted as (
    select
        theme_key,
        count(*) as mission_entries,
        count(*) filter (where counts_in_official_25) as missions_in_official_25
    from {{ ref('dim_mission') }}
    where mission_key <> '-1'
    group by theme_key
)

select
    themes.theme_key,
    themes.mission_entries,
    coalesce(counted.mission_entries, 0) as mission_entries_in_dim_mission,
    themes.missions_in_official_25,
    coalesce(counted.missions_in_official_25, 0) as missions_in_official_25_in_dim_mission
from {{ ref('dim_theme') }} as themes
left join counted using (theme_key)
where themes.mission_entries is distinct from coalesce(counted.mission_entries, 0)
   or themes.missions_in_official_25 is distinct from coalesce(counted.missions_in_official_25, 0)
