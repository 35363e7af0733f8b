-- Derived indicators (indicatoren.yml, afgeleide_indicatoren): the difference between a high and a
-- low group of a published indicator, within one vintage, per remaining breakdown. Only computed
-- where both groups are in the same vintage, so every derived value has one provenance.
with derivations as (
    select
        indicator_code,
        derived_from_indicator_code,
        derivation_high_group,
        derivation_low_group,
        unit
    from {{ ref('stg_catalogue__indicators') }}
    where derived_from_indicator_code is not null
),

observations as (
    select * from {{ ref('stg_observations__observations') }}
),

grouped as (
    select
        derivations.indicator_code as derived_indicator_code,
        derivations.unit as derived_unit,
        derivations.derivation_high_group,
        derivations.derivation_low_group,
        observations.*,
        string_split(observations.breakdown, '|') as breakdown_parts,
        case
            when list_contains(string_split(observations.breakdown, '|'), derivations.derivation_high_group) then 'hoog'
            when list_contains(string_split(observations.breakdown, '|'), derivations.derivation_low_group) then 'laag'
        end as comparison_group
    from observations
    inner join derivations
        on observations.indicator_code = derivations.derived_from_indicator_code
),

compared as (
    select
        *,
        -- 'geslacht:man|opleiding:hoog' -> 'geslacht:man': the breakdown the difference is for
        coalesce(
            nullif(array_to_string(list_filter(breakdown_parts, lambda part: part <> derivation_high_group and part <> derivation_low_group), '|'), ''),
            'totaal'
        ) as remaining_breakdown
    from grouped
    where comparison_group is not null
)

select
    vintage_id,
    cast(null as bigint) as source_row_number,
    derived_indicator_code as indicator_code,
    region_code,
    period_label,
    any_value(period_year) as period_year,
    remaining_breakdown as breakdown,
    -- rounded: the published inputs have one decimal, the float noise of the subtraction is not information
    round(sum(case comparison_group when 'hoog' then value else -value end), 6) as value,
    any_value(derived_unit) as unit,
    case
        when bool_or(observation_status = 'voorlopig') then 'voorlopig'
        when bool_and(observation_status = 'definitief') then 'definitief'
        else 'onbekend'
    end as observation_status,
    'Berekend door Missiemonitor: '
        || any_value(derivation_high_group) || ' (' || replace((max(value) filter (where comparison_group = 'hoog'))::varchar, '.', ',') || ') min '
        || any_value(derivation_low_group) || ' (' || replace((max(value) filter (where comparison_group = 'laag'))::varchar, '.', ',') || ')'
        as source_note
from compared
group by vintage_id, derived_indicator_code, region_code, period_label, remaining_breakdown
having count(*) filter (where comparison_group = 'hoog') = 1
   and count(*) filter (where comparison_group = 'laag') = 1
