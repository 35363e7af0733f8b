-- Every municipality code that ceased to exist (every old code of
-- data/reference/gemeentelijke_herindelingen.csv) resolves, following its successors through any chain
-- of mergers, to a municipality that still exists at the latest date of the mapping.
select
    c.old_municipality_code,
    r.current_region_code,
    now_.valid_until as current_valid_until,
    now_.region_level as current_level
from {{ ref('stg_catalogue__municipal_changes') }} as c
left join {{ ref('dim_region') }} as r on c.old_municipality_code = r.region_key
left join {{ ref('dim_region') }} as now_ on r.current_region_code = now_.region_key
where
    r.region_key is null
    or now_.region_key is null
    or now_.valid_until is not null
    or now_.region_level <> 'gemeente'
    or r.current_region_code = c.old_municipality_code
