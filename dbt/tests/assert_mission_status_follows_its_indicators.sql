-- A mission's indicators are those listed under it in indicatoren.yml or measuring one of its targets
-- (an entry identical to another uses the other's). Then, for every mission entry:
--   * no indicator      <-> has_indicator false, status geen_indicator, coverage 'geen indicator';
--   * indicators, none assessable <-> status onvoldoende_gegevens, coverage 'indicator, nog niet te beoordelen';
--   * assessed (a status rank)    <-> coverage 'gemeten'.
-- So adding an indicator to the reference is enough for its mission to leave "geen indicator".
{{ config(meta={'dagster': {'ref': {'name': 'fct_mission_status'}}}) }}
with linked as (
    select mission_code, indicator_code from {{ ref('stg_catalogue__indicators') }}
    union
    select targets.mission_code, links.indicator_code
    from {{ ref('stg_catalogue__indicator_targets') }} as links
    inner join {{ ref('stg_catalogue__targets') }} as targets using (target_code)
),

expected as (
    select missions.mission_key, count(distinct linked.indicator_code) as indicator_count
    from {{ ref('dim_mission') }} as missions
    left join linked on linked.mission_code = missions.canonical_mission_key
    where missions.mission_key <> '-1'
    group by missions.mission_key
)

select
    status.mission_key,
    status.indicator_count,
    expected.indicator_count as indicator_count_in_reference,
    status.has_indicator,
    status.coverage_status,
    status.status_code,
    status.status_rank
from {{ ref('fct_mission_status') }} as status
inner join expected using (mission_key)
where status.indicator_count <> expected.indicator_count
   or status.has_indicator <> (expected.indicator_count > 0)
   or (status.status_code = 'geen_indicator') <> (not status.has_indicator)
   or (status.coverage_status = 'geen indicator') <> (not status.has_indicator)
   or (status.status_code = 'onvoldoende_gegevens') <> (status.has_indicator and status.status_rank is null)
   or (status.coverage_status = 'gemeten') <> (status.status_rank is not null)
   or (status.assessed_indicator_count > 0) <> (status.status_rank is not null)
