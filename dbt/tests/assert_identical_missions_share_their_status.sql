-- An entry the letter declares identical to another (LWV-KLIMAATNEUTRAAL = ET-BKG-LANDBOUW, footnote 2)
-- is measured by the other's indicators, so both themes report the same status, indicators and value.
select
    entry.mission_key,
    entry.canonical_mission_key,
    entry.status_code,
    canonical.status_code as canonical_status_code
from {{ ref('fct_mission_status') }} as entry
inner join {{ ref('fct_mission_status') }} as canonical on canonical.mission_key = entry.canonical_mission_key
where entry.mission_key <> entry.canonical_mission_key
  and (entry.status_code is distinct from canonical.status_code
       or entry.indicator_codes is distinct from canonical.indicator_codes
       or entry.headline_indicator_key is distinct from canonical.headline_indicator_key
       or entry.latest_value is distinct from canonical.latest_value)
