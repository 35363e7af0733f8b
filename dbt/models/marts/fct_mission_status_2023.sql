-- Grain: one row per mission of the 2023 revision. Indicators attach to the 2019 missions only
-- (indicatoren.yml); a 2023 mission is measured by the indicators of every 2019 mission the crosswalk
-- maps to it, and, as in 2019, takes the worst status among them. A mission new in 2023 (no 2019
-- mission maps to it) has no indicator until one is linked to a 2019 entry that maps there.
with missions as (
    select * from {{ ref('stg_catalogue__missions_2023') }}
),

crosswalk as (
    select * from {{ ref('stg_catalogue__mission_crosswalk') }}
    where mission_code_2023 is not null
),

status_2019 as (
    select * from {{ ref('fct_mission_status') }}
),

indicators as (
    select indicator_key, mission_key from {{ ref('dim_indicator') }}
    where indicator_key <> '-1' and indicator_status = 'actief'
),

rolled_up as (
    select
        crosswalk.mission_code_2023,
        count(*) as missions_2019_count,
        string_agg(status_2019.mission_key || ': ' || status_2019.status_nl, '; ' order by status_2019.mission_key) as statuses_2019_nl,
        bool_or(status_2019.coverage_status = 'gemeten') as any_measured,
        bool_or(status_2019.has_indicator) as any_indicator,
        min(status_2019.status_rank) as worst_status_rank,
        arg_min(status_2019.status_nl, status_2019.status_rank) filter (where status_2019.status_rank is not null) as worst_status_nl,
        string_agg(status_2019.coverage_reason_nl, ' ') filter (where not status_2019.has_indicator) as reasons_nl
    from crosswalk
    inner join status_2019 on status_2019.mission_key = crosswalk.mission_code_2019
    group by crosswalk.mission_code_2023
),

indicator_counts as (
    select crosswalk.mission_code_2023, count(distinct indicators.indicator_key) as indicator_count,
           string_agg(distinct indicators.indicator_key, ', ' order by indicators.indicator_key) as indicator_codes
    from crosswalk
    inner join indicators on indicators.mission_key = crosswalk.mission_code_2019
    group by crosswalk.mission_code_2023
)

select
    missions.mission_code as mission_key,
    missions.theme_code as theme_key,
    missions.parent_mission_code as parent_mission_key,
    missions.mission_name_nl,
    missions.mission_text_nl,
    missions.document_code,
    coalesce(rolled_up.missions_2019_count, 0)::integer as missions_2019_count,
    coalesce(indicator_counts.indicator_count, 0)::integer as indicator_count,
    indicator_counts.indicator_codes,
    coalesce(rolled_up.any_indicator, false) as has_indicator,
    case when rolled_up.any_measured then 'gemeten'
         when rolled_up.any_indicator then 'indicator, nog niet te beoordelen'
         else 'geen indicator' end as coverage_status,
    rolled_up.worst_status_rank::integer as status_rank,
    coalesce(rolled_up.worst_status_nl,
             case when rolled_up.any_indicator then 'Onvoldoende gegevens' else 'Nog geen meetbare indicator' end) as status_nl,
    rolled_up.statuses_2019_nl,
    case when rolled_up.mission_code_2023 is null
         then 'Nieuw in 2023: geen missie uit 2019 gaat erin op, dus (nog) geen indicator.'
         else rolled_up.reasons_nl end as coverage_reason_nl
from missions
left join rolled_up on rolled_up.mission_code_2023 = missions.mission_code
left join indicator_counts on indicator_counts.mission_code_2023 = missions.mission_code
