-- Grain: indicator x target x series (region x breakdown) x vintage. The absolute target value is
-- derived from the base-year value in the same vintage, because base years are revised; where it
-- cannot be derived the row stays, with the reason. A base year the source does not name but the
-- project chose (dbt var target_base_year_chosen) is marked as chosen.
with targets as (
    select * from {{ ref('int_targets_derived') }}
),

missions as (
    select mission_code, theme_code from {{ ref('stg_catalogue__missions') }}
),

target_missions as (
    select target_code, mission_code from {{ ref('stg_catalogue__targets') }}
),

indicators as (
    select indicator_code, unit from {{ ref('stg_catalogue__indicators') }}
)

select
    concat_ws('|', targets.as_of_vintage_id, targets.indicator_code, targets.target_code, targets.region_code, targets.breakdown) as target_fact_key,
    targets.indicator_code as indicator_key,
    targets.target_code as target_key,
    target_missions.mission_code as mission_key,
    missions.theme_code as theme_key,
    targets.region_code as region_key,
    targets.breakdown,
    targets.as_of_vintage_id as vintage_key,
    targets.is_latest_as_of as is_latest_vintage,
    coalesce(targets.target_year::varchar, '-1') as target_period_key,
    coalesce(targets.target_base_period_label, targets.target_base_year::varchar, '-1') as base_period_key,
    targets.document_code as source_key,
    targets.target_year,
    targets.quantification,
    targets.target_value_stated,
    targets.target_unit as target_unit_stated,
    targets.target_direction,
    targets.target_base_year,
    coalesce(targets.target_base_year_origin = 'gekozen', false) as is_base_year_chosen,
    case targets.target_base_year_origin
        when 'bron' then 'Basisjaar zoals de bron het noemt.'
        when 'gekozen' then 'De bron noemt geen basisjaar; ' || targets.target_base_year
            || ' is een keuze van de Missiemonitor (dbt-variabele target_base_year_chosen, zie docs/methodologie.md).'
    end as base_year_note_nl,
    targets.target_base_period_label,
    targets.target_base_value,
    coalesce(targets.target_base_value_vintage_id, '-1') as base_value_vintage_key,
    round(targets.target_value_absolute, 6) as target_value_absolute,
    indicators.unit,
    targets.target_value_absolute is not null as has_absolute_value,
    targets.target_value_missing_reason,
    targets.target_is_current
from targets
inner join indicators using (indicator_code)
inner join target_missions using (target_code)
inner join missions on missions.mission_code = target_missions.mission_code
