-- Dataset 'voortgang' of the dashboards: per indicator, target and breakdown the latest assessment, with
-- the target in the table (not only in the chart), the method, base year and vintage it rests on, whether
-- the indicator is a proxy, and the whole verdict as one sentence for readers who cannot see the chart.
-- An indicator tied to no target in numbers (many LWV indicators: the 2019 letter gives those missions
-- no figure) still gets a row, with its latest value and why there is no verdict, so every theme page
-- lists what it measures.

with progress as (
    select p.*, i.indicator_name_nl, i.measurement_fit, i.proxy_explanation_nl,
           {{ indicator_label_nl('i.indicator_name_nl', 'i.unit') }} as indicator_label,
           t.target_text_nl, v.release_label, v.publisher
    from {{ ref('fct_progress') }} as p
    inner join {{ ref('dim_indicator') }} as i using (indicator_key)
    inner join {{ ref('dim_target') }} as t using (target_key)
    inner join {{ ref('dim_vintage') }} as v using (vintage_key)
    where p.is_latest_vintage and p.region_key = 'NL'
)

select m.mission_version_label as missieversie, th.theme_name_nl as thema, m.mission_name_nl as missie, p.indicator_label as indicator, p.indicator_key as indicatorcode,
       p.target_key as doel, p.target_text_nl as doel_tekst, {{ breakdown_label_nl('p.breakdown') }} as uitsplitsing,
       p.base_year_setting as basisjaar_instelling, p.base_year_used as basisjaar, p.current_year as laatste_jaar,
       p.current_value as laatste_waarde, p.unit as eenheid, p.target_year as doeljaar, p.target_value_absolute as doelwaarde,
       round(p.observed_cagr * 100, 2) as tempo_waargenomen_pct, round(p.required_cagr * 100, 2) as tempo_nodig_pct,
       p.progress_ratio as verhouding, p.status_nl as status, p.projected_value_in_target_year as projectie_doeljaar,
       p.projected_gap_to_target as verschil_projectie_doel, p.method as methode, p.trend_window_years as trendvenster_jaren,
       p.vintage_key as versie, p.publisher || ', ' || p.release_label as bron_en_publicatiedatum, p.explanation_nl as toelichting,
       case p.measurement_fit when 'proxy' then 'benadering (proxy)' else 'meet het doel' end as meting,
       coalesce(p.proxy_explanation_nl, '–') as toelichting_proxy,
       p.is_primary_base_year as primair, p.target_is_current as doel_geldt,
       p.indicator_name_nl || ': ' || coalesce({{ number_nl('p.current_value', 2) }} || ' ' || p.unit
           || ' in ' || p.current_year, 'nog geen waarde')
           || coalesce('; doel ' || {{ number_nl('p.target_value_absolute', 2) }} || ' ' || p.unit
           || ' in ' || p.target_year, '; doel zonder getal')
           || coalesce(', gemeten vanaf ' || p.base_year_used, '') || '. Oordeel: ' || p.status_nl || '.' as beschrijving
from progress as p
-- one row per catalogue version: the page's Missieversie filter picks the set the mission names come from
inner join {{ ref('int_missions_versioned') }} as m on m.mission_key_2019 = p.mission_key
inner join {{ ref('dim_theme') }} as th on th.theme_key = m.theme_key

union all by name

select m.mission_version_label as missieversie, th.theme_name_nl as thema, m.mission_name_nl as missie, {{ indicator_label_nl('i.indicator_name_nl', 'i.unit') }} as indicator,
       i.indicator_key as indicatorcode, '–' as doel, 'geen doel in getallen gekoppeld' as doel_tekst,
       {{ breakdown_label_nl('o.breakdown') }} as uitsplitsing, o.period_year as laatste_jaar, o.value as laatste_waarde,
       i.unit as eenheid, 'Geen oordeel: geen doel in getallen' as status, o.vintage_key as versie,
       o.publisher || ', ' || o.release_label as bron_en_publicatiedatum,
       'De indicator is (nog) aan geen doel in getallen gekoppeld, dus er is geen oordeel over de voortgang.' as toelichting,
       case i.measurement_fit when 'proxy' then 'benadering (proxy)' else 'meet het doel' end as meting,
       coalesce(i.proxy_explanation_nl, '–') as toelichting_proxy, true as primair, true as doel_geldt,
       i.indicator_name_nl || ': ' || {{ number_nl('o.value', 2) }} || ' ' || i.unit || ' in ' || o.period_year
           || '. Geen oordeel: de indicator is aan geen doel in getallen gekoppeld.' as beschrijving
from {{ ref('dim_indicator') }} as i
inner join {{ ref('int_missions_versioned') }} as m on m.mission_key_2019 = i.mission_key
inner join {{ ref('dim_theme') }} as th on th.theme_key = m.theme_key
inner join {{ ref('fct_observations') }} as o
    on o.indicator_key = i.indicator_key and o.is_latest and o.region_key = 'NL' and not o.is_lapsed
   and o.validity_status <> 'ingetrokken'
where i.indicator_status = 'actief'
  and i.indicator_key not in (select progress.indicator_key from progress)
-- its latest year, for the national total where there is one
qualify row_number() over (partition by m.mission_version, i.indicator_key, o.breakdown order by o.period_year desc) = 1
    and o.breakdown = coalesce(max(case when o.breakdown = 'totaal' then 'totaal' end) over (partition by i.indicator_key), o.breakdown)
