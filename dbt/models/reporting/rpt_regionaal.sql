-- Dataset 'regionaal' of the dashboards: every provincial figure with the national one of the same
-- indicator, year and breakdown beside it, as published (latest version of each). Where the provinces
-- should add up to the nation (dim_indicator.regions_add_up), their sum is given too, so a reader sees
-- whether they do; survey shares do not add up and are compared, not summed.
-- Provinces only (the map draws them); municipal figures are in rpt_regionaal_gemeenten.

with provinces as (
    select * from {{ ref('int_regional_observations_compared') }}
    where region_level = 'provincie'
),

sums as (
    select indicator_key, period_label, breakdown, sum(value) as province_sum, count(*) as province_count
    from provinces
    group by all
)

select {{ indicator_label_nl('i.indicator_name_nl', 'i.unit') }} as indicator, p.indicator_key as indicatorcode,
       p.period_label as periode, p.period_year as jaar, p.region_name as provincie, p.iso_code as iso,
       {{ breakdown_label_nl('p.breakdown') }} as uitsplitsing, p.value as waarde, p.unit as eenheid,
       p.national_value as landelijk, p.value - p.national_value as verschil_met_landelijk,
       case when i.regions_add_up then 'ja' else 'nee' end as provincies_tellen_op,
       case when i.regions_add_up then s.province_sum end as som_provincies, s.province_count::integer as aantal_provincies,
       p.observation_status as status_cijfer, p.publisher as uitgever, p.source_table as tabel_of_publicatie,
       p.release_label as publicatiedatum
from provinces as p
inner join {{ ref('dim_indicator') }} as i using (indicator_key)
left join sums as s using (indicator_key, period_label, breakdown)
