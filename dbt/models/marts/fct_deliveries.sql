-- Grain: one file delivered to the inbox, loaded or refused, with where its original is kept.
-- The columns are computed in int_deliveries_listed (a view), which the data-quality publication
-- also reads while the marts are blocked: one definition for both.
select * from {{ ref('int_deliveries_listed') }}
