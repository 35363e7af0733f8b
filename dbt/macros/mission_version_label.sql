{#- How the dashboards name a catalogue version, so every count of missions says which set it counts. -#}
{% macro mission_version_label(version) -%}
{%- if version == '2019' -%}'2019 — Kamerstuk 33 009, nr. 70'{%- else -%}'2023 — herijkte missies'{%- endif -%}
{%- endmacro %}
