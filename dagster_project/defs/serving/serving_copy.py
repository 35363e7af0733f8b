"""Publish the validated marts as a separate DuckDB file that the dashboards read.

DuckDB allows one writer or many readers of a file, never both: a dashboard reading the build file
would block the pipeline and be blocked by it (DuckDB's concurrency rules; docs/beheer.md). So the pipeline builds and
validates in its own file and then publishes the marts into a new file next to the serving copy,
and swaps it in with one atomic rename. A reader sees the old copy or the new one, never half.

There is one way to publish (`_publish`: new file, complete, renamed over the old one) and two
callers: `publish` after a good build (every mart from the build), and `publish_refreshed` for the
data-quality tables while the blocking check keeps the other marts on their last good copy.
"""

import os
from collections.abc import Mapping
from pathlib import Path

import duckdb

# What the dashboards may read: the star schema and the reporting layer built on it (dbt). Raw,
# staging and intermediate data never reach the serving copy.
SCHEMAS = ("marts", "reporting")


def publish(build: Path, serving: Path) -> dict[str, int]:
    """Copy every table and view of the published schemas into a fresh file, then rename it over `serving`."""
    with duckdb.connect() as conn:
        conn.execute("attach ? as build (read_only)", [str(build)])
        try:
            return _publish(conn, serving, {name: f"build.{name}" for name in _relations(conn, "build")})
        finally:
            conn.execute("detach build")


def publish_refreshed(conn: duckdb.DuckDBPyConnection, serving: Path, refreshed: Mapping[str, str]) -> dict[str, int]:
    """Replace some tables of the serving copy, keep the others as they are, in one atomic rename.

    `conn` is a connection to the build warehouse; `refreshed` maps a published table ("schema.table")
    to the relation in the build it is recomputed from (e.g. "marts.fct_data_quality" ->
    "intermediate.int_data_quality_results"). Every other table is copied from the current serving
    copy, so the dashboards' figures stay the last good ones. Without a serving copy yet, the new one
    holds only the refreshed tables.
    """
    sources: dict[str, str] = {}
    attached = False
    if serving.exists():
        conn.execute("attach ? as vorige (read_only)", [str(serving)])
        attached = True
        sources = {name: f"vorige.{name}" for name in _relations(conn, "vorige") if name not in refreshed}
    try:
        return _publish(conn, serving, {**sources, **refreshed})
    finally:
        if attached:
            conn.execute("detach vorige")


def _relations(conn: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    """'schema.name' of every table and view in the published schemas of an attached database."""
    placeholders = ", ".join("?" for _ in SCHEMAS)
    return [
        f"{schema}.{name}"
        for schema, name in conn.execute(
            f"select schema_name, table_name from duckdb_tables() where database_name = ? and schema_name in ({placeholders}) "
            f"union select schema_name, view_name from duckdb_views() where database_name = ? and schema_name in ({placeholders}) "
            "order by 1, 2",
            [database, *SCHEMAS, database, *SCHEMAS],
        ).fetchall()
    ]


def _publish(conn: duckdb.DuckDBPyConnection, serving: Path, sources: Mapping[str, str]) -> dict[str, int]:
    """Write `sources` ({"schema.table": relation readable on conn}) as tables into a new file, then
    rename it over `serving`: readers see the old copy or the new one, never half. A view in the
    build (the reporting layer's views) becomes a table here: the copy holds data, not queries."""
    serving.parent.mkdir(parents=True, exist_ok=True)
    pending = serving.with_name(f".{serving.name}.{os.getpid()}.nieuw")
    pending.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    attached = False
    try:
        conn.execute("attach ? as nieuw", [str(pending)])
        attached = True
        for schema in sorted({name.split(".")[0] for name in sources}):
            conn.execute(f"create schema nieuw.{schema}")
        for name, relation in sorted(sources.items()):
            conn.execute(f"create table nieuw.{name} as select * from {relation}")
            counts[name] = conn.execute(f"select count(*) from nieuw.{name}").fetchone()[0]
        conn.execute("checkpoint nieuw")
        conn.execute("detach nieuw")
        attached = False
        os.replace(pending, serving)
    finally:
        if attached:
            conn.execute("detach nieuw")
        pending.unlink(missing_ok=True)
        pending.with_name(pending.name + ".wal").unlink(missing_ok=True)
    return counts
