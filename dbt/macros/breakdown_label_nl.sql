{#- A breakdown code in words for a legend: "totaal" is the national total, "geslacht:vrouw|opleiding:laag"
    becomes "vrouwen, opleiding laag". Codes are "dimension:value" pairs joined by "|" (data/reference/indicatoren.yml). -#}
{% macro breakdown_label_nl(column) -%}
case when {{ column }} = 'totaal' then 'Nederland (totaal)'
     else array_to_string(list_transform(string_split({{ column }}, '|'), lambda part:
         case part when 'geslacht:man' then 'mannen' when 'geslacht:vrouw' then 'vrouwen'
              else split_part(part, ':', 1) || ' ' || replace(split_part(part, ':', 2), '-', ' ') end), ', ')
end
{%- endmacro %}

{#- The indicator as the dashboards' filters and tables name it: its Dutch name with its unit. -#}
{% macro indicator_label_nl(name, unit) -%}
{{ name }} || ' (' || {{ unit }} || ')'
{%- endmacro %}
