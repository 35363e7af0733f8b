-- Grain: instrument x measure x theme x cluster x year. What goes into the missions, as the
-- documents state it; shares (%) and counts are never to be summed across rows.
with inputs as (
    select * from {{ ref('stg_catalogue__programme_inputs') }}
),

instruments as (
    select * from {{ ref('stg_catalogue__programme_instruments') }}
)

select
    concat_ws('|', inputs.instrument_code, inputs.measure_code, inputs.theme_code, inputs.cluster_code, inputs.period_year) as programme_input_key,
    inputs.instrument_code,
    instruments.instrument_name,
    inputs.measure_code,
    inputs.measure_name_nl,
    inputs.theme_code as theme_key,
    inputs.cluster_code as cluster_key,
    inputs.period_year::varchar as period_key,
    inputs.document_code as source_key,
    inputs.value,
    inputs.unit,
    inputs.precision_qualifier,
    case inputs.precision_qualifier
        when 'ongeveer' then 'ca. '
        when 'bijna' then 'bijna '
        else ''
    end || case when inputs.value = floor(inputs.value) then inputs.value::bigint::varchar else replace(inputs.value::varchar, '.', ',') end
        || case when inputs.unit like '\%%' escape '\' then '' else ' ' end || inputs.unit as value_label_nl,
    inputs.unit = 'mln euro' as is_euro_amount,
    inputs.figure_kind,
    inputs.quotation
from inputs
inner join instruments using (instrument_code)
