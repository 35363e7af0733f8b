"""dbt's unit tests (hand-computed cases in the model YAML) in the fast lane: run against a warehouse
that has every table but no rows, so they need no pipeline run."""

import json
import subprocess

from dagster_project.contract import ensure_raw_tables
from dagster_project.defs.catalogue.assets import reference_tables, write_tables
from dagster_project.defs.resources import WarehouseResource
from dagster_project.settings import (
    DBT_EXECUTABLE,
    DBT_PROJECT_DIR,
    dbt_vars,
    paths,
)


def _dbt(*args: str, places, target) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            DBT_EXECUTABLE,
            *args,
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--vars",
            dbt_vars(places),
            "--target-path",
            str(target),
            "--log-path",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_dbt_unit_test_passes(tmp_path):
    places = paths({"MISSIEMONITOR_WAREHOUSE": str(tmp_path / "leeg.duckdb")})
    warehouse = WarehouseResource(path=str(places.warehouse))
    with warehouse.connect() as conn:
        ensure_raw_tables(conn)
    write_tables(warehouse, reference_tables())  # the raw tables exactly as the catalogue asset writes them
    target = tmp_path / "target"
    # every model as an empty table or view, so the unit tests can read the columns of their inputs
    built = _dbt("run", "--empty", places=places, target=target)
    assert built.returncode == 0, built.stdout[-3000:]

    tested = _dbt("test", "--select", "test_type:unit", places=places, target=target)

    results = json.loads((target / "run_results.json").read_text())["results"]
    assert results and all(r["status"] == "pass" for r in results), tested.stdout[-3000:]
