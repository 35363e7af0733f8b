select
    cluster_code as cluster_key,
    cluster_code,
    cluster_name,
    sort_order
from {{ ref('stg_catalogue__key_technology_clusters') }}

union all

select '-1', '-1', 'Onbekend', 99
