"""The PostgreSQL profile (docs/productie-postgresql.md) against a real PostgreSQL: Debian's server,
started in a temporary folder by tools/postgres_server.py. Dagster's storage from the documented
dagster.yaml, Superset's metadata through MISSIEMONITOR_SUPERSET_METADATA, and the backup and
restore the documentation describes (pg_dump / pg_restore, a copy of the warehouse file)."""

import secrets
import shutil
import subprocess
from pathlib import Path

import pytest

from tools.postgres_server import postgres_bin, postgres_server
from tools.superset_server import api_call, provisioned_superset

from server_calls import create_database, with_driver

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parent.parent
DAGSTER_YAML = REPO_ROOT / "docs" / "productie" / "dagster-postgres.yaml"
BUNDLE_DASHBOARDS = REPO_ROOT / "dashboards" / "bundle" / "dashboards"


def _query(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    conn.close()
    return rows


def _pg(tool: str, *args: str) -> subprocess.CompletedProcess:
    """A PostgreSQL client program (pg_dump, pg_restore, dropdb, createdb) of the same installation."""
    return subprocess.run([str(postgres_bin() / tool), *args], capture_output=True, text=True, check=True, timeout=300)


@pytest.fixture(scope="module")
def server() -> str:
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="module")
def own_places(tmp_path_factory):
    """Warehouse, serving copy and deliveries of this module's own: DuckDB allows one writer, and
    the session's warehouse belongs to the other tests."""
    root = tmp_path_factory.mktemp("postgres-profile")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MISSIEMONITOR_WAREHOUSE", str(root / "warehouse" / "missiemonitor.duckdb"))
        mp.setenv("MISSIEMONITOR_SERVING", str(root / "serving" / "missiemonitor.duckdb"))
        mp.setenv("MISSIEMONITOR_DELIVERY_ROOT", str(root / "data"))
        mp.setenv("MISSIEMONITOR_REPORT_DIR", str(root / "rapport"))
        yield root


@pytest.fixture(scope="module")
def dagster_run(server, definitions, own_places):
    """The catalogue assets materialised through an instance read from the documented dagster.yaml,
    in a DAGSTER_HOME of its own, with its storage in the database `dagster`."""
    import dagster as dg

    url = create_database(server, "dagster")
    home = own_places / "dagster_home"
    home.mkdir()
    shutil.copy(DAGSTER_YAML, home / "dagster.yaml")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(home))
        # With the driver named: SQLAlchemy 2.1 takes a bare postgresql:// for psycopg 3, not installed.
        mp.setenv("MISSIEMONITOR_DAGSTER_POSTGRES_URL", with_driver(url))
        with dg.DagsterInstance.get() as instance:
            job = definitions.resolve_implicit_global_asset_job_def()
            keys = definitions.resolve_asset_graph().get_all_asset_keys()
            selection = sorted((key for key in keys if key.path[0] == "catalogue"), key=lambda key: key.path)
            result = job.execute_in_process(instance=instance, asset_selection=selection, raise_on_error=False)
            assert result.success, [e.message for e in result.all_events if e.is_failure]
            storage = type(instance.run_storage).__name__, type(instance.event_log_storage).__name__
            schedules = type(instance.schedule_storage).__name__
            yield {"url": url, "result": result, "selection": selection, "storage": (*storage, schedules)}


def test_dagster_keeps_runs_events_and_schedules_in_postgres(dagster_run):
    from dagster import DagsterEventType

    url, result = dagster_run["url"], dagster_run["result"]
    assert dagster_run["storage"] == ("PostgresRunStorage", "PostgresEventLogStorage", "PostgresScheduleStorage")
    # The run, straight from PostgreSQL's tables, not through Dagster.
    [(status,)] = _query(url, "select status from runs where run_id = %s", (result.run_id,))
    assert status == "SUCCESS"
    events = dict(
        _query(url, "select dagster_event_type, count(*) from event_logs where run_id = %s group by 1", (result.run_id,))
    )
    # Stored under Dagster's own names (RUN_SUCCESS is "PIPELINE_SUCCESS" in the table).
    assert events[DagsterEventType.RUN_SUCCESS.value] == 1
    assert events["ASSET_MATERIALIZATION"] == len(dagster_run["selection"])
    stored_keys = {row[0] for row in _query(url, "select asset_key from asset_keys")}
    assert {key.to_string() for key in dagster_run["selection"]} <= stored_keys
    # Schedule and sensor state has its tables there too (empty: no daemon ran).
    tables = {row[0] for row in _query(url, "select tablename from pg_tables where schemaname = 'public'")}
    assert {"runs", "event_logs", "asset_keys", "instigators", "jobs", "job_ticks"} <= tables


@pytest.fixture(scope="module")
def superset_on_postgres(server, own_places):
    url = create_database(server, "superset")
    # provisioned_superset passes the environment on to every Superset command it runs.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MISSIEMONITOR_SUPERSET_METADATA", with_driver(url))
        password = secrets.token_urlsafe(16)
        with provisioned_superset(
            own_places / "superset", own_places / "serving" / "missiemonitor.duckdb", password, own_places / "superset.log"
        ) as superset:
            yield {"url": url, "superset": superset}


def _dashboards(url: str) -> set[tuple[str, str]]:
    return set(_query(url, "select cast(uuid as text), dashboard_title from dashboards"))


def test_superset_keeps_its_metadata_in_postgres(superset_on_postgres):
    url, superset = superset_on_postgres["url"], superset_on_postgres["superset"]
    in_bundle = len(list(BUNDLE_DASHBOARDS.glob("*.yaml")))
    assert in_bundle > 0
    assert len(_dashboards(url)) == in_bundle
    [(admins,)] = _query(url, "select count(*) from ab_user where username = 'admin'")
    assert admins == 1
    status, answer = api_call(superset.base, "/api/v1/dashboard/?q=(page_size:100)", token=superset.login())
    assert status == 200, answer
    assert answer["count"] == in_bundle
    # No SQLite metadata was made beside it.
    assert not (Path(superset.env["MISSIEMONITOR_SUPERSET_HOME"]) / "superset.db").exists()


def test_superset_metadata_survives_pg_dump_and_restore(server, superset_on_postgres, tmp_path):
    url = superset_on_postgres["url"]
    before = _dashboards(url)
    assert before
    dump = tmp_path / "superset.dump"
    _pg("pg_dump", "--format=custom", "--file", str(dump), url)
    # The database lost: dropped (the running Superset's connections with it) and made anew, empty.
    _pg("dropdb", "--force", "--maintenance-db", server, "superset")
    _pg("createdb", "--maintenance-db", server, "superset")
    [(tables,)] = _query(url, "select count(*) from pg_tables where schemaname = 'public'")
    assert tables == 0
    _pg("pg_restore", "--no-owner", "--exit-on-error", "--dbname", url, str(dump))
    assert _dashboards(url) == before
    [(admins,)] = _query(url, "select count(*) from ab_user where username = 'admin'")
    assert admins == 1


def test_a_copy_of_the_warehouse_file_restores_its_tables(dagster_run, tmp_path):
    """The warehouse is one DuckDB file: copied while no refresh runs, and copied back, it has every row."""
    import duckdb

    from dagster_project.settings import warehouse_path

    warehouse = warehouse_path()
    table = "raw_catalogue.missions"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        [(rows,)] = conn.execute(f"select count(*) from {table}").fetchall()
    assert rows > 0
    backup = tmp_path / "backup" / warehouse.name
    backup.parent.mkdir()
    shutil.copy2(warehouse, backup)
    warehouse.unlink()
    shutil.copy2(backup, warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.execute(f"select count(*) from {table}").fetchall() == [(rows,)]
