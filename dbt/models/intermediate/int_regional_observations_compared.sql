-- Every regional figure as published (latest version, valid, not lapsed) with its region and the
-- national figure of the same indicator, period and breakdown beside it. One place for "latest with
-- region" and "national value", which rpt_regionaal (provinces) and rpt_regionaal_gemeenten
-- (municipalities) both compare against.

with latest as (
    select
        o.*,
        r.region_name,
        r.region_level,
        r.iso_code,
        r.current_region_code,
        r.valid_until,
        r.is_split
    from {{ ref('fct_observations') }} as o
    inner join {{ ref('dim_region') }} as r using (region_key)
    where o.is_latest and not o.is_lapsed and o.validity_status <> 'ingetrokken'
),

national as (
    select
        indicator_key,
        period_label,
        breakdown,
        value as national_value
    from latest
    where region_key = 'NL'
)

select
    latest.*,
    national.national_value
from latest
left join national using (indicator_key, period_label, breakdown)
where latest.region_key <> 'NL'
