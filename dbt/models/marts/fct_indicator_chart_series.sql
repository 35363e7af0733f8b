-- Every line the indicator charts draw at national level, precomputed at build time so a dashboard
-- reads a few hundred rows instead of filtering the whole observation fact (on the 7 M-row scale
-- set that query alone took 0.3 s per chart; see docs/benchmark.md). Five kinds of series:
-- the observations, each current target, the straight line from the base year to that target, the
-- trend of the latest years extended to the furthest target year, and the official outlooks (PBL's
-- Klimaat- en Energieverkenning: per edition the low and high end of its range in the target year,
-- in the indicator's unit; fct_outlooks has the published % and the arithmetic).
with indicators as (
    select * from {{ ref('dim_indicator') }}
),

observations as (
    select indicator_key, breakdown, period_year as year, value,
           case observation_status when 'voorlopig' then 'Waarneming (voorlopig)' else 'Waarneming' end as series_label_nl,
           'waarneming' as series_kind
    from {{ ref('fct_observations') }}
    where is_latest and region_key = 'NL'
),

headline as (
    select * from {{ ref('fct_progress') }}
    where is_latest_vintage and is_primary_base_year and target_is_current and region_key = 'NL'
),

targets as (
    select indicator_key, breakdown, target_year as year, target_value_absolute as value,
           'Doel ' || target_year as series_label_nl, 'doel' as series_kind
    from headline
    where target_value_absolute is not null
),

paths as (
    select h.indicator_key, h.breakdown, y.year,
           h.path_start_value + (h.target_value_absolute - h.path_start_value) * (y.year - h.path_start_year)
               / (h.target_year - h.path_start_year) as value,
           'Rechte lijn naar doel ' || h.target_year as series_label_nl, 'rechte_lijn' as series_kind
    from headline as h
    cross join lateral (select unnest(range(h.path_start_year, h.target_year + 1)) as year) as y
    where h.path_start_year is not null
),

nearest_target as (
    -- the trend comes from the assessment against the nearest target, drawn to the furthest one
    select *, max(target_year) over (partition by indicator_key, breakdown) as last_target_year
    from headline
    qualify row_number() over (partition by indicator_key, breakdown order by target_year) = 1
),

projections as (
    select h.indicator_key, h.breakdown, y.year,
           case when i.natural_limit is null then h.projected_value_in_target_year - h.trend_slope_per_year * (h.target_year - y.year)
                when i.desired_direction = 'omlaag'
                    then greatest(h.projected_value_in_target_year - h.trend_slope_per_year * (h.target_year - y.year), i.natural_limit)
                else least(h.projected_value_in_target_year - h.trend_slope_per_year * (h.target_year - y.year), i.natural_limit)
           end as value,
           'Trend ' || h.trend_first_year || '-' || h.current_year || ', doorgetrokken' as series_label_nl,
           'trend' as series_kind
    from nearest_target as h
    inner join indicators as i using (indicator_key)
    cross join lateral (select unnest(range(h.trend_first_year, h.last_target_year + 1)) as year) as y
    where h.projected_value_in_target_year is not null and h.trend_slope_per_year is not null
      and (i.natural_limit is null or h.projected_value_in_target_year <> i.natural_limit)
),

current_outlooks as (
    -- only outlooks of targets in force, as for the target line; each edition is its own pair of series
    select o.*
    from {{ ref('fct_outlooks') }} as o
    inner join {{ ref('dim_target') }} as t using (target_key)
    where t.is_current and o.region_key = 'NL'
),

outlooks as (
    select indicator_key, breakdown, outlook_year as year, value_min as value,
           outlook_label_nl || ', raming ' || outlook_year || ' (ondergrens)' as series_label_nl, 'raming' as series_kind
    from current_outlooks
    where value_min is not null
    union all
    select indicator_key, breakdown, outlook_year as year, value_max as value,
           outlook_label_nl || ', raming ' || outlook_year || ' (bovengrens)' as series_label_nl, 'raming' as series_kind
    from current_outlooks
    where value_max is not null
)

select
    indicator_key,
    breakdown,
    cast(year as integer) as year,
    series_kind,
    series_label_nl,
    value
from (
    select * from observations
    union all by name
    select * from targets
    union all by name
    select * from paths
    union all by name
    select * from projections
    union all by name
    select * from outlooks
) as series_points
