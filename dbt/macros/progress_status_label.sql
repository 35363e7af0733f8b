{#- The Dutch words for a progress status. Without a target value the method judges the direction
    and speed of change only, so it must not say "op koers" (on track to a target it does not know).
    A target of zero judged on the straight path to zero (nuldoel_lineair) has a target, so it may. -#}
{% macro progress_status_label(status_code, method_variant) -%}
    case {{ status_code }}
        when 'doel_bereikt' then 'Doel bereikt'
        when 'onvoldoende_gegevens' then 'Onvoldoende gegevens'
        when 'verslechtering' then 'Verslechtering'
        else case
            when {{ method_variant }} in ('met_doelwaarde', 'nuldoel_lineair') then case {{ status_code }}
                when 'substantiele_vooruitgang' then 'Op koers'
                when 'matige_vooruitgang' then 'Vooruitgang, versnelling nodig'
                when 'beperkte_vooruitgang' then 'Beperkte vooruitgang'
            end
            else case {{ status_code }}
                when 'substantiele_vooruitgang' then 'Sterke verbetering (zonder doelwaarde)'
                when 'matige_vooruitgang' then 'Matige verbetering (zonder doelwaarde)'
                when 'beperkte_vooruitgang' then 'Beperkte verbetering (zonder doelwaarde)'
            end
        end
    end
{%- endmacro %}
