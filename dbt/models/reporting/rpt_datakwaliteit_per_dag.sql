-- Dataset 'datakwaliteit_per_dag' of the dashboards (Superset reads reporting.rpt_datakwaliteit_per_dag as a physical table).
-- A view on purpose: the data-quality publication (dagster_project/defs/quality/checks.py) copies it
-- into the dashboards' copy while the blocking check keeps the marts on their last good version.
{{ config(materialized='view') }}

select cast(validated_at as date) as dag, result_nl as resultaat, check_run as soort_controle, load_kind as soort_bestand,
       file_name as bestand, rule as regel, severity as ernst, unexpected_count as afwijkende_rijen
from {{ ref('int_data_quality_results') }}
