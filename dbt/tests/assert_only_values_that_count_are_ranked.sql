-- Exactly the values that count carry a rank: a withdrawn vintage (make intrekken) or an indicator no
-- longer in indicatoren.yml (vervallen) is never "latest", and every valid value has its place.
select vintage_id, indicator_code, region_code, period_label, breakdown, validity_status, vintage_rank
from {{ ref('int_observations_vintaged') }}
where (validity_status = 'geldig') <> (vintage_rank is not null)
