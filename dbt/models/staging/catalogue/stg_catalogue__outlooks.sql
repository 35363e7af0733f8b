-- Official outlooks of a target year (data/reference/uitzichten.yml): one row per edition x target x
-- indicator, the range as published. An outlook is not an observation and never joins the series.
select
    concat_ws('|', code, doel, indicator)::varchar as outlook_key,
    code::varchar as outlook_code,
    uitgever::varchar as publisher,
    uitgever_kort::varchar as publisher_short,
    reeks::varchar as outlook_series,
    editie::integer as edition,
    titel::varchar as title,
    publicatiedatum::date as published_on,
    publicatiedatum_tekst::varchar as published_on_text,
    url::varchar as url,
    doel::varchar as target_code,
    indicator::varchar as indicator_code,
    jaar::integer as outlook_year,
    beleid::varchar as policy_variant_nl,
    eenheid::varchar as stated_unit,
    referentiejaar::integer as reference_year,
    laag::double as stated_low,
    hoog::double as stated_high,
    kans_op_doel_hoogstens_pct::double as chance_of_target_at_most_pct,
    kans_tekst::varchar as chance_text_nl,
    citaat::varchar as quote_text,
    opmerking::varchar as note_nl
from {{ source('catalogue', 'outlooks') }}
