-- Dataset 'waarnemingen' of the dashboards: every published number in the warehouse (latest version),
-- with its source columns and a footnote beside it (provisional, revised and from what, derived, the
-- source's own note), so the table on the sources page can be downloaded as CSV and read on its own.

with revisions as (
    select r.*, v.release_label as previous_release_label
    from {{ ref('fct_observation_revisions') }} as r
    inner join {{ ref('dim_vintage') }} as v on v.vintage_key = r.previous_vintage_key
)

select m.mission_version_label as missieversie, th.theme_name_nl as thema, m.mission_name_nl as missie, {{ indicator_label_nl('i.indicator_name_nl', 'i.unit') }} as indicator,
       o.indicator_key as indicatorcode, o.region_key as regio, {{ breakdown_label_nl('o.breakdown') }} as uitsplitsing,
       o.period_label as periode, o.period_year as jaar, o.value as waarde, o.unit as eenheid, o.observation_status as status_cijfer,
       coalesce(nullif(concat_ws('; ',
           case when o.observation_status = 'voorlopig' then 'voorlopig cijfer' end,
           case when r.previous_value is not null
                then 'herzien: eerder ' || {{ number_nl('r.previous_value') }} || ' (' || r.previous_status
                     || ', gepubliceerd ' || r.previous_release_label || ')' end,
           case when o.is_derived then 'afgeleid: ' || coalesce(i.derivation_nl, 'berekend uit gepubliceerde cijfers') end,
           case when i.measurement_fit = 'proxy' then 'benadering (proxy) van het doel' end,
           o.source_note), ''), '–') as voetnoot,
       o.publisher as uitgever, o.source_table as tabel_of_publicatie, coalesce(o.source_url, '–') as adres,
       o.release_label as publicatiedatum, o.retrieved_on as opgehaald_op, o.vintage_key as versie, o.file_name as bestand
from {{ ref('fct_observations') }} as o
inner join {{ ref('dim_indicator') }} as i using (indicator_key)
-- one row per catalogue version (int_missions_versioned); a table of every figure picks one version
inner join {{ ref('int_missions_versioned') }} as m on m.mission_key_2019 = i.mission_key
inner join {{ ref('dim_theme') }} as th on th.theme_key = m.theme_key
left join revisions as r
    on r.indicator_key = o.indicator_key and r.region_key = o.region_key and r.period_label = o.period_label
   and r.breakdown = o.breakdown and r.vintage_key = o.vintage_key
where o.is_latest and o.validity_status <> 'ingetrokken' and not o.is_lapsed
