-- No assessment (fct_targets, fct_progress and so fct_mission_status) is made as of a withdrawn
-- vintage or takes a value from one, and no indicator removed from indicatoren.yml is assessed.
-- Checked against the sources themselves, not against int_observations_vintaged's own flags.
{{ config(meta={'dagster': {'ref': {'name': 'int_observations_as_of'}}}) }}
select as_of_vintage_id, value_vintage_id, indicator_code, region_code, breakdown, period_label
from {{ ref('int_observations_as_of') }}
where as_of_vintage_id in (select vintage_id from {{ ref('stg_observations__withdrawals') }})
   or value_vintage_id in (select vintage_id from {{ ref('stg_observations__withdrawals') }})
   or indicator_code not in (select indicator_code from {{ ref('stg_catalogue__indicators') }})
