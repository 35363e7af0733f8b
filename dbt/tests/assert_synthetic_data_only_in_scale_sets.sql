-- Synthetic observations exist only for the benchmark's scale sets, each in a database of its own
-- built with --vars '{schaaltest: true}'. In any other warehouse one synthetic row fails the build,
-- so a scale-test number can never reach the dashboards.
select vintage_id, file_name, publisher
from {{ ref('stg_observations__vintages') }}
where (source_kind = 'synthetisch' or publisher = 'SYNTHETISCH')
  and not {{ var('schaaltest') }}
