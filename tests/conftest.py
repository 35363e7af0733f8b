"""Shared fixtures. Tests never touch data/warehouse/: every test run builds its own warehouse."""

import os
import tempfile
from pathlib import Path

import pytest

# Before anything imports dagster_project: the settings module reads this once and dbt inherits it.
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="missiemonitor-tests-"))
os.environ["MISSIEMONITOR_WAREHOUSE"] = str(_SESSION_DIR / "warehouse" / "missiemonitor.duckdb")
os.environ["MISSIEMONITOR_DELIVERY_ROOT"] = str(_SESSION_DIR / "leveringen")
# Suites, results and Data Docs of test runs stay out of the repository's expectations/.
os.environ["MISSIEMONITOR_GX_DIR"] = str(_SESSION_DIR / "expectations")
os.environ["MISSIEMONITOR_SERVING"] = str(_SESSION_DIR / "serving" / "missiemonitor.duckdb")
os.environ["MISSIEMONITOR_REPORT_DIR"] = str(_SESSION_DIR / "rapport")

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_COPY = REPO_ROOT / "data" / "reference" / "bronnen" / "kamerstuk_33009_nr70_missies_2019.txt"
KIA_ST_COPY = REPO_ROOT / "data" / "reference" / "bronnen" / "kia_sleuteltechnologieen_2019.txt"


@pytest.fixture(scope="session")
def session_dir() -> Path:
    return _SESSION_DIR


@pytest.fixture(scope="session")
def definitions():
    from dagster_project.definitions import defs

    return defs()


@pytest.fixture(scope="session")
def catalogue():
    from dagster_project.defs.catalogue.catalogue_file import read_catalogue
    from dagster_project.settings import CATALOGUE_FILE

    return read_catalogue(CATALOGUE_FILE)


def materialise_all(definitions):
    """Run every asset in-process, as `make run` does, without raising on failure."""
    import dagster as dg

    job = definitions.resolve_implicit_global_asset_job_def()
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


@pytest.fixture(scope="session")
def run(definitions):
    """The full pipeline on the snapshot, once per test session, into the session's warehouse."""
    result = materialise_all(definitions)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return result


@pytest.fixture(scope="session")
def warehouse(run):
    import duckdb

    from dagster_project.settings import warehouse_path

    with duckdb.connect(str(warehouse_path()), read_only=True) as conn:
        yield conn


@pytest.fixture
def fresh(tmp_path, monkeypatch, definitions):
    """A warehouse of its own, an empty snapshot and an empty inbox: only what the test delivers.

    Gives (root, inbox, run): `run()` materialises every asset, asserts success and returns a
    read-only connection to the warehouse. Put files in root / "snapshot" to load them as snapshot.
    """
    import dagster as dg
    import duckdb

    from dagster_project.defs.observations import assets as observation_assets

    monkeypatch.setenv("MISSIEMONITOR_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    monkeypatch.setenv("MISSIEMONITOR_SERVING", str(tmp_path / "serving.duckdb"))
    monkeypatch.setenv("MISSIEMONITOR_DELIVERY_ROOT", str(tmp_path / "data"))
    (tmp_path / "snapshot").mkdir()
    monkeypatch.setattr(observation_assets, "SNAPSHOT_DIR", tmp_path / "snapshot")
    inbox = tmp_path / "data" / "inbox"
    inbox.mkdir(parents=True)

    def run():
        job = definitions.resolve_implicit_global_asset_job_def()
        result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        return duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)

    return tmp_path, inbox, run
