{#- Which vintage of a series point is newer: published later; where the source gives no
    publication date it counts as older than any dated one; ties go to the vintage loaded last.
    The loader and the checks use the same rule (dagster_project/contract.py, VINTAGE_ORDER);
    tests/test_contract.py keeps the two equal. -#}
{% macro vintage_order(descending=false) -%}
{%- if descending -%}
release_date desc nulls last, loaded_at desc, vintage_id desc
{%- else -%}
release_date asc nulls first, loaded_at asc, vintage_id asc
{%- endif -%}
{%- endmacro %}
