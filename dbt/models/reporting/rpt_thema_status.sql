-- Dataset 'thema_status' of the dashboards (Superset reads reporting.rpt_thema_status as a physical table).

select theme_name_nl as thema, sort_order as volgorde, status_nl as status, mission_count as missies,
       missions_with_indicator as met_indicator, missions_assessed as beoordeeld, missions_without_indicator as zonder_indicator
from {{ ref('fct_theme_status') }}
