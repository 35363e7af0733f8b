"""How Superset connects to the serving copy (dashboards/serving_connections.py): one DuckDB
instance per published copy, a new publication seen by the very next query, and running queries
finishing on the copy they started on."""

import threading
from pathlib import Path

import duckdb
import pytest
from sqlalchemy.engine import make_url

from dagster_project.defs.serving.serving_copy import publish
from dashboards.serving_connections import SharedServingCopy, use_shared_instances


def _build(path: Path, value: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as conn:
        conn.execute("create schema if not exists marts")
        conn.execute("create or replace table marts.fct_meting as select ?::double as waarde", [value])
    return path


def _value(conn) -> float:
    return conn.execute("select waarde from marts.fct_meting").fetchone()[0]


@pytest.fixture
def serving(tmp_path: Path) -> Path:
    target = tmp_path / "serving" / "missiemonitor.duckdb"
    publish(_build(tmp_path / "build_1.duckdb", 1.0), target)
    return target


def test_queries_on_one_publication_share_one_instance_under_the_files_own_name(serving):
    shared = SharedServingCopy(serving)
    connections = [shared.connect() for _ in range(5)]
    assert [_value(c) for c in connections] == [1.0] * 5
    assert connections[0].execute("select current_database(), current_schema()").fetchone() == ("missiemonitor", "main")
    assert shared.instances_opened == 1
    for conn in connections:
        conn.close()


def test_a_new_publication_is_read_by_the_next_query_while_a_running_one_keeps_its_copy(serving, tmp_path):
    shared = SharedServingCopy(serving)
    before = shared.connect()
    assert _value(before) == 1.0

    publish(_build(tmp_path / "build_2.duckdb", 2.0), serving)

    after = shared.connect()
    assert _value(after) == 2.0
    assert _value(before) == 1.0  # the query that started on the old copy is not pulled from under it
    assert shared.instances_opened == 2
    before.close()
    assert _value(shared.connect()) == 2.0


def test_detaching_the_copy_in_sql_lab_does_not_break_the_dashboards(serving):
    shared = SharedServingCopy(serving)
    vandal = shared.connect()
    vandal.execute("use memory")
    vandal.execute("detach missiemonitor")
    assert _value(shared.connect()) == 1.0


def test_a_missing_serving_copy_is_an_error_not_an_empty_database(tmp_path):
    with pytest.raises(FileNotFoundError):
        SharedServingCopy(tmp_path / "nergens" / "missiemonitor.duckdb").connect()


def test_concurrent_queries_across_a_publication_all_answer(serving, tmp_path):
    shared = SharedServingCopy(serving)
    seen, errors = [], []

    def dashboard():
        for _ in range(50):
            try:
                conn = shared.connect()
                seen.append(_value(conn))
                conn.close()
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(repr(exc))

    readers = [threading.Thread(target=dashboard) for _ in range(4)]
    for reader in readers:
        reader.start()
    publish(_build(tmp_path / "build_2.duckdb", 2.0), serving)
    for reader in readers:
        reader.join()
    assert errors == []
    assert set(seen) <= {1.0, 2.0} and len(seen) == 200
    assert _value(shared.connect()) == 2.0


def test_only_read_only_duckdb_files_are_routed_through_the_shared_instance(serving):
    untouched = {"connect_args": {"check_same_thread": False}}
    for url, kwargs in (
        (make_url("sqlite:////tmp/superset.db"), untouched),
        (make_url(f"duckdb:///{serving}"), {"connect_args": {}}),  # writable: left alone
        (make_url("duckdb:///:memory:"), {"connect_args": {"read_only": True}}),
    ):
        assert use_shared_instances(url, kwargs, None, None, None) == (url, kwargs)

    url = make_url(f"duckdb:///{serving}")
    _, routed = use_shared_instances(url, {"connect_args": {"read_only": True}}, None, None, None)
    assert callable(routed["creator"])
