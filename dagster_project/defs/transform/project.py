"""The dbt project as Dagster sees it."""

from dagster_dbt import DbtCliResource, DbtProject
from dagster_dbt.dbt_project import using_dagster_dev

from dagster_project.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, warehouse_path

warehouse_path()  # exports MISSIEMONITOR_WAREHOUSE for the dbt subprocess (dbt/profiles.yml)

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def prepare_manifest() -> None:
    """Write dbt/target/manifest.json, which the Dagster asset graph is read from."""
    DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE).cli(
        ["parse", "--quiet"], target_path=dbt_project.target_path, raise_on_error=True
    ).wait()


# A fresh clone has no manifest; `dagster dev` should see model edits. `make` and the tests
# re-parse explicitly before loading, so the manifest is never stale there.
if using_dagster_dev() or not dbt_project.manifest_path.exists():
    prepare_manifest()
