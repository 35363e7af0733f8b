select
    code::varchar as cluster_code,
    naam::varchar as cluster_name,
    volgorde::integer as sort_order
from {{ source('catalogue', 'key_technology_clusters') }}
