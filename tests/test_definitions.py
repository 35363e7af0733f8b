"""The Dagster code location: one entry point, assets grouped by domain, dbt wired with its tests."""

import json
import subprocess
import sys

import dagster as dg

from dagster_project.settings import dbt_vars, paths

from conftest import REPO_ROOT

CATALOGUE_KEYS = {
    dg.AssetKey(["catalogue", t]) for t in ("documents", "themes", "missions", "targets", "key_technology_clusters")
}
DIMENSIONS = {dg.AssetKey(["marts", m]) for m in ("dim_theme", "dim_mission", "dim_target", "dim_key_technology_cluster")}


def test_catalogue_and_dimensions_are_assets(definitions):
    keys = definitions.resolve_asset_graph().get_all_asset_keys()
    assert keys >= CATALOGUE_KEYS
    assert keys >= DIMENSIONS


def test_staging_reads_from_the_loaded_catalogue(definitions):
    graph = definitions.resolve_asset_graph()
    assert graph.get(dg.AssetKey(["staging", "stg_catalogue__missions"])).parent_keys == {dg.AssetKey(["catalogue", "missions"])}
    assert dg.AssetKey(["staging", "stg_catalogue__targets"]) in graph.get(dg.AssetKey(["marts", "dim_target"])).parent_keys


def test_assets_are_grouped_by_domain(definitions):
    graph = definitions.resolve_asset_graph()
    groups = {key: graph.get(key).group_name for key in CATALOGUE_KEYS | DIMENSIONS}
    assert {groups[k] for k in CATALOGUE_KEYS} == {"catalogus"}
    assert {groups[k] for k in DIMENSIONS} == {"marts"}


def test_dbt_tests_are_asset_checks(definitions):
    checks = definitions.resolve_asset_graph().asset_check_keys
    by_asset = {(c.asset_key, c.name) for c in checks}
    assert (dg.AssetKey(["marts", "dim_mission"]), "unique_dim_mission_mission_key") in by_asset
    assert (dg.AssetKey(["marts", "dim_target"]), "assert_quantified_targets_have_value_and_unit") in by_asset


def test_resources_are_bound(definitions):
    assert {"warehouse", "dbt"} <= set(definitions.resources)


def test_observations_come_after_the_cbs_refresh_and_feed_dbt(definitions):
    graph = definitions.resolve_asset_graph()
    observations = dg.AssetKey(["observations", "observations"])
    assert dg.AssetKey(["bronnen", "cbs_statline"]) in graph.get(observations).parent_keys
    assert graph.get(dg.AssetKey(["staging", "stg_observations__observations"])).parent_keys == {observations}


def test_the_inbox_sensor_starts_the_delivery_job(definitions):
    sensor = definitions.resolve_sensor_def("inbox_sensor")
    assert sensor.job_name == "leveringen_verwerken"
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING


def test_great_expectations_checks_guard_the_observations(definitions):
    graph = definitions.resolve_asset_graph()
    observations = dg.AssetKey(["observations", "observations"])
    checks = {key.name: key for key in graph.asset_check_keys if key.asset_key == observations}
    assert {"gx_validatie", "gx_waarschuwingen"} <= set(checks)
    specs = {name: graph.get_check_spec(key) for name, key in checks.items()}
    assert specs["gx_validatie"].blocking is True
    assert specs["gx_waarschuwingen"].blocking is False


def test_daily_refresh_and_data_quality_run_on_a_schedule(definitions):
    refresh = definitions.resolve_schedule_def("dagelijks_om_6_uur")
    quality = definitions.resolve_schedule_def("datakwaliteit_om_7_uur")
    assert (refresh.job_name, refresh.cron_schedule, refresh.execution_timezone) == (
        "dagelijkse_verversing",
        "0 6 * * *",
        "Europe/Amsterdam",
    )
    assert quality.job_name == "datakwaliteit_controle"
    assert {refresh.default_status, quality.default_status} == {dg.DefaultScheduleStatus.RUNNING}
    job = definitions.resolve_job_def("datakwaliteit_controle")
    selected = job.asset_layer.asset_graph
    assert dg.AssetKey(["marts", "fct_indicator_freshness"]) in selected.executable_asset_keys


def test_every_job_resolves(definitions):
    # what `dagster dev` does when it loads the code location: a job that cannot be built breaks the UI
    names = {job.name for job in definitions.resolve_all_job_defs()}
    assert {"leveringen_verwerken", "dagelijkse_verversing", "datakwaliteit_controle"} <= names


def test_loading_the_definitions_writes_nothing_into_the_environment():
    """Settings are read in one place (dagster_project/settings.py) and passed on, never exported."""
    script = (
        "import os; before = dict(os.environ)\n"
        "from dagster_project.definitions import defs; defs().resolve_asset_graph()\n"
        "changed = sorted(k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k))\n"
        "print(changed); raise SystemExit(1 if changed else 0)"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]


def test_dbt_gets_the_warehouse_from_the_settings_not_from_a_default_of_its_own():
    profile = (REPO_ROOT / "dbt" / "profiles.yml").read_text()
    assert "var('warehouse')" in profile and ".duckdb" not in profile.split("outputs:")[1]
    assert json.loads(dbt_vars(paths({"MISSIEMONITOR_WAREHOUSE": "/tmp/x.duckdb"}))) == {"warehouse": "/tmp/x.duckdb"}


def test_dagster_dev_loads_the_definitions_without_the_venv_on_path():
    """`make run`, cron and service managers start `dagster dev` without .venv/bin on PATH; the dbt
    parse it runs at load time must still find dbt (it once looked for `dbt` on PATH and failed)."""
    env = {"PATH": "/usr/bin:/bin", "DAGSTER_IS_DEV_CLI": "1", "HOME": str(REPO_ROOT)}
    script = "from dagster_project.definitions import defs; defs().resolve_asset_graph(); print('geladen')"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "geladen" in result.stdout, result.stderr[-2000:]


def test_the_dbt_resource_knows_the_version_dbt_itself_reports():
    # InstalledDbtCli reads the version from the package instead of starting `dbt --version`
    import re
    import subprocess

    from dagster_project.defs.transform.project import InstalledDbtCli, dbt_project
    from dagster_project.settings import DBT_EXECUTABLE

    reported = subprocess.run([DBT_EXECUTABLE, "--version"], capture_output=True, text=True, check=True).stdout
    cli = InstalledDbtCli(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE)
    assert str(cli._cli_version) == re.search(r"(\d+\.\d+\.\d+)", reported).group(1)
