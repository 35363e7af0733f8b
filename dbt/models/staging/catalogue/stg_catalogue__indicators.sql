select
    code::varchar as indicator_code,
    naam::varchar as indicator_name_nl,
    naam_en::varchar as indicator_name_en,
    eenheid::varchar as unit,
    richting::varchar as desired_direction,
    natuurlijke_grens::double as natural_limit,
    eigenaar::varchar as owner,
    missie::varchar as mission_code,
    uitsplitsingen::varchar as allowed_breakdowns,
    min::double as plausible_min,
    max::double as plausible_max,
    afgeleid_van::varchar as derived_from_indicator_code,
    afleiding_hoog::varchar as derivation_high_group,
    afleiding_laag::varchar as derivation_low_group,
    actualiteit_maanden::integer as release_lag_months,
    actualiteit_bron::varchar as release_lag_source
from {{ source('catalogue', 'indicators') }}
