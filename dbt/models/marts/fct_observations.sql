-- Grain: indicator x region x period x breakdown x vintage. Every vintage stays, a withdrawn one and
-- one whose indicator left the reference too (validity_status); is_latest marks the value the
-- dashboards show, only ever from a vintage that counts. Derived indicators (is_derived) carry the vintage of the values they
-- are computed from.
select
    concat_ws('|', vintage_id, indicator_code, region_code, period_label, breakdown) as observation_key,
    indicator_code as indicator_key,
    region_code as region_key,
    vintage_id as vintage_key,
    period_label as period_key,
    {{ source_key('publisher', 'source_table', 'source_url') }} as source_key,
    period_label,
    period_year,
    breakdown,
    value,
    unit,
    observation_status,
    coalesce(vintage_rank = 1, false) as is_latest,
    vintage_rank::integer as vintage_rank,
    vintage_count::integer as vintage_count,
    validity_status,
    is_withdrawn,
    withdrawn_at,
    withdrawal_reason,
    is_lapsed,
    publisher,
    source_table,
    source_url,
    release_date,
    release_precision,
    {{ release_label('release_date', 'release_precision') }} as release_label,
    retrieved_on,
    source_kind,
    file_name,
    delivery_id,
    source_row_number::integer as source_row_number,
    is_derived,
    source_note
from {{ ref('int_observations_vintaged') }}
