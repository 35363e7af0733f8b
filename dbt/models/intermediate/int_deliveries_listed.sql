-- A view on purpose: besides feeding marts.fct_deliveries, it is what the data-quality publication
-- (Dagster asset publicatie/datakwaliteit, dagster_project/defs/quality/checks.py) reads to refresh
-- that table in the dashboards' serving copy when the blocking check keeps the marts on their last
-- good copy. Being a view over the raw deliveries, it is current without a dbt run; its SQL is the
-- only definition of the table, so the dashboards see the same columns either way.
{{ config(materialized='view') }}

-- Grain: one file delivered to the inbox, loaded or refused, with where its original is kept.
select
    delivery_id as delivery_key,
    coalesce(vintage_id, '-1') as vintage_key,
    file_name,
    received_at,
    cast(received_at as date)::varchar as received_on,
    outcome,
    outcome = 'geweigerd' as is_quarantined,
    row_count,
    size_bytes,
    sha256,
    kept_at_path,
    problem_count,
    problems,
    warnings
from {{ ref('stg_observations__deliveries') }}
