-- fct_mission_status has every mission entry of the catalogue, always, measured or not, and no other
-- row (README, "Van indicator naar missie en thema": a mission that drops out of the overview would
-- silently stop being reported on).
{{ config(meta={'dagster': {'ref': {'name': 'fct_mission_status'}}}) }}
with catalogue as (
    select mission_code as mission_key from {{ ref('stg_catalogue__missions') }}
),

rolled_up as (
    select mission_key from {{ ref('fct_mission_status') }}
)

select
    coalesce(catalogue.mission_key, rolled_up.mission_key) as mission_key,
    case when rolled_up.mission_key is null then 'ontbreekt in fct_mission_status'
         else 'staat niet in de missiecatalogus' end as problem
from catalogue
full outer join rolled_up on rolled_up.mission_key = catalogue.mission_key
where catalogue.mission_key is null or rolled_up.mission_key is null
