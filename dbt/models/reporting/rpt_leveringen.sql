-- Dataset 'leveringen' of the dashboards (Superset reads reporting.rpt_leveringen as a physical table).
-- A view on purpose: the data-quality publication (dagster_project/defs/quality/checks.py) copies it
-- into the dashboards' copy while the blocking check keeps the marts on their last good version.
{{ config(materialized='view') }}

select v.loaded_at as ontvangen, v.file_name as bestand,
       case when v.is_withdrawn then 'ingetrokken'
            when v.source_kind = 'levering' then 'levering geladen'
            when v.source_kind = 'snapshot' then 'meegeleverd, geladen' else 'CBS-download, geladen' end as uitkomst,
       v.row_count as rijen, 0 as problemen,
       case when v.is_withdrawn then 'ingetrokken op ' || strftime(v.withdrawn_at, '%d-%m-%Y') || ' door ' || v.withdrawn_by
                                     || ': ' || v.withdrawal_reason
            else d.warnings end as toelichting,
       coalesce(d.kept_at_path, 'data/snapshot') as bewaard_in
from {{ ref('dim_vintage') }} as v left join {{ ref('int_deliveries_listed') }} as d on d.vintage_key = v.vintage_key and d.outcome = 'geladen'
where v.vintage_key <> '-1'
union all
select received_at, file_name, 'geweigerd (quarantaine)', row_count, problem_count, problems, kept_at_path
from {{ ref('int_deliveries_listed') }}
where outcome = 'geweigerd'
