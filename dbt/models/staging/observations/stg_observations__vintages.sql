select
    vintage_id,
    source_kind,
    file_name,
    sha256,
    publisher,
    source_table,
    source_url,
    release_date,
    release_precision,
    retrieved_on,
    row_count,
    loaded_at,
    delivery_id
from {{ source('observations', 'vintages') }}
