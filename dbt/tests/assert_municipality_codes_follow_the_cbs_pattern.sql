-- Every municipality code is a CBS code: GM and four digits (the benchmark's synthetic scale set adds
-- GM_SYN_ codes of its own, which assert_synthetic_data_only_in_scale_sets keeps out of real builds).
select region_code as code from {{ ref('dim_region') }}
where region_level = 'gemeente' and not regexp_full_match(region_code, 'GM[0-9]{4}') and region_code not like 'GM\_SYN\_%' escape '\'
union all
select old_municipality_code from {{ ref('stg_catalogue__municipal_changes') }}
where not regexp_full_match(old_municipality_code, 'GM[0-9]{4}')
union all
select new_municipality_code from {{ ref('stg_catalogue__municipal_changes') }}
where not regexp_full_match(new_municipality_code, 'GM[0-9]{4}')
