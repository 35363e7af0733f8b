"""DuckDB's memory is limited where this project opens it: in dbt (dbt/profiles.yml) and in the
instances Superset reads the serving copy with (dashboards/serving_connections.py)."""

import os
from pathlib import Path

import duckdb
import jinja2
import yaml

from dashboards.serving_connections import DEFAULT_MEMORY_LIMIT, SharedServingCopy

from conftest import REPO_ROOT


def _setting(conn, name: str) -> str:
    return conn.execute(f"select current_setting('{name}')").fetchone()[0]


def _in_bytes(limit: str) -> int:
    """DuckDB's own reading of a limit such as '1GB' (it reports it back as e.g. '953.6 MiB')."""
    with duckdb.connect(":memory:", config={"memory_limit": limit}) as conn:
        return conn.execute("select value from duckdb_settings() where name = 'memory_limit'").fetchone()[0]


def _serving_copy(tmp_path: Path) -> Path:
    path = tmp_path / "missiemonitor.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute("create table t as select 1 as x")
    return path


def test_supersets_duckdb_instances_have_the_default_memory_limit(tmp_path, monkeypatch):
    monkeypatch.delenv("MISSIEMONITOR_SUPERSET_DUCKDB_MEMORY", raising=False)
    conn = SharedServingCopy(_serving_copy(tmp_path)).connect()
    try:
        assert _setting(conn, "memory_limit") == _in_bytes(DEFAULT_MEMORY_LIMIT) != _in_bytes("80%")
    finally:
        conn.close()


def test_supersets_memory_limit_is_set_by_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MISSIEMONITOR_SUPERSET_DUCKDB_MEMORY", "300MB")
    conn = SharedServingCopy(_serving_copy(tmp_path)).connect()
    try:
        assert _setting(conn, "memory_limit") == _in_bytes("300MB")
    finally:
        conn.close()


def _dbt_memory_limit(environ: dict[str, str]) -> str:
    """The memory limit dbt-duckdb is given, rendered from profiles.yml the way dbt renders env_var."""
    profile = yaml.safe_load((REPO_ROOT / "dbt" / "profiles.yml").read_text())
    target = profile["missiemonitor"]["outputs"][profile["missiemonitor"]["target"]]
    assert target["type"] == "duckdb"
    return jinja2.Template(target["settings"]["memory_limit"]).render(
        env_var=lambda name, default=None: environ.get(name, default)
    )


def test_dbts_profile_passes_a_memory_limit_with_a_default_and_from_the_environment():
    environ = {k: v for k, v in os.environ.items() if k != "MISSIEMONITOR_DUCKDB_MEMORY"}
    assert _dbt_memory_limit(environ) == "4GB"
    assert _dbt_memory_limit({**environ, "MISSIEMONITOR_DUCKDB_MEMORY": "2GB"}) == "2GB"


def test_dbt_duckdb_applies_the_settings_of_the_profile():
    """dbt-duckdb sets every entry of `settings` on the instance it opens (its credentials field)."""
    from dbt.adapters.duckdb.credentials import DuckDBCredentials

    assert "settings" in DuckDBCredentials.__dataclass_fields__
