{#-
    Every dimension has exactly one unknown member (README, "The star schema"): the row a fact points
    to when the value it would join is missing, so every fact key resolves and no row drops out of a
    join. Fails (one row, with the number found) when the key '-1' is missing or appears twice.
-#}
{% test has_unknown_member(model, column_name, unknown_key='-1') %}
select count(*) as unknown_members
from {{ model }}
where {{ column_name }} = '{{ unknown_key }}'
having count(*) <> 1
{% endtest %}
