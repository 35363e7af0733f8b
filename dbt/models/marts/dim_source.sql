-- Where numbers come from: the policy documents (targets, programme figures) and the statistical
-- tables and publications that delivered observations.
with documents as (
    select * from {{ ref('stg_catalogue__documents') }}
),

tables as (
    select
        publisher,
        source_table,
        source_url,
        string_agg(distinct {{ release_label('release_date', 'release_precision') }}, ', ') as release_labels,
        count(*) as vintage_count
    from {{ ref('stg_observations__vintages') }}
    group by publisher, source_table, source_url
)

select
    document_code as source_key,
    'document' as source_kind,
    publisher,
    title as source_title,
    reference as source_reference,
    url as source_url,
    coalesce(strftime(published_on, '%d-%m-%Y'), published_on_text) as published_label,
    repo_file,
    0 as vintage_count
from documents

union all

select
    {{ source_key('publisher', 'source_table', 'source_url') }},
    'statistiek',
    publisher,
    source_table,
    null,
    source_url,
    release_labels,
    null,
    vintage_count::integer
from tables

union all

select '-1', 'onbekend', 'Onbekend', 'Onbekende bron', null, null, null, null, 0
