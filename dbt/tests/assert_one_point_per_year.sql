-- One point per year in every series: a series (indicator x region x breakdown, as known at a
-- vintage) may not hold two values for the same period_year under different period labels, such
-- as '2022' and '2019-2022' in a yearly series. Both would be latest, the charts would draw two 2022
-- points and the progress method would count 2022 twice. The Great Expectations rule
-- `periodetype-per-indicator` refuses such a row on load; this test is the backstop in the warehouse.
-- The series as known at the latest vintage holds every period label ever delivered for the
-- indicator, so checking it catches a clash in any vintage; the labels' own vintages are listed.
select
    as_of_vintage_id,
    indicator_code,
    region_code,
    breakdown,
    period_year,
    string_agg(period_label || ' (versie ' || value_vintage_id || ')', ', ' order by period_label) as period_labels
from {{ ref('int_observations_as_of') }}
where is_latest_as_of
group by as_of_vintage_id, indicator_code, region_code, breakdown, period_year
having count(*) > 1
