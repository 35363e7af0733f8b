-- The Netherlands, its provinces and its municipalities. A municipality that ceased to exist carries
-- the date (valid_until), the successor RvIG Tabel 33 names (merged_into), whether it was split over
-- several municipalities (is_split: no figure can then be carried over whole), and the municipality
-- it belongs to now (current_region_code), following a chain of mergers to its end.

with recursive changes as (
    select * from {{ ref('stg_catalogue__municipal_changes') }}
),

ended as (
    select
        old_municipality_code as region_code,
        min(change_date) as valid_until,
        any_value(new_municipality_code) filter (where is_table33_successor) as merged_into,
        count(*) > 1 as is_split
    from changes
    group by old_municipality_code
),

-- follow merged_into until a municipality that has not ended
chain (region_code, current_code, depth) as (
    select
        region_code,
        region_code as current_code,
        0 as depth
    from {{ ref('stg_catalogue__regions') }}
    union all
    select
        c.region_code,
        e.merged_into,
        c.depth + 1
    from chain as c
    inner join ended as e on c.current_code = e.region_code
    where c.depth < 20
),

resolved as (
    select
        region_code,
        arg_max(current_code, depth) as current_code
    from chain
    group by region_code
)

select
    r.region_code as region_key,
    r.region_code,
    r.region_name,
    r.region_level,
    r.iso_code,
    e.valid_until,
    e.merged_into,
    coalesce(e.is_split, false) as is_split,
    v.current_code as current_region_code,
    r.region_source
from {{ ref('stg_catalogue__regions') }} as r
left join ended as e using (region_code)
left join resolved as v using (region_code)

union all

select '-1', '-1', 'Onbekend', 'onbekend', null, null, null, false, '-1', null
