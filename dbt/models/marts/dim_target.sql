with targets as (
    select * from {{ ref('stg_catalogue__targets') }}
),

missions as (
    select mission_code, theme_code from {{ ref('stg_catalogue__missions') }}
),

documents as (
    select * from {{ ref('stg_catalogue__documents') }}
)

select
    targets.target_code as target_key,
    targets.target_code,
    targets.mission_code as mission_key,
    missions.theme_code as theme_key,
    targets.target_year,
    targets.target_year_text,
    targets.target_year_is_derived,
    targets.target_text_nl,
    targets.quantification,
    targets.quantification <> 'kwalitatief' as is_quantified,
    targets.desired_direction,
    targets.target_value,
    targets.target_unit,
    targets.base_year,
    targets.is_current,
    targets.document_code,
    documents.reference as document_reference,
    documents.published_on as document_date,
    targets.note_nl
from targets
inner join missions using (mission_code)
left join documents using (document_code)

union all

select
    '-1', '-1', '-1', '-1', null, 'onbekend', false, null, 'kwalitatief', false,
    null, null, null, null, false, null, null, null, null
