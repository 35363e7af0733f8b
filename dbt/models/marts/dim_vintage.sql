with vintages as (
    select * from {{ ref('stg_observations__vintages') }}
),

vintage_order as (
    select * from {{ ref('int_vintages_ordered') }}
)

select
    vintages.vintage_id as vintage_key,
    vintage_order.vintage_seq::integer as vintage_seq,
    vintages.source_kind,
    {{ source_key('vintages.publisher', 'vintages.source_table', 'vintages.source_url') }} as source_key,
    vintages.file_name,
    vintages.sha256,
    vintages.publisher,
    vintages.source_table,
    vintages.source_url,
    vintages.release_date,
    vintages.release_precision,
    {{ release_label('vintages.release_date', 'vintages.release_precision') }} as release_label,
    coalesce(vintages.retrieved_on, cast(vintages.loaded_at as date)) as retrieved_on,
    vintages.row_count,
    vintages.loaded_at,
    vintages.delivery_id
from vintages
inner join vintage_order using (vintage_id)

union all

select '-1', 0, 'onbekend', '-1', null, null, 'Onbekend', 'Onbekend', null, null, 'onbekend', 'onbekend', null, 0, null, null
