"""The dashboards read a published copy of the marts, swapped in atomically after a good build."""

import threading

import duckdb
import pytest

from dagster_project.defs.serving.serving_copy import publish
from dagster_project.settings import serving_path, warehouse_path

pytestmark = pytest.mark.slow


def test_the_serving_copy_holds_exactly_the_marts(run, warehouse):
    with duckdb.connect(str(serving_path()), read_only=True) as served:
        schemas = {s for (s,) in served.execute("select distinct schema_name from duckdb_tables()").fetchall()}
        tables = dict(
            served.execute("select table_name, estimated_size from duckdb_tables() where schema_name = 'marts'").fetchall()
        )
        base = served.execute(
            "select value from marts.fct_observations where indicator_key = 'BKG_TOTAAL' and period_label = '1990' and is_latest"
        ).fetchone()
    built = {t for (t,) in warehouse.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()}
    assert schemas == {"marts", "reporting"}  # no raw, staging or intermediate data behind the dashboards
    assert set(tables) == built
    # the value the dashboards show is the warehouse's latest one (228.1 in the 2024 snapshot file)
    assert base is not None
    assert (
        base
        == warehouse.execute(
            "select value from marts.fct_observations where indicator_key = 'BKG_TOTAAL' and period_label = '1990' and is_latest"
        ).fetchone()
    )


def test_readers_keep_answering_while_a_new_copy_is_published(run, tmp_path):
    target = tmp_path / "serving.duckdb"
    publish(warehouse_path(), target)
    errors, answers, stop = [], [], threading.Event()

    def dashboard_queries():
        while not stop.is_set():
            try:
                with duckdb.connect(str(target), read_only=True) as conn:
                    answers.append(conn.execute("select count(*) from marts.fct_mission_status").fetchone()[0])
            except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(repr(exc))

    reader = threading.Thread(target=dashboard_queries)
    reader.start()
    try:
        for _ in range(5):
            publish(warehouse_path(), target)
    finally:
        stop.set()
        reader.join()
    assert errors == []
    assert answers and set(answers) == {26}
