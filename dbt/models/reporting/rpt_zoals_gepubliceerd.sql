-- Dataset 'zoals_gepubliceerd' of the dashboards: each national series and its verdict as it was known on
-- a date (peildatum). The dates on offer are the days a version came out; on each, an indicator shows its
-- latest version published up to that day (int_observations_as_of holds the series per version, so an
-- earlier verdict is reproduced, not recomputed on today's figures). A version without a known
-- publication date counts from the day it was retrieved, the latest it can have been published.

with vintages as (
    select vintage_key, vintage_seq, release_label, publisher, coalesce(release_date, retrieved_on) as known_on
    from {{ ref('dim_vintage') }}
    where vintage_key <> '-1'
),

points as (
    select * from {{ ref('int_observations_as_of') }}
    where region_code = 'NL'
),

indicator_vintages as (
    select distinct points.indicator_code, points.as_of_vintage_id as vintage_key, vintages.vintage_seq, vintages.known_on
    from points inner join vintages on vintages.vintage_key = points.as_of_vintage_id
),

dates as (
    select distinct known_on as peildatum from indicator_vintages
),

known_then as (
    select dates.peildatum, indicator_vintages.indicator_code, indicator_vintages.vintage_key
    from dates inner join indicator_vintages on indicator_vintages.known_on <= dates.peildatum
    qualify row_number() over (partition by dates.peildatum, indicator_vintages.indicator_code
                               order by indicator_vintages.vintage_seq desc) = 1
),

verdicts as (
    -- the verdict against the nearest target, from the primary base year, as assessed at that version
    select vintage_key, indicator_key, breakdown, status_nl, target_year
    from {{ ref('fct_progress') }}
    where region_key = 'NL' and is_primary_base_year
    qualify row_number() over (partition by vintage_key, indicator_key, breakdown order by target_year) = 1
)

select strftime(k.peildatum, '%Y-%m-%d') as peildatum, th.theme_name_nl as thema, m.mission_name_nl as missie,
       {{ indicator_label_nl('i.indicator_name_nl', 'i.unit') }} as indicator, k.indicator_code as indicatorcode,
       {{ breakdown_label_nl('p.breakdown') }} as uitsplitsing,
       p.period_year as jaar, p.value as waarde, p.observation_status as status_cijfer,
       coalesce(verdicts.status_nl || ' (doel ' || verdicts.target_year || ')', 'geen oordeel') as oordeel_toen,
       v.publisher || ', ' || v.release_label as versie_van, k.vintage_key as versie
from known_then as k
inner join points as p on p.as_of_vintage_id = k.vintage_key and p.indicator_code = k.indicator_code
inner join vintages as v on v.vintage_key = k.vintage_key
inner join {{ ref('dim_indicator') }} as i on i.indicator_key = k.indicator_code
inner join {{ ref('fct_mission_status') }} as m on m.mission_key = i.mission_key
inner join {{ ref('dim_theme') }} as th on th.theme_key = m.theme_key
left join verdicts on verdicts.vintage_key = k.vintage_key and verdicts.indicator_key = k.indicator_code
                  and verdicts.breakdown = p.breakdown
