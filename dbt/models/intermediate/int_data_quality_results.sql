-- A view on purpose: besides feeding marts.fct_data_quality, it is what the data-quality publication
-- (Dagster asset publicatie/datakwaliteit, dagster_project/defs/quality/checks.py) reads to refresh
-- that table in the dashboards' serving copy when the blocking check keeps the marts on their last
-- good copy. Being a view over the raw results, it is current without a dbt run; its SQL is the
-- only definition of the table, so the dashboards see the same columns either way.
{{ config(materialized='view') }}

-- Grain: one expectation of one validation (a file being loaded, or a stored vintage re-checked).
select
    md5(concat_ws('|', validated_at, check_run, file_name, coalesce(vintage_id, ''), coalesce(delivery_id, ''),
        expectation_type, coalesce(expectation_id, ''))) as validation_result_key,
    coalesce(vintage_id, '-1') as vintage_key,
    cast(validated_at as date)::varchar as validated_on,
    validated_at,
    check_run,
    load_kind,
    suite_name,
    file_name,
    delivery_id,
    expectation_type,
    expectation_id,
    rule,
    column_name,
    severity,
    success,
    case
        when success then 'geslaagd'
        when severity = 'warning' then 'waarschuwing'
        else 'mislukt'
    end as result_nl,
    element_count,
    unexpected_count,
    unexpected_percent
from {{ ref('stg_quality__validation_results') }}
