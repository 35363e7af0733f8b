-- Dataset 'thema_status' of the dashboards (Superset reads reporting.rpt_thema_status as a physical table):
-- per theme and catalogue version, the status and how many missions it counts.

select {{ mission_version_label('2019') }} as missieversie, theme_name_nl as thema, sort_order as volgorde, status_nl as status,
       mission_count as missies, missions_with_indicator as met_indicator, missions_assessed as beoordeeld,
       missions_without_indicator as zonder_indicator
from {{ ref('fct_theme_status') }}

union all by name

select {{ mission_version_label('2023') }} as missieversie, t.theme_name_nl as thema, t.sort_order as volgorde,
       coalesce(arg_min(m.status_nl, m.status_rank) filter (where m.status_rank is not null), 'Nog geen oordeel') as status,
       count(*)::integer as missies, (count(*) filter (where m.has_indicator))::integer as met_indicator,
       (count(*) filter (where m.status_rank is not null))::integer as beoordeeld,
       (count(*) filter (where not m.has_indicator))::integer as zonder_indicator
from {{ ref('fct_mission_status_2023') }} as m
inner join {{ ref('dim_theme') }} as t using (theme_key)
group by all
