{#- A publication date as people read it, honest about its precision. -#}
{% macro release_label(date_column, precision_column) -%}
    case {{ precision_column }}
        when 'dag' then strftime({{ date_column }}, '%d-%m-%Y')
        when 'maand' then strftime({{ date_column }}, '%m-%Y')
        when 'jaar' then strftime({{ date_column }}, '%Y')
        else 'onbekend (bron vermeldt geen datum)'
    end
{%- endmacro %}
