"""The dbt project as Dagster sees it. The manifest is written by `make prepare` (dbt parse) before
anything loads these definitions; under `dagster dev` it is parsed again, so model edits show."""

from functools import cached_property

from dagster_dbt import DbtCliResource, DbtProject
from dagster_dbt.dbt_project import using_dagster_dev
from packaging import version

from dagster_project.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, dbt_vars

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


class InstalledDbtCli(DbtCliResource):
    """dagster-dbt's resource for the dbt installed next to this Python (DBT_EXECUTABLE).

    dagster-dbt asks the executable for its version with `dbt --version` once per resource, which is
    once per run and costs a dbt start-up (2 s of a 20 s delivery refresh). The executable is this
    environment's own dbt-core, so its version is the package's (tests/test_definitions.py pins this)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        from dbt.version import __version__

        return version.parse(__version__)


# What DbtProject.prepare_if_dev() does, with the dbt next to this Python: its own preparer runs
# `dbt` from PATH, which a service manager, cron or `make run` does not put the venv on.
if using_dagster_dev():
    InstalledDbtCli(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE).cli(
        ["parse", "--quiet", "--vars", dbt_vars()], target_path=dbt_project.target_path, raise_on_error=True
    ).wait()
