"""Where Missiemonitor keeps its files, and the one reader of the settings that move them.

The files in the repository (reference data, snapshot, dbt project) have fixed places. The five
places that change per installation or test (build warehouse, serving copy, delivery root, Great
Expectations project, Superset's home) each have one default, written below, and one environment variable that
overrides it. Nothing is written back into the environment: the dbt subprocess gets the warehouse
as a dbt var (`dbt_vars`), and shell recipes ask this module: `python -m dagster_project.settings`.

Stdlib only, so Superset's own virtual environment can use it too (dashboards/provision.py).
"""

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
CATALOGUE_FILE = REFERENCE_DIR / "missiecatalogus.yml"
INDICATOR_FILE = REFERENCE_DIR / "indicatoren.yml"
# The municipalities (GMxxxx) and their mergers and splits, beside the regions of indicatoren.yml.
MUNICIPALITY_FILE = REFERENCE_DIR / "gemeenten.csv"
MUNICIPAL_CHANGES_FILE = REFERENCE_DIR / "gemeentelijke_herindelingen.csv"
PROGRAMME_INPUT_FILE = REFERENCE_DIR / "inzet.yml"
OUTLOOK_FILE = REFERENCE_DIR / "uitzichten.yml"
MISSION_VERSION_FILE = REFERENCE_DIR / "missies_2023.yml"
CBS_SERIES_FILE = REFERENCE_DIR / "cbs_tabellen.yml"
SNAPSHOT_DIR = DATA_DIR / "snapshot"
DBT_PROJECT_DIR = REPO_ROOT / "dbt"
# The dbt next to this Python, so dbt runs without the venv on PATH (cron, the UI, tests).
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt")

# name: (environment variable, default)
_PLACES = {
    "warehouse": ("MISSIEMONITOR_WAREHOUSE", DATA_DIR / "warehouse" / "missiemonitor.duckdb"),
    "serving": ("MISSIEMONITOR_SERVING", DATA_DIR / "serving" / "missiemonitor.duckdb"),
    "delivery_root": ("MISSIEMONITOR_DELIVERY_ROOT", DATA_DIR),
    "gx_project": ("MISSIEMONITOR_GX_DIR", REPO_ROOT / "expectations"),
    "superset_home": ("MISSIEMONITOR_SUPERSET_HOME", REPO_ROOT / ".superset"),
    "report": ("MISSIEMONITOR_REPORT_DIR", DATA_DIR / "rapport"),
}


@dataclass(frozen=True)
class Paths:
    warehouse: Path  # the build warehouse (DuckDB), written by one pipeline at a time
    serving: Path  # the copy the dashboards read, published atomically after a good build
    delivery_root: Path  # inbox/, leveringen/ (accepted originals), quarantaine/, bronnen/cbs/
    gx_project: Path  # the Great Expectations file project (suites, checkpoints, Data Docs)
    superset_home: Path  # Superset's metadata (SQLite by default), secret key and logs
    report: Path  # the yearly progress report (voortgangsrapportage), PDF and HTML

    @property
    def cbs_downloads(self) -> Path:
        """Converted CBS downloads (template CSVs) and, under antwoorden/, the responses as received."""
        return self.delivery_root / "bronnen" / "cbs"

    @property
    def dbt_target(self) -> Path:
        """dbt's target folder for runs on this warehouse, kept between runs: dbt parses again in full
        when its vars differ from the last parse, and the vars name the warehouse."""
        return self.warehouse.parent / f"dbt_target_{self.warehouse.stem}"


def paths(environ=None) -> Paths:
    """The places as configured now: read at every call, so a test or a run can point them elsewhere."""
    environ = os.environ if environ is None else environ
    return Paths(**{name: Path(environ.get(variable) or default).resolve() for name, (variable, default) in _PLACES.items()})


def dbt_vars(places: Paths | None = None, **more) -> str:
    """The `--vars` argument every dbt command gets (dbt/profiles.yml reads the warehouse from it)."""
    return json.dumps({"warehouse": str((places or paths()).warehouse), **more})


def warehouse_path() -> Path:
    return paths().warehouse


def serving_path() -> Path:
    return paths().serving


def delivery_root() -> Path:
    return paths().delivery_root


def gx_project_dir() -> Path:
    return paths().gx_project


def cbs_download_dir() -> Path:
    return paths().cbs_downloads


def report_dir() -> Path:
    return paths().report


def dbt_target_dir() -> Path:
    return paths().dbt_target


if __name__ == "__main__":
    # For shell recipes: `python -m dagster_project.settings warehouse` prints that path,
    # `python -m dagster_project.settings dbt-vars` the --vars argument for dbt.
    [what] = sys.argv[1:] or ["dbt-vars"]
    print(dbt_vars() if what == "dbt-vars" else getattr(paths(), what.replace("-", "_")))
