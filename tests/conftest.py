"""Shared fixtures. Tests never touch data/warehouse/: every test run builds its own warehouse."""

import os
import tempfile
from pathlib import Path

import pytest

# Before anything imports dagster_project: the settings module reads this once and dbt inherits it.
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="missiemonitor-tests-"))
os.environ["MISSIEMONITOR_WAREHOUSE"] = str(_SESSION_DIR / "warehouse" / "missiemonitor.duckdb")
os.environ["MISSIEMONITOR_DELIVERY_ROOT"] = str(_SESSION_DIR / "leveringen")

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
