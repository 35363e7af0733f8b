"""Superset's connections to the read-only serving copy: one DuckDB instance per published copy.

Opening a DuckDB database costs ~40 ms whatever its size (each instance builds its own catalog of
built-in functions), and Superset opens one per chart query. Here every published copy is opened
once, in an in-memory instance that ATTACHes the file read-only under its usual name, and each
query gets a cheap cursor on it (~0.3 ms).

Why not `duckdb.connect(path)` kept open: DuckDB caches instances by path, so after the pipeline
renames a new copy over the path, a connect while any old connection is alive would hand back the
old instance, and the dashboards would keep showing the previous publication. In-memory instances
are never cached; the file is identified by (device, inode, size, mtime) before it is attached, so
a copy published at any moment is picked up by the next query, and queries already running finish
on the copy they started on (the old instance lives until its last cursor is closed).

Each instance has a memory limit (MISSIEMONITOR_SUPERSET_DUCKDB_MEMORY, default 1GB): every gunicorn
worker holds its own instance per publication, and the dashboards' queries are small aggregates.
"""

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

# DuckDB's own default is 80 % of the machine's memory for each instance; dbt has its own limit
# (MISSIEMONITOR_DUCKDB_MEMORY in dbt/profiles.yml).
DEFAULT_MEMORY_LIMIT = "1GB"


def memory_limit() -> str:
    """The memory limit of each DuckDB instance Superset reads the serving copy with."""
    return os.environ.get("MISSIEMONITOR_SUPERSET_DUCKDB_MEMORY") or DEFAULT_MEMORY_LIMIT


def publication_identity(path: str | Path) -> tuple[int, int, int, int]:
    """Which published copy is at `path` now: a publication renames a new file over it."""
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class _Publication:
    identity: tuple[int, int, int, int]
    instance: duckdb.DuckDBPyConnection


class SharedServingCopy:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.catalog = self.path.stem  # the name DuckDB gives the file when it is opened directly
        self.instances_opened = 0
        self._lock = threading.Lock()
        self._current: _Publication | None = None

    def _identity(self) -> tuple[int, int, int, int]:
        return publication_identity(self.path)

    def _open(self, identity) -> _Publication:
        instance = duckdb.connect(":memory:", config={"memory_limit": memory_limit()})
        path = str(self.path).replace("'", "''")
        instance.execute(f"ATTACH '{path}' AS \"{self.catalog}\" (READ_ONLY)")
        self.instances_opened += 1
        return _Publication(identity, instance)

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A new connection on the current publication (the caller closes it)."""
        # stat before ATTACH: if a new copy lands in between, the next call sees a changed identity
        # and opens again, so a connection can be one publication late but never stay on an old one.
        identity = self._identity()
        with self._lock:
            if self._current is None or self._current.identity != identity:
                # the old instance is dropped, not closed: closing it would close running queries' cursors
                self._current = self._open(identity)
            publication = self._current
            try:
                return self._use(publication)
            except duckdb.Error:
                # e.g. someone ran DETACH in SQL Lab; a fresh instance heals it for everyone
                self._current = self._open(identity)
                return self._use(self._current)

    def _use(self, publication: _Publication) -> duckdb.DuckDBPyConnection:
        cursor = publication.instance.cursor()
        try:
            cursor.execute(f'USE "{self.catalog}"')
        except duckdb.Error:
            cursor.close()
            raise
        return cursor


_shared: dict[str, SharedServingCopy] = {}
_shared_lock = threading.Lock()


def shared_serving_copy(path: str | Path) -> SharedServingCopy:
    key = os.path.abspath(path)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = SharedServingCopy(key)
        return _shared[key]


def use_shared_instances(sqlalchemy_url, engine_kwargs: dict, *_args, **_kwargs):
    """Superset's DB_CONNECTION_MUTATOR: read-only DuckDB files go through SharedServingCopy;
    everything else is left exactly as Superset built it."""
    read_only = (engine_kwargs.get("connect_args") or {}).get("read_only") is True
    database = sqlalchemy_url.database or ""
    if (
        sqlalchemy_url.get_backend_name() == "duckdb"
        and read_only
        and database not in ("", ":memory:")
        and not database.startswith("md:")
    ):
        shared = shared_serving_copy(database)

        def creator():
            from duckdb_engine import ConnectionWrapper  # Superset's environment only

            return ConnectionWrapper(shared.connect())

        engine_kwargs = {**engine_kwargs, "creator": creator}
    return sqlalchemy_url, engine_kwargs
