-- Dataset 'indicator_reeksen' of the dashboards: every line the series charts draw, labelled so that one
-- chart serves every indicator. The charts name no indicator; a theme or mission filter and the
-- dashboard's indicator filter select what is drawn, so a new indicator appears without a chart edit.

select m.mission_version_label as missieversie, t.theme_name_nl as thema, m.mission_name_nl as missie, {{ indicator_label_nl('i.indicator_name_nl', 'i.unit') }} as indicator,
       s.indicator_key as indicatorcode, {{ breakdown_label_nl('s.breakdown') }} as uitsplitsing,
       make_date(s.year, 1, 1) as jaar,
       -- the unit in the observations' legend entry: the chart's title cannot name it, it serves every indicator
       s.series_label_nl || case when s.series_kind = 'waarneming' then ' (' || i.unit || ')' else '' end
           || case when s.breakdown = 'totaal' then '' else ', ' || {{ breakdown_label_nl('s.breakdown') }} end as reeks,
       s.series_kind as soort, s.value as waarde, i.unit as eenheid
from {{ ref('fct_indicator_chart_series') }} as s
inner join {{ ref('dim_indicator') }} as i using (indicator_key)
-- one row per catalogue version: the page's Missieversie filter picks the set the mission names come from
inner join {{ ref('int_missions_versioned') }} as m on m.mission_key_2019 = i.mission_key
inner join {{ ref('dim_theme') }} as t on t.theme_key = m.theme_key
