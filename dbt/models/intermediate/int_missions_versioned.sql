-- Grain: one row per 2019 mission and catalogue version. Indicators attach to the 2019 missions only
-- (indicatoren.yml); this row says under which mission of each version they are shown, so a dashboard
-- page shows either set through one filter (missieversie) instead of a second copy of every chart.
-- A 2019 mission the crosswalk maps to no 2023 mission keeps its indicators visible in the 2023 view,
-- under a name that says it is not placed, rather than letting them disappear from the page.
with missions_2019 as (
    select mission_key, theme_key, mission_name_nl from {{ ref('fct_mission_status') }}
),

missions_2023 as (
    select mission_key, theme_key, mission_name_nl from {{ ref('fct_mission_status_2023') }}
),

crosswalk as (
    select * from {{ ref('stg_catalogue__mission_crosswalk') }}
)

select '2019' as mission_version, {{ mission_version_label('2019') }} as mission_version_label,
       mission_key as mission_key_2019, mission_key, theme_key, mission_name_nl,
       'eigen missie' as crosswalk_status
from missions_2019

union all

select '2023' as mission_version, {{ mission_version_label('2023') }} as mission_version_label,
       m19.mission_key as mission_key_2019,
       coalesce(m23.mission_key, m19.mission_key) as mission_key,
       coalesce(m23.theme_key, m19.theme_key) as theme_key,
       coalesce(m23.mission_name_nl, 'Niet ingedeeld in 2023 (' || c.crosswalk_status || '): ' || m19.mission_name_nl) as mission_name_nl,
       c.crosswalk_status
from missions_2019 as m19
inner join crosswalk as c on c.mission_code_2019 = m19.mission_key
left join missions_2023 as m23 on m23.mission_key = c.mission_code_2023
