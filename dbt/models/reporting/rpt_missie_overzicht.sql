-- Dataset 'missie_overzicht' of the dashboards (Superset reads reporting.rpt_missie_overzicht as a physical table).

select {{ mission_version_label('2019') }} as missieversie, t.theme_name_nl as thema, t.sort_order as thema_volgorde, m.mission_key as missiecode, m.mission_name_nl as missie,
       m.mission_level as niveau, m.status_nl as status, m.coverage_status as dekking,
       nullif(m.headline_indicator_key, '-1') as indicator, m.latest_year as laatste_jaar, m.latest_value as laatste_waarde,
       m.latest_value_status as status_cijfer, m.unit as eenheid, m.target_value_absolute as doelwaarde,
       m.target_year as doeljaar, m.target_years as doeljaren_missie, m.progress_ratio as verhouding,
       m.explanation_nl as toelichting, m.has_indicator::integer as heeft_indicator, m.counts_in_official_25 as telt_mee_in_25
from {{ ref('fct_mission_status') }} as m inner join {{ ref('dim_theme') }} as t using (theme_key)

union all by name

-- the 2023 revision: measured through the 2019 missions the crosswalk maps to it (fct_mission_status_2023)
select {{ mission_version_label('2023') }} as missieversie, t.theme_name_nl as thema, t.sort_order as thema_volgorde,
       m.mission_key as missiecode, m.mission_name_nl as missie,
       case when m.parent_mission_key is null then 'centrale missie' else 'deelmissie' end as niveau,
       m.status_nl as status, m.coverage_status as dekking, m.indicator_codes as indicator,
       'Oordelen van de missies uit 2019 die erin opgaan: ' || coalesce(m.statuses_2019_nl, 'geen') as toelichting,
       m.has_indicator::integer as heeft_indicator, true as telt_mee_in_25
from {{ ref('fct_mission_status_2023') }} as m inner join {{ ref('dim_theme') }} as t using (theme_key)
