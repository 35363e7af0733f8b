select
    cluster_code as cluster_key,
    cluster_code,
    cluster_name,
    sort_order
from {{ ref('stg_catalogue__key_technology_clusters') }}

union all

select '-1', '-1', 'Onbekend', 99

union all

-- for figures that concern no single cluster
select '-2', '-2', 'Niet aan één cluster gebonden', 98
