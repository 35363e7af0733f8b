-- One order over all vintages, oldest first: by publication date (undated ones count as older than
-- any dated one, as in int_observations_vintaged), then by load time. "As known at vintage V"
-- means: every vintage up to and including V in this order.
select
    vintage_id,
    row_number() over (order by {{ vintage_order() }}) as vintage_seq
from {{ ref('stg_observations__vintages') }}
