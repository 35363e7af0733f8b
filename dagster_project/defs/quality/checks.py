"""Asset checks that re-validate everything stored with the Great Expectations suites.

Every file was validated when it was loaded; this check runs again after each load and on the
daily data-quality schedule, so a change in the reference (an indicator removed, a range narrowed)
or in stored data is caught. The blocking check stops dbt from rebuilding the marts, so the
dashboards keep the last good data; warnings (jumps between vintages) show but do not block.
"""

import dagster as dg

from dagster_project.defs.observations.assets import OBSERVATION_KEYS
from dagster_project.defs.observations.reference import load_reference
from dagster_project.defs.quality.results_store import ensure_quality_tables, record_validation
from dagster_project.defs.quality.validation import validate
from dagster_project.defs.resources import WarehouseResource
from dagster_project.settings import INDICATOR_FILE, gx_project_dir

OBSERVATIONS_KEY = OBSERVATION_KEYS[1]

# Each stored value with the value and status of the version before it (in publication order).
_STORED_WITH_PREVIOUS = """
select
    o.vintage_id, o.row_number, o.indicator_code, o.region_code, o.period_label, o.period_year, o.breakdown,
    o.value, o.unit, o.status,
    lag(o.value) over series as vorige_waarde,
    lag(o.status) over series as vorige_status
from raw_observations.observations as o
inner join raw_observations.vintages as v using (vintage_id)
window series as (
    partition by o.indicator_code, o.region_code, o.period_label, o.breakdown
    order by v.release_date asc nulls first, v.loaded_at asc, v.vintage_id asc)
"""


@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec("gx_validatie", asset=OBSERVATIONS_KEY, blocking=True,
                          description="Alle opgeslagen versies voldoen aan hun Great Expectations-suite (blokkerend)."),
        dg.AssetCheckSpec("gx_waarschuwingen", asset=OBSERVATIONS_KEY, blocking=False,
                          description="Sprongen tussen versies en definitieve cijfers die weer voorlopig worden (waarschuwing)."),
    ],
)
def stored_observations_validated(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
    reference = load_reference(INDICATOR_FILE)
    with warehouse.connect() as conn:
        ensure_quality_tables(conn)
        vintages = conn.execute(
            "select vintage_id, source_kind, file_name from raw_observations.vintages order by loaded_at").fetchall()
        stored = conn.execute(_STORED_WITH_PREVIOUS).df()
        reports = [(vintage_id, validate(kind, name, stored[stored["vintage_id"] == vintage_id], reference))
                   for vintage_id, kind, name in vintages]
        conn.execute("begin transaction")
        for vintage_id, report in reports:
            record_validation(conn, report, check_run="controle", vintage_id=vintage_id, delivery_id=None)
        conn.execute("commit")
    problems = [f"{report.file_name}: {p}" for _, report in reports for p in report.problems]
    warnings = [f"{report.file_name}: {w}" for _, report in reports for w in report.warnings]
    docs = str(gx_project_dir() / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html")
    yield dg.AssetCheckResult(
        check_name="gx_validatie", passed=not problems, severity=dg.AssetCheckSeverity.ERROR,
        metadata={"versies gecontroleerd": len(reports), "problemen": len(problems),
                  "details": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems[:50]) or "geen"),
                  "data docs": dg.MetadataValue.path(docs)},
    )
    yield dg.AssetCheckResult(
        check_name="gx_waarschuwingen", passed=not warnings, severity=dg.AssetCheckSeverity.WARN,
        metadata={"waarschuwingen": len(warnings),
                  "details": dg.MetadataValue.md("\n".join(f"- {w}" for w in warnings[:50]) or "geen")},
    )
