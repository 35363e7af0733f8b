-- Dataset 'indicator_reeksen' of the dashboards (Superset reads reporting.rpt_indicator_reeksen as a physical table).

select s.indicator_key as indicator, i.indicator_name_nl as indicatornaam, s.breakdown as uitsplitsing,
       make_date(s.year, 1, 1) as jaar, s.series_label_nl as reeks, s.value as waarde
from {{ ref('fct_indicator_chart_series') }} as s inner join {{ ref('dim_indicator') }} as i using (indicator_key)
