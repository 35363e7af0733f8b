select
    instrument::varchar as instrument_code,
    maat::varchar as measure_code,
    maat_naam::varchar as measure_name_nl,
    waarde::double as value,
    eenheid::varchar as unit,
    nauwkeurigheid::varchar as precision_qualifier,
    thema::varchar as theme_code,
    cluster::varchar as cluster_code,
    periode::integer as period_year,
    soort::varchar as figure_kind,
    bron::varchar as document_code,
    citaat::varchar as quotation
from {{ source('catalogue', 'programme_inputs') }}
