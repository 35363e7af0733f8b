"""Paths shared by Dagster, dbt and the tests.

The warehouse path is read from MISSIEMONITOR_WAREHOUSE. It is written back into the environment
because dbt runs as a subprocess and reads the same variable in dbt/profiles.yml: one setting, one
place, whichever process starts first.
"""

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
CATALOGUE_FILE = REFERENCE_DIR / "missiecatalogus.yml"
DBT_PROJECT_DIR = REPO_ROOT / "dbt"

WAREHOUSE_ENV = "MISSIEMONITOR_WAREHOUSE"
DEFAULT_WAREHOUSE = DATA_DIR / "warehouse" / "missiemonitor.duckdb"


def warehouse_path() -> Path:
    path = Path(os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE).resolve()
    os.environ[WAREHOUSE_ENV] = str(path)
    return path

# The dbt next to this Python, so dbt runs without the venv on PATH (cron, the UI, tests).
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt")

INDICATOR_FILE = REFERENCE_DIR / "indicatoren.yml"
PROGRAMME_INPUT_FILE = REFERENCE_DIR / "inzet.yml"
SNAPSHOT_DIR = DATA_DIR / "snapshot"

# Inbox, archive of accepted originals and quarantine live under one root (default data/).
DELIVERY_ROOT_ENV = "MISSIEMONITOR_DELIVERY_ROOT"


def delivery_root() -> Path:
    return Path(os.environ.get(DELIVERY_ROOT_ENV) or DATA_DIR).resolve()

CBS_SERIES_FILE = REFERENCE_DIR / "cbs_tabellen.yml"


def cbs_download_dir() -> Path:
    """Converted CBS downloads (template CSVs) and, under antwoorden/, the responses as received."""
    return delivery_root() / "bronnen" / "cbs"

GX_DIR_ENV = "MISSIEMONITOR_GX_DIR"


def gx_project_dir() -> Path:
    """The Great Expectations file project (suites, checkpoints, results, Data Docs)."""
    return Path(os.environ.get(GX_DIR_ENV) or REPO_ROOT / "expectations").resolve()

SERVING_ENV = "MISSIEMONITOR_SERVING"


def serving_path() -> Path:
    """The copy the dashboards read (read-only), published atomically after a good build."""
    return Path(os.environ.get(SERVING_ENV) or DATA_DIR / "serving" / "missiemonitor.duckdb").resolve()
