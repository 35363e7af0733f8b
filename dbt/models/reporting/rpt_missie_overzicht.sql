-- Dataset 'missie_overzicht' of the dashboards (Superset reads reporting.rpt_missie_overzicht as a physical table).

select t.theme_name_nl as thema, t.sort_order as thema_volgorde, m.mission_key as missiecode, m.mission_name_nl as missie,
       m.mission_level as niveau, m.status_nl as status, m.coverage_status as dekking,
       nullif(m.headline_indicator_key, '-1') as indicator, m.latest_year as laatste_jaar, m.latest_value as laatste_waarde,
       m.latest_value_status as status_cijfer, m.unit as eenheid, m.target_value_absolute as doelwaarde,
       m.target_year as doeljaar, m.target_years as doeljaren_missie, m.progress_ratio as verhouding,
       m.explanation_nl as toelichting, m.has_indicator::integer as heeft_indicator, m.counts_in_official_25 as telt_mee_in_25
from {{ ref('fct_mission_status') }} as m inner join {{ ref('dim_theme') }} as t using (theme_key)
