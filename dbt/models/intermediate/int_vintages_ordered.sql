-- One order over all vintages, oldest first: by publication date (undated ones count as older than
-- any dated one, as in int_observations_vintaged), then by load time. "As known at vintage V"
-- means: every vintage up to and including V in this order.
select
    vintage_id,
    row_number() over (order by release_date asc nulls first, loaded_at asc, vintage_id asc) as vintage_seq
from {{ ref('stg_observations__vintages') }}
