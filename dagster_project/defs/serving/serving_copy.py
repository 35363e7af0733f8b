"""Publish the validated marts as a separate DuckDB file that the dashboards read.

DuckDB allows one writer or many readers of a file, never both: a dashboard reading the build file
would block the pipeline and be blocked by it (../shared/NOTES.md). So the pipeline builds and
validates in its own file and then publishes the marts into a new file next to the serving copy,
and swaps it in with one atomic rename. A reader sees the old copy or the new one, never half.
"""

import os
from pathlib import Path

import duckdb

SCHEMA = "marts"


def publish(build: Path, serving: Path) -> dict[str, int]:
    """Copy every table of the build's marts schema into a fresh file, then rename it over `serving`."""
    serving.parent.mkdir(parents=True, exist_ok=True)
    pending = serving.with_name(f".{serving.name}.{os.getpid()}.nieuw")
    pending.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    try:
        with duckdb.connect(str(pending)) as out:
            out.execute("attach ? as build (read_only)", [str(build)])
            tables = [name for (name,) in out.execute(
                "select table_name from duckdb_tables() where database_name = 'build' and schema_name = ? order by 1",
                [SCHEMA]).fetchall()]
            out.execute(f"create schema {SCHEMA}")
            for table in tables:
                out.execute(f"create table {SCHEMA}.{table} as select * from build.{SCHEMA}.{table}")
                counts[table] = out.execute(f"select count(*) from {SCHEMA}.{table}").fetchone()[0]
            out.execute("detach build")
            out.execute("checkpoint")
        os.replace(pending, serving)
    finally:
        pending.unlink(missing_ok=True)
    return counts
