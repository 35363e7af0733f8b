-- Dataset 'bronnen_per_indicator' of the dashboards (Superset reads reporting.rpt_bronnen_per_indicator as a physical table).

select s.indicator_key as indicator, i.indicator_name_nl as indicatornaam, s.publisher as uitgever,
       s.source_table as tabel_of_publicatie, s.source_url as adres, s.vintage_key as versie,
       s.release_label as publicatiedatum, s.retrieved_on as opgehaald_op, s.source_kind as soort,
       s.observation_count as waarnemingen, s.first_period_year as eerste_jaar, s.last_period_year as laatste_jaar,
       s.provisional_count as voorlopig, case when s.is_in_use then 'ja' else 'nee' end as in_gebruik
from {{ ref('fct_source_coverage') }} as s inner join {{ ref('dim_indicator') }} as i using (indicator_key)
