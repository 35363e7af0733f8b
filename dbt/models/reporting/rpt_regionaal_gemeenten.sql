-- Every municipal figure with the national one of the same indicator, year and breakdown beside it,
-- as published (latest version of each), with the municipality's code now where it has since merged.
-- Municipal figures so far are survey shares (Gezondheidsmonitor): they do not add up to the nation, so
-- they are compared, not summed; where an indicator's regions add up, the municipalities' sum is given.
-- Not on the Regio's map, which draws provinces (rpt_regionaal).

with municipalities as (
    select * from {{ ref('int_regional_observations_compared') }}
    where region_level = 'gemeente'
),

spread as (
    select
        indicator_key,
        period_label,
        breakdown,
        sum(value) as municipality_sum,
        min(value) as lowest,
        max(value) as highest,
        count(*) as municipality_count
    from municipalities
    group by all
)

select
    {{ indicator_label_nl('i.indicator_name_nl', 'i.unit') }} as indicator,
    m.indicator_key as indicatorcode,
    m.period_label as periode,
    m.period_year as jaar,
    m.region_name as gemeente,
    m.region_key as gemeentecode,
    m.current_region_code as gemeentecode_nu,
    m.valid_until as opgeheven_per,
    m.is_split as gesplitst,
    {{ breakdown_label_nl('m.breakdown') }} as uitsplitsing,
    m.value as waarde,
    m.unit as eenheid,
    m.national_value as landelijk,
    m.value - m.national_value as verschil_met_landelijk,
    case when i.regions_add_up then 'ja' else 'nee' end as gemeenten_tellen_op,
    case when i.regions_add_up then s.municipality_sum end as som_gemeenten,
    s.lowest as laagste_gemeente,
    s.highest as hoogste_gemeente,
    s.municipality_count::integer as aantal_gemeenten,
    m.observation_status as status_cijfer,
    m.publisher as uitgever,
    m.source_table as tabel_of_publicatie,
    m.release_label as publicatiedatum
from municipalities as m
inner join {{ ref('dim_indicator') }} as i using (indicator_key)
left join spread as s using (indicator_key, period_label, breakdown)
