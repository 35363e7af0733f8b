-- Exactly one latest value per series point (indicator x region x period x breakdown) that has a value
-- that counts, and none for a point whose every vintage was withdrawn or lapsed: the dashboards show
-- the is_latest row, so two would draw two points and none would hide a published figure.
select
    indicator_key,
    region_key,
    period_label,
    breakdown,
    count(*) filter (where is_latest) as latest_values,
    count(*) filter (where validity_status = 'geldig') as values_that_count
from {{ ref('fct_observations') }}
group by indicator_key, region_key, period_label, breakdown
having count(*) filter (where is_latest) <> case when count(*) filter (where validity_status = 'geldig') > 0 then 1 else 0 end
    or count(*) filter (where is_latest and validity_status <> 'geldig') > 0
    or count(*) filter (where is_latest and vintage_rank is distinct from 1) > 0
