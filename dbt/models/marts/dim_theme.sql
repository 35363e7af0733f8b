with themes as (
    select * from {{ ref('stg_catalogue__themes') }}
),

mission_counts as (
    select
        theme_code,
        count(*) as mission_entries,
        count(*) filter (where counts_in_official_25) as missions_in_official_25
    from {{ ref('stg_catalogue__missions') }}
    group by theme_code
)

select
    themes.theme_code as theme_key,
    themes.theme_code,
    themes.theme_name_nl,
    themes.theme_name_en,
    themes.sort_order,
    coalesce(mission_counts.mission_entries, 0)::integer as mission_entries,
    coalesce(mission_counts.missions_in_official_25, 0)::integer as missions_in_official_25
from themes
left join mission_counts using (theme_code)

union all

select '-1', '-1', 'Onbekend', 'Unknown', 99, 0, 0

union all

-- for figures that concern no single theme (e.g. a generic tax credit)
select '-2', '-2', 'Niet aan één thema gebonden', 'Not tied to one theme', 98, 0, 0
