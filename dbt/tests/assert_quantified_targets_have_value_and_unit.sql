-- A target the text quantifies must carry its number and unit, or progress cannot be judged.
select target_key
from {{ ref('dim_target') }}
where is_quantified and (target_value is null or target_unit is null or desired_direction is null)
