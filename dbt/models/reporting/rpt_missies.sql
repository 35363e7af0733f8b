-- Dataset 'missies' of the dashboards: the mission page's header, one row per mission and catalogue
-- version: its text and targets as the letter words them, with the document they come from, and why it
-- is or is not measured. The page's Missieversie filter picks the set.

with targets as (
    select mission_key,
           string_agg(target_text_nl || coalesce(' (' || target_year || ')', ''), ' · ' order by target_year, target_code) as targets_nl,
           string_agg(distinct document_reference, ', ') as documents
    from {{ ref('dim_target') }}
    where target_key <> '-1' and is_current
    group by mission_key
),

targets_2023 as (
    select mission_code as mission_key,
           string_agg(target_text_nl || coalesce(' (' || target_year || ')', ''), ' · ' order by target_year, target_code) as targets_nl
    from {{ ref('stg_catalogue__targets_2023') }}
    group by mission_code
),

unplaced_2023 as (
    select v.*, c.explanation_nl
    from {{ ref('int_missions_versioned') }} as v
    inner join {{ ref('stg_catalogue__mission_crosswalk') }} as c on c.mission_code_2019 = v.mission_key_2019
    where v.mission_version = '2023' and c.mission_code_2023 is null
)

select {{ mission_version_label('2019') }} as missieversie, th.theme_name_nl as thema, th.sort_order as thema_volgorde,
       m.mission_key as missiecode, s.mission_name_nl as missie,
       coalesce(m.mission_text_nl, '–') as missietekst, coalesce(t.targets_nl, 'geen doel vastgelegd') as doelen,
       coalesce(t.documents, d.reference, '–') as bron, s.status_nl as status, s.coverage_status as dekking,
       coalesce(s.coverage_reason_nl, '–') as dekking_toelichting, coalesce(s.indicator_codes, '–') as indicatoren,
       s.counts_in_official_25 as telt_mee_in_25
from {{ ref('dim_mission') }} as m
inner join {{ ref('fct_mission_status') }} as s using (mission_key)
inner join {{ ref('dim_theme') }} as th on th.theme_key = m.theme_key
left join targets as t using (mission_key)
left join {{ ref('stg_catalogue__documents') }} as d using (document_code)
where m.mission_key <> '-1'

union all by name

select {{ mission_version_label('2023') }} as missieversie, th.theme_name_nl as thema, th.sort_order as thema_volgorde,
       s.mission_key as missiecode, s.mission_name_nl as missie, coalesce(s.mission_text_nl, '–') as missietekst,
       coalesce(t.targets_nl, 'geen doel vastgelegd') as doelen, coalesce(d.reference, s.document_code, '–') as bron,
       s.status_nl as status, s.coverage_status as dekking,
       coalesce(s.coverage_reason_nl, 'Gemeten via de missies uit 2019 die erin opgaan: ' || s.statuses_2019_nl, '–') as dekking_toelichting,
       coalesce(s.indicator_codes, '–') as indicatoren, true as telt_mee_in_25
from {{ ref('fct_mission_status_2023') }} as s
inner join {{ ref('dim_theme') }} as th on th.theme_key = s.theme_key
left join targets_2023 as t using (mission_key)
left join {{ ref('stg_catalogue__documents') }} as d using (document_code)

union all by name

-- a 2019 mission the crosswalk places nowhere in 2023: its indicators stay reachable in the 2023 view
select {{ mission_version_label('2023') }} as missieversie, th.theme_name_nl as thema, th.sort_order as thema_volgorde,
       u.mission_key as missiecode, u.mission_name_nl as missie, coalesce(m.mission_text_nl, '–') as missietekst,
       'geen doel in de herijkte missies' as doelen, 'crosswalk 2019-2023 (missies_2023.yml)' as bron,
       s.status_nl as status, s.coverage_status as dekking, u.explanation_nl as dekking_toelichting,
       coalesce(s.indicator_codes, '–') as indicatoren, false as telt_mee_in_25
from unplaced_2023 as u
inner join {{ ref('dim_mission') }} as m on m.mission_key = u.mission_key_2019
inner join {{ ref('fct_mission_status') }} as s on s.mission_key = u.mission_key_2019
inner join {{ ref('dim_theme') }} as th on th.theme_key = u.theme_key
