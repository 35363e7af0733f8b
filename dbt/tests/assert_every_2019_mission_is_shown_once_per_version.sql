-- Each 2019 mission is shown exactly once in each catalogue version (int_missions_versioned): a mission
-- missing from the 2023 view would take its indicators off the dashboards when a reader switches
-- version, and a mission shown twice would count its indicators twice.
{{ config(meta={'dagster': {'ref': {'name': 'int_missions_versioned'}}}) }}
with expected as (
    select v.mission_version, m.mission_key as mission_key_2019
    from {{ ref('fct_mission_status') }} as m
    cross join (values ('2019'), ('2023')) as v (mission_version)
),

shown as (
    select mission_version, mission_key_2019, count(*) as times_shown
    from {{ ref('int_missions_versioned') }}
    group by all
)

select expected.mission_version, expected.mission_key_2019, coalesce(shown.times_shown, 0) as times_shown
from expected
left join shown using (mission_version, mission_key_2019)
where coalesce(shown.times_shown, 0) <> 1
