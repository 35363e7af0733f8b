-- One dim_target row per target of the mission catalogue (mission x target year x measure), with the
-- catalogue's mission and target year, and nothing else beside the unknown member. A target that
-- drops out can never be assessed; one that is not in the catalogue is not in any source document.
{{ config(meta={'dagster': {'ref': {'name': 'dim_target'}}}) }}
with catalogue as (
    select target_code as target_key, mission_code as mission_key, target_year
    from {{ ref('stg_catalogue__targets') }}
),

dimension as (
    select target_key, mission_key, target_year
    from {{ ref('dim_target') }}
    where target_key <> '-1'
)

select
    coalesce(catalogue.target_key, dimension.target_key) as target_key,
    case
        when dimension.target_key is null then 'ontbreekt in dim_target'
        when catalogue.target_key is null then 'staat niet in de missiecatalogus'
        else 'missie of doeljaar wijkt af van de missiecatalogus'
    end as problem
from catalogue
full outer join dimension on dimension.target_key = catalogue.target_key
where catalogue.target_key is null
   or dimension.target_key is null
   or catalogue.mission_key is distinct from dimension.mission_key
   or catalogue.target_year is distinct from dimension.target_year
