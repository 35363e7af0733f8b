{#- Models land in the schema named in dbt_project.yml (staging, intermediate, marts) rather than
    dbt's default "<target>_<custom>", so Superset and analysts see short, stable schema names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name | trim if custom_schema_name else target.schema }}
{%- endmacro %}
