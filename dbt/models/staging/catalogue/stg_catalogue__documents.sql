select
    code::varchar as document_code,
    uitgever::varchar as publisher,
    titel::varchar as title,
    kenmerk::varchar as reference,
    datum::date as published_on,
    datum_tekst::varchar as published_on_text,
    url::varchar as url,
    bestand::varchar as repo_file
from {{ source('catalogue', 'documents') }}
