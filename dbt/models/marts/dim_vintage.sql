select
    vintage_id as vintage_key,
    source_kind,
    file_name,
    sha256,
    publisher,
    source_table,
    source_url,
    release_date,
    release_precision,
    {{ release_label('release_date', 'release_precision') }} as release_label,
    coalesce(retrieved_on, cast(loaded_at as date)) as retrieved_on,
    row_count,
    loaded_at,
    delivery_id
from {{ ref('stg_observations__vintages') }}

union all

select '-1', 'onbekend', null, null, 'Onbekend', 'Onbekend', null, null, 'onbekend', 'onbekend', null, 0, null, null
