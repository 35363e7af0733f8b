-- Dataset 'voortgang' of the dashboards (Superset reads reporting.rpt_voortgang as a physical table).

select p.indicator_key as indicator, i.indicator_name_nl as indicatornaam, p.target_key as doel, p.breakdown as uitsplitsing,
       p.base_year_setting as basisjaar_instelling, p.base_year_used as basisjaar, p.current_year as laatste_jaar,
       p.current_value as laatste_waarde, p.unit as eenheid, p.target_year as doeljaar, p.target_value_absolute as doelwaarde,
       round(p.observed_cagr * 100, 2) as tempo_waargenomen_pct, round(p.required_cagr * 100, 2) as tempo_nodig_pct,
       p.progress_ratio as verhouding, p.status_nl as status, p.projected_value_in_target_year as projectie_doeljaar,
       p.projected_gap_to_target as verschil_projectie_doel, p.method as methode, p.trend_window_years as trendvenster_jaren,
       p.vintage_key as versie, p.explanation_nl as toelichting, p.is_primary_base_year as primair, p.target_is_current as doel_geldt
from {{ ref('fct_progress') }} as p inner join {{ ref('dim_indicator') }} as i using (indicator_key)
where p.is_latest_vintage and p.region_key = 'NL'
