-- Dataset 'missies' of the dashboards: the mission page's header, one row per mission: its text and
-- targets as the letter words them, with the document they come from, and why it is or is not measured.

with targets as (
    select mission_key,
           string_agg(target_text_nl || coalesce(' (' || target_year || ')', ''), ' · ' order by target_year, target_code) as targets_nl,
           string_agg(distinct document_reference, ', ') as documents
    from {{ ref('dim_target') }}
    where target_key <> '-1' and is_current
    group by mission_key
)

select th.theme_name_nl as thema, th.sort_order as thema_volgorde, m.mission_key as missiecode, s.mission_name_nl as missie,
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
