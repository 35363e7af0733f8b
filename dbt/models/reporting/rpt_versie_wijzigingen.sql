-- Dataset 'versie_wijzigingen' of the dashboards: what changed between two versions of a series, one row
-- per revised number (value, status, or both), with both versions' publication dates.

select th.theme_name_nl as thema, {{ indicator_label_nl('i.indicator_name_nl', 'i.unit') }} as indicator,
       {{ breakdown_label_nl('r.breakdown') }} as uitsplitsing, r.region_key as regio, r.period_label as periode,
       r.previous_value as eerder, r.previous_status as status_eerder, pv.publisher || ', ' || pv.release_label as eerdere_versie,
       r.value as nu, r.observation_status as status_nu, nv.publisher || ', ' || nv.release_label as nieuwe_versie,
       r.value_change as verschil, r.change_kind as soort_wijziging
from {{ ref('fct_observation_revisions') }} as r
inner join {{ ref('dim_indicator') }} as i using (indicator_key)
inner join {{ ref('fct_mission_status') }} as m on m.mission_key = i.mission_key
inner join {{ ref('dim_theme') }} as th on th.theme_key = m.theme_key
inner join {{ ref('dim_vintage') }} as pv on pv.vintage_key = r.previous_vintage_key
inner join {{ ref('dim_vintage') }} as nv on nv.vintage_key = r.vintage_key
