-- Dataset 'inzet' of the dashboards: what goes into the missions (programme and instrument figures from
-- data/reference/inzet.yml), by theme and key-technology cluster, each with the sentence it is copied from.

select th.theme_name_nl as thema, th.sort_order as thema_volgorde,
       case when c.cluster_key in ('-1', '-2') then 'Niet aan één cluster gebonden' else c.cluster_name end as cluster, f.instrument_name as instrument,
       f.measure_name_nl as maat, f.value as waarde, f.unit as eenheid, f.value_label_nl as waarde_in_woorden,
       f.period_key as periode, f.figure_kind as soort, case when f.is_euro_amount then 'ja' else 'nee' end as bedrag_in_euro,
       s.publisher || ', ' || s.source_reference as bron, f.quotation as citaat
from {{ ref('fct_programme_inputs') }} as f
inner join {{ ref('dim_theme') }} as th on th.theme_key = f.theme_key
inner join {{ ref('dim_key_technology_cluster') }} as c on c.cluster_key = f.cluster_key
inner join {{ ref('dim_source') }} as s using (source_key)
