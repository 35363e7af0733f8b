-- Grain: one expectation of one validation (a file being loaded, or a stored vintage re-checked).
-- The columns are computed in int_data_quality_results (a view), which the data-quality publication
-- also reads while the marts are blocked: one definition for both.
select * from {{ ref('int_data_quality_results') }}
