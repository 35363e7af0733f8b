with missions as (
    select * from {{ ref('stg_catalogue__missions') }}
),

targets as (
    select * from {{ ref('stg_catalogue__targets') }}
),

target_summary as (
    select
        mission_code,
        bool_or(quantification <> 'kwalitatief') as is_quantified,
        string_agg(distinct coalesce(target_year::varchar, target_year_text), ', ' order by coalesce(target_year::varchar, target_year_text)) as target_years,
        min(target_year) as first_target_year,
        max(target_year) as last_target_year
    from targets
    group by mission_code
),

children as (
    select parent_mission_code as mission_code, count(*) as submission_count
    from missions
    where parent_mission_code is not null
    group by parent_mission_code
)

select
    missions.mission_code as mission_key,
    missions.mission_code,
    missions.theme_code as theme_key,
    coalesce(missions.parent_mission_code, '-1') as parent_mission_key,
    coalesce(missions.identical_to_mission_code, missions.mission_code) as canonical_mission_key,
    missions.mission_name_nl,
    missions.mission_text_nl,
    case
        when missions.parent_mission_code is not null then 'deelmissie'
        when not missions.counts_in_official_25 then 'overkoepelend doel'
        when children.mission_code is not null then 'centrale missie'
        else 'missie'
    end as mission_level,
    missions.counts_in_official_25,
    missions.identical_to_mission_code is not null as is_duplicate_entry,
    coalesce(children.submission_count, 0)::integer as submission_count,
    coalesce(target_summary.is_quantified, false) as is_quantified,
    target_summary.target_years,
    target_summary.first_target_year,
    target_summary.last_target_year,
    missions.ministries,
    missions.document_code,
    missions.note_nl,
    missions.coverage_note_nl
from missions
left join target_summary using (mission_code)
left join children using (mission_code)

union all

select
    '-1', '-1', '-1', '-1', '-1', 'Onbekende missie', null, 'onbekend',
    false, false, 0, false, null, null, null, null, null, null, null
