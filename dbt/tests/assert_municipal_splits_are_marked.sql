-- A municipality divided over several others has a row per part, all marked as a split, and exactly one
-- of them is the successor RvIG Tabel 33 names; a municipality that went wholly into one other is a
-- samenvoeging. The region dimension says the same (is_split).
with per_old as (
    select
        old_municipality_code,
        count(*) as parts,
        count(*) filter (where is_table33_successor) as successors,
        count(*) filter (where change_kind = 'samenvoeging') as mergers,
        count(*) filter (where change_kind = 'splitsing') as named_parts
    from {{ ref('stg_catalogue__municipal_changes') }}
    group by old_municipality_code
)

select
    p.*,
    r.is_split
from per_old as p
left join {{ ref('dim_region') }} as r on p.old_municipality_code = r.region_key
where
    p.successors <> 1
    or (p.parts = 1 and p.mergers <> 1)
    or (p.parts > 1 and (p.mergers > 0 or p.named_parts <> 1))
    or r.is_split is distinct from (p.parts > 1)
