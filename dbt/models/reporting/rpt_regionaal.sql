-- Dataset 'regionaal' of the dashboards: every provincial figure with the national one of the same
-- indicator, year and breakdown beside it, as published (latest version of each). Where the provinces
-- should add up to the nation (dim_indicator.regions_add_up), their sum is given too, so a reader sees
-- whether they do; survey shares do not add up and are compared, not summed.
-- Provinces only (the map draws them); municipal figures are in rpt_regionaal_gemeenten.

with latest as (
    select o.*, r.region_name, r.region_level, r.iso_code
    from {{ ref('fct_observations') }} as o
    inner join {{ ref('dim_region') }} as r using (region_key)
    where o.is_latest and not o.is_lapsed and o.validity_status <> 'ingetrokken'
),

provinces as (
    select * from latest
    where region_level = 'provincie'
),

national as (
    select indicator_key, period_label, breakdown, value as national_value
    from latest
    where region_key = 'NL'
),

sums as (
    select indicator_key, period_label, breakdown, sum(value) as province_sum, count(*) as province_count
    from provinces
    group by all
)

select {{ indicator_label_nl('i.indicator_name_nl', 'i.unit') }} as indicator, p.indicator_key as indicatorcode,
       p.period_label as periode, p.period_year as jaar, p.region_name as provincie, p.iso_code as iso,
       {{ breakdown_label_nl('p.breakdown') }} as uitsplitsing, p.value as waarde, p.unit as eenheid,
       n.national_value as landelijk, p.value - n.national_value as verschil_met_landelijk,
       case when i.regions_add_up then 'ja' else 'nee' end as provincies_tellen_op,
       case when i.regions_add_up then s.province_sum end as som_provincies, s.province_count::integer as aantal_provincies,
       p.observation_status as status_cijfer, p.publisher as uitgever, p.source_table as tabel_of_publicatie,
       p.release_label as publicatiedatum
from provinces as p
inner join {{ ref('dim_indicator') }} as i using (indicator_key)
left join national as n using (indicator_key, period_label, breakdown)
left join sums as s using (indicator_key, period_label, breakdown)
