"""The dbt project as Dagster sees it. The manifest is written by `make prepare` (dbt parse) before
anything loads these definitions; under `dagster dev` it is parsed again, so model edits show."""

from dagster_dbt import DbtProject

from dagster_project.settings import DBT_PROJECT_DIR, dbt_vars

dbt_project = DbtProject(
    project_dir=DBT_PROJECT_DIR,
    profiles_dir=DBT_PROJECT_DIR,
    prepare_project_cli_args=["parse", "--quiet", "--vars", dbt_vars()],
)
dbt_project.prepare_if_dev()
