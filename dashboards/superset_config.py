"""Superset configuration for Missiemonitor (loaded through SUPERSET_CONFIG_PATH by the Makefile).

Embedded default: SQLite metadata in .superset/ next to the repository; the secret key is generated
once per installation and never committed; Dutch is the default language; nobody sees anything
without logging in.
"""

import os
import secrets
import sys
from pathlib import Path

# Superset imports this file by path; its helper modules live next to it, the settings one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from dutch_language_pack import serve_corrected_dutch_pack  # noqa: E402
from serving_connections import use_shared_instances  # noqa: E402

from dagster_project.settings import paths  # noqa: E402  (stdlib only)

HOME = paths().superset_home
HOME.mkdir(parents=True, exist_ok=True)

# "ingebed" (the default: one machine, `make run`) or "productie" (a server behind a TLS-terminating
# reverse proxy; docs/productie.md): security headers and secure cookies.
PROFILE = os.environ.get("MISSIEMONITOR_PROFIEL", "ingebed")
if PROFILE not in {"ingebed", "productie"}:
    raise SystemExit(f"MISSIEMONITOR_PROFIEL={PROFILE!r}: kies 'ingebed' of 'productie'.")

# The secret key never sits in git: from the environment, from a file named there (a secrets mount),
# or generated once in Superset's home with owner-only permissions.
if os.environ.get("MISSIEMONITOR_SUPERSET_SECRET_KEY"):
    SECRET_KEY = os.environ["MISSIEMONITOR_SUPERSET_SECRET_KEY"]
elif os.environ.get("MISSIEMONITOR_SUPERSET_SECRET_KEY_FILE"):
    SECRET_KEY = Path(os.environ["MISSIEMONITOR_SUPERSET_SECRET_KEY_FILE"]).read_text().strip()
else:
    _key_file = HOME / "secret_key"
    if not _key_file.exists():
        # created with owner-only permissions before the key is written
        _key_file.touch(mode=0o600)
        _key_file.write_text(secrets.token_urlsafe(48))
    SECRET_KEY = _key_file.read_text().strip()

SQLALCHEMY_DATABASE_URI = os.environ.get("MISSIEMONITOR_SUPERSET_METADATA", f"sqlite:///{HOME / 'superset.db'}")
if SQLALCHEMY_DATABASE_URI.startswith("sqlite:"):
    # Superset commits an action-log row for every chart request. SQLAlchemy 1.4 opens and closes a
    # SQLite file per transaction (NullPool), and in SQLite's default journal each commit waits for
    # an fsync; together about a quarter of a chart request here. So: a small pool of open
    # connections (shared between the server's threads, which pysqlite allows once
    # check_same_thread is off), in WAL mode with synchronous=NORMAL, where a commit is an append.
    # The metadata can then lose its last commits on a power failure, never its consistency. Only
    # this metadata database is touched, not SQLite databases registered in Superset.
    import sqlite3

    from sqlalchemy.pool import QueuePool

    class _MetadataConnection(sqlite3.Connection):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.execute("PRAGMA journal_mode=WAL")
            self.execute("PRAGMA synchronous=NORMAL")

    SQLALCHEMY_ENGINE_OPTIONS = {
        "poolclass": QueuePool,
        "pool_size": 5,
        "max_overflow": 10,
        "connect_args": {"check_same_thread": False, "factory": _MetadataConnection},
    }

BABEL_DEFAULT_LOCALE = "nl"
# Dutch number formatting in every chart and table: decimal comma, thousands point.
D3_FORMAT = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
LANGUAGES = {"nl": {"flag": "nl", "name": "Nederlands"}, "en": {"flag": "us", "name": "English"}}

# No anonymous access: the public role gets no permissions at all.
AUTH_ROLE_PUBLIC = "Public"
PUBLIC_ROLE_LIKE = None

# DuckDB is a file database; Superset blocks such dialects unless allowed. Only the read-only
# serving copy is registered (by dashboards/provision.py), with DML switched off for SQL Lab.
PREVENT_UNSAFE_DB_CONNECTIONS = False
ALLOWED_UNSAFE_DB_DIALECTS = {"duckdb"}

# Security headers (Talisman, with Superset's own content-security policy) in production; `make run`
# serves localhost over plain HTTP, where they only get in the way of a developer's browser tools.
TALISMAN_ENABLED = PROFILE == "productie"
WTF_CSRF_ENABLED = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# Behind the reverse proxy the browser speaks HTTPS: cookies only over HTTPS (MISSIEMONITOR_HTTPS=1).
SESSION_COOKIE_SECURE = os.environ.get("MISSIEMONITOR_HTTPS") == "1"

# Chart results are cached on disk (shared by gunicorn's workers), keyed by the serving copy they were
# computed from, so a new publication is never answered from the cache (serving_cache.py).
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {
    "CACHE_TYPE": "serving_cache.ServingCopyCache",
    "CACHE_DIR": str(HOME / "cache" / "grafieken"),
    "CACHE_DEFAULT_TIMEOUT": 24 * 3600,
    "CACHE_THRESHOLD": 10000,
}
# Several instances behind a load balancer share one cache in Redis (docs/productie.md).
if os.environ.get("MISSIEMONITOR_REDIS_URL"):
    DATA_CACHE_CONFIG = {
        "CACHE_TYPE": "serving_cache.ServingCopyRedisCache",
        "CACHE_REDIS_URL": os.environ["MISSIEMONITOR_REDIS_URL"],
        "CACHE_KEY_PREFIX": "missiemonitor_grafieken_",
        "CACHE_DEFAULT_TIMEOUT": 24 * 3600,
    }

FEATURE_FLAGS = {"DASHBOARD_NATIVE_FILTERS": True}
ROW_LIMIT = 50000
SUPERSET_WEBSERVER_TIMEOUT = 60


def _answer_duckdbs_default_schema(app) -> None:
    """DuckDB's default schema is always `main` (no search_path is set on our connections), but
    Superset's base engine spec opens a connection (the DuckDB file) twice per chart request just to
    ask the inspector, on top of the connection that runs the query. Answering directly takes about
    a third off every chart request (measured with py-spy; see docs/benchmark.md)."""
    from superset.db_engine_specs.duckdb import DuckDBEngineSpec

    DuckDBEngineSpec.get_default_schema = classmethod(lambda cls, database, catalog: "main")


def _mutate_app(app) -> None:
    _answer_duckdbs_default_schema(app)
    serve_corrected_dutch_pack(app)


FLASK_APP_MUTATOR = _mutate_app

# One DuckDB instance per published serving copy instead of one per chart query (see
# serving_connections.py; about 40 ms less per chart, and a new publication is seen at once).
DB_CONNECTION_MUTATOR = use_shared_instances
