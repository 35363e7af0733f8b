{#- The key of a statistical source (publisher + table + address) in dim_source. Documents use their own code. -#}
{% macro source_key(publisher, source_table, source_url) -%}
    'tabel-' || substr(md5(coalesce({{ publisher }}, '') || '|' || coalesce({{ source_table }}, '') || '|' || coalesce({{ source_url }}, '')), 1, 12)
{%- endmacro %}
