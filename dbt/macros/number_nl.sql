{#- A number as text with a decimal comma, for sentences and footnotes (charts and tables format their own
    numbers through Superset's D3_FORMAT). `digits`: round first, or leave the number as stored. -#}
{% macro number_nl(expression, digits=none) -%}
replace(cast({% if digits is not none %}round({{ expression }}, {{ digits }}){% else %}{{ expression }}{% endif %} as varchar), '.', ',')
{%- endmacro %}
