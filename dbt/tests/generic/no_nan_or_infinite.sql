{#-
    No NaN or infinite value in any DOUBLE column of the model. NaN is not a number a dashboard can
    show or compare (NaN is neither above nor below a target) and an infinite growth rate is a
    division by zero: a missing value is NULL, with its reason in a column beside it. The columns are
    read from the built table, so a measure added later is checked without changing this test.
    Returns the offending rows.
-#}
{% test no_nan_or_infinite(model) %}
{%- set doubles = [] -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- if column.dtype | upper in ('DOUBLE', 'FLOAT', 'REAL', 'FLOAT8', 'FLOAT4') -%}
            {%- do doubles.append(adapter.quote(column.name)) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}
{%- if doubles %}
select *
from {{ model }}
where {% for column in doubles %}isnan({{ column }}) or isinf({{ column }}){% if not loop.last %}
   or {% endif %}{% endfor %}
{%- else %}
select 1 as no_double_columns where false
{%- endif %}
{% endtest %}
