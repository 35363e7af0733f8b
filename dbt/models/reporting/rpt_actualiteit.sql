-- Dataset 'actualiteit' of the dashboards (Superset reads reporting.rpt_actualiteit as a physical table).

select f.indicator_key as indicator, i.indicator_name_nl as indicatornaam, f.latest_period_year as laatste_jaar,
       f.expected_latest_period_year as verwacht_jaar, f.years_behind as jaren_achter, f.freshness_status as actualiteit,
       f.release_lag_source as bron_ritme, f.checked_on as gecontroleerd_op
from {{ ref('fct_indicator_freshness') }} as f inner join {{ ref('dim_indicator') }} as i using (indicator_key)
