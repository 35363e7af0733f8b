"""Superset configuration for Missiemonitor (loaded through SUPERSET_CONFIG_PATH by the Makefile).

Embedded default: SQLite metadata in .superset/ next to the repository; the secret key is generated
once per installation and never committed; Dutch is the default language; nobody sees anything
without logging in.
"""

import os
import secrets
from pathlib import Path

HOME = Path(os.environ.get("MISSIEMONITOR_SUPERSET_HOME", Path(__file__).resolve().parent.parent / ".superset"))
HOME.mkdir(parents=True, exist_ok=True)

_key_file = HOME / "secret_key"
if not _key_file.exists():
    # created with owner-only permissions before the key is written
    _key_file.touch(mode=0o600)
    _key_file.write_text(secrets.token_urlsafe(48))
SECRET_KEY = _key_file.read_text().strip()

SQLALCHEMY_DATABASE_URI = os.environ.get("MISSIEMONITOR_SUPERSET_METADATA", f"sqlite:///{HOME / 'superset.db'}")

BABEL_DEFAULT_LOCALE = "nl"
LANGUAGES = {"nl": {"flag": "nl", "name": "Nederlands"}, "en": {"flag": "us", "name": "English"}}

# No anonymous access: the public role gets no permissions at all.
AUTH_ROLE_PUBLIC = "Public"
PUBLIC_ROLE_LIKE = None

# DuckDB is a file database; Superset blocks such dialects unless allowed. Only the read-only
# serving copy is registered (by dashboards/provision.py), with DML switched off for SQL Lab.
PREVENT_UNSAFE_DB_CONNECTIONS = False
ALLOWED_UNSAFE_DB_DIALECTS = {"duckdb"}

# Served on localhost over plain HTTP by `make run`.
TALISMAN_ENABLED = False
WTF_CSRF_ENABLED = True
SESSION_COOKIE_SAMESITE = "Lax"

# No caching layer: every chart query reads the current serving copy.
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}

FEATURE_FLAGS = {"DASHBOARD_NATIVE_FILTERS": True}
ROW_LIMIT = 50000
SUPERSET_WEBSERVER_TIMEOUT = 60


def _answer_duckdbs_default_schema(app) -> None:
    """DuckDB's default schema is always `main` (no search_path is set on our connections), but
    Superset's base engine spec opens a connection (the DuckDB file) twice per chart request just to
    ask the inspector, on top of the connection that runs the query. Answering directly takes about
    a third off every chart request (measured with py-spy; see README, "Benchmark")."""
    from superset.db_engine_specs.duckdb import DuckDBEngineSpec

    DuckDBEngineSpec.get_default_schema = classmethod(lambda cls, database, catalog: "main")


FLASK_APP_MUTATOR = _answer_duckdbs_default_schema
