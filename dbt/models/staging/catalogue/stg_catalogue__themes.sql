select
    code::varchar as theme_code,
    naam::varchar as theme_name_nl,
    naam_en::varchar as theme_name_en,
    volgorde::integer as sort_order
from {{ source('catalogue', 'themes') }}
