"""The benchmark's parts (make benchmark): the synthetic scale set is what it says and cannot leak
into a real warehouse, the engine-only SQL builds what dbt builds, and the report is faithful."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dagster_project.settings import dbt_vars, paths
from tools.benchmark import engine_only, report
from tools.benchmark.scale_set import ScaleSet, build_raw
from tools.benchmark.timings import percentile

from conftest import REPO_ROOT

DBT = str(Path(sys.executable).parent / "dbt")


@pytest.fixture(scope="module")
def scale_set(warehouse, tmp_path_factory) -> ScaleSet:
    from dagster_project.settings import warehouse_path

    scale = ScaleSet(1, tmp_path_factory.mktemp("schaal") / "missiemonitor.duckdb")
    assert build_raw(scale, warehouse_path()) == scale.expected_rows == 343 * 35 * 2 * 3
    return scale


@pytest.mark.slow
def test_every_synthetic_row_is_labelled_and_the_real_rows_are_kept(scale_set, warehouse):
    with duckdb.connect(str(scale_set.path), read_only=True) as conn:
        unlabelled = conn.execute("""
            select count(*) from raw_observations.observations o join raw_observations.vintages v using (vintage_id)
            where v.source_kind = 'synthetisch'
              and not (v.publisher = 'SYNTHETISCH' and o.indicator_code like 'SYN\\_%' escape '\\'
                       and (o.region_code like 'GM\\_SYN\\_%' escape '\\' or o.region_code = 'NL'))""").fetchone()[0]
        real = conn.execute(
            "select count(*) from raw_observations.observations o join raw_observations.vintages v "
            "using (vintage_id) where v.source_kind <> 'synthetisch'"
        ).fetchone()[0]
        names = conn.execute(
            "select distinct naam like '%geen gepubliceerde cijfers%' from raw_catalogue.indicators where code like 'SYN%'"
        ).fetchall()
    assert unlabelled == 0
    assert real == warehouse.execute("select count(*) from raw_observations.observations").fetchone()[0] > 0
    assert names == [(True,)]


def _guard(scale: ScaleSet, allow: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "MISSIEMONITOR_WAREHOUSE": str(scale.path)}
    return subprocess.run(
        [
            DBT,
            "build",
            "--quiet",
            "--project-dir",
            "dbt",
            "--profiles-dir",
            "dbt",
            "--select",
            "stg_observations__vintages",
            "assert_synthetic_data_only_in_scale_sets",
            "--indirect-selection",
            "empty",
            "--vars",
            dbt_vars(paths(env), schaaltest=allow),
            "--target-path",
            str(scale.path.parent / "target"),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_synthetic_rows_fail_the_build_of_any_warehouse_that_is_not_a_scale_set(scale_set):
    refused = _guard(scale_set, allow=False)
    assert refused.returncode != 0
    assert "assert_synthetic_data_only_in_scale_sets" in refused.stdout
    assert _guard(scale_set, allow=True).returncode == 0


@pytest.mark.slow
def test_the_models_sql_run_directly_builds_the_same_marts_as_dbt(warehouse, tmp_path):
    from dagster_project.settings import warehouse_path

    models = engine_only.compiled_models(DBT, REPO_ROOT / "dbt", dict(os.environ), tmp_path / "target")
    assert {m["name"] for m in models} >= {"fct_observations", "fct_progress", "fct_mission_status"}
    position = {m["name"]: i for i, m in enumerate(models)}
    assert position["int_progress_measured"] < position["fct_progress"] < position["fct_mission_status"]
    copy = engine_only.prepare_copy(warehouse_path(), tmp_path / "engine")
    with duckdb.connect(str(copy)) as conn:
        conn.execute("drop schema marts cascade")
    engine_only.run_statements(copy, engine_only.statements(models))
    marts = [t for (t,) in warehouse.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()]
    with duckdb.connect(str(copy), read_only=True) as conn:
        for table in marts:
            expected = warehouse.execute(
                f"select * from marts.{table} except all select * from marts.{table} where false"
            ).fetchall()
            rebuilt = conn.execute(f"select * from marts.{table}").fetchall()
            assert sorted(map(repr, rebuilt)) == sorted(map(repr, expected)), table


def test_percentiles_are_nearest_rank():
    samples = [float(i) for i in range(1, 21)]
    assert percentile(samples, 0.5) == 10.0
    assert percentile(samples, 0.95) == 19.0
    assert percentile([3.0], 0.95) == 3.0


RESULT = {
    "machine": {
        "date": "2026-11-24",
        "commit": "abc1234",
        "cpu": "Testprocessor",
        "cores": 2,
        "memory_gb": 23.5,
        "os": "Linux",
        "python": "3.11.7",
        "duckdb": "2.0.0",
    },
    "runs": 3,
    "builds": {
        "cold_first_build_s": 30.0,
        "full_materialisation_s": 20.0,
        "dbt_build_s": 10.0,
        "direct_sql_s": 2.0,
        "models": 41,
    },
    "incremental": {
        "incremental_s": 15.0,
        "full_s": 20.0,
        "incremental_assets": 29,
        "all_assets": 57,
        "steps": {
            "incremental": {"missiemonitor_dbt_models": 9.0, "observation_store": 3.0},
            "full": {"stored_observations_validated": 8.0, "missiemonitor_dbt_models": 10.0, "observation_store": 2.0},
        },
        "profile": "docs/benchmark/profiel_verversing.txt",
    },
    "scale": [
        {
            "factor": 1,
            "synthetic_observations": 72030,
            "fct_observations_rows": 72112,
            "build_s": 12.0,
            "peak_rss_mb": 500.0,
            "database_mb": 18.0,
        },
        {
            "factor": 100,
            "synthetic_observations": 7203000,
            "fct_observations_rows": 7203082,
            "build_s": 70.0,
            "peak_rss_mb": 9000.0,
            "database_mb": 400.0,
        },
    ],
    "queries": {
        "embedded_default": {
            "superset_p50_ms": 150.0,
            "superset_p95_ms": 220.0,
            "direct_p50_ms": 25.0,
            "direct_p95_ms": 44.0,
            "samples": 280,
        },
        "scale_largest": {
            "superset_p50_ms": 180.0,
            "superset_p95_ms": 90.0,
            "superset_warm_p50_ms": 40.0,
            "superset_warm_p95_ms": 80.0,
            "direct_p50_ms": 30.0,
            "direct_p95_ms": 20.0,
            "samples": 280,
            "dashboards_drawn": {
                "a": {"charts": 3, "drawn_ms": [1500.0], "median_ms": 1500.0, "max_ms": 1500.0},
                "b": {
                    "charts": 5,
                    "drawn_ms": [2500.0],
                    "median_ms": 2500.0,
                    "max_ms": 2600.0,
                    "first_chart_request_ms": 900.0,
                    "last_chart_answer_ms": 2200.0,
                },
            },
        },
        "load_warm": {
            "readers": 20,
            "seconds": 20.0,
            "requests": 1200,
            "requests_per_s": 60.0,
            "p95_ms": 600.0,
            "cpu": {"superset_s": 30.0, "load_generator_s": 6.0, "other_work_s": 2.0, "idle_s": 2.0, "available_s": 40.0},
        },
        "load_publication": {
            "readers": 20,
            "seconds": 20.0,
            "requests": 1000,
            "requests_per_s": 50.0,
            "p95_ms": 700.0,
            "errors": 0,
            "error_examples": [],
            "published": True,
        },
        "chart_queries": 14,
        "dashboards": ["a", "b"],
    },
    "memory_limits": {"dbt": "4GB", "superset_per_instance": "1GB"},
}


def test_the_report_states_the_machine_the_ratios_and_the_goals():
    table = report.markdown(RESULT)
    assert "Testprocessor, 2 cores, 23.5 GB RAM" in table and "median of 3 runs" in table
    assert "| 20.0 s | 10.0× SQL |" in table and "| 0.75× full |" in table
    assert "under 120 s: **met** (20.0 s)" in table
    # warm p95 80 ms: under 100 ms but 4x direct (20 ms)
    assert "cache warm, scale set 100×: under 100 ms | 80 ms | 0.80× the goal | **met** |" in table
    assert "| 4.0× direct | **not met** |" in table and "*Chart query, cache warm:*" in table
    assert (
        "scale set 100×: under 2 s (slowest of 2, median opening) | 2,500 ms (b) | 1.25× the goal; 1 of 2 under it | **not met** |"
        in table
    )
    assert "in an opening of 2,500 ms, 900 ms pass before the browser sends its first chart request" in table
    assert "chart p95 under 500 ms | 600 ms | 1.20× the goal | **not met** |" in table
    assert "| 60.0/s (1,200 in 20.0 s) | 1.20× the goal | **met** |" in table
    # 30 CPU-seconds of Superset for 1,200 requests: 25 ms each, so 2 cores serve at most 80 a second
    assert "Superset (gunicorn's workers) used 30 (75%)" in table and "costs Superset 25 ms of CPU" in table
    assert "at most about 80 a second" in table
    assert "| 0 errors in 1,000 requests |" in table
    assert "at most 25% of a full refresh | 15.0 s against 20.0 s | 75% of full | **not met** |" in table
    # where the delivery refresh goes, slowest step first, and each step beside the full refresh's
    assert "its time goes to `missiemonitor_dbt_models` 9.0 s, `observation_store` 3.0 s" in table
    assert "| `stored_observations_validated` | — | 8.0 s |" in table and "| `observation_store` | 3.0 s | 2.0 s |" in table
    assert "`docs/benchmark/profiel_verversing.txt`" in table
    assert "| 500 MB | 4GB |" in table
    # data 99.9x, memory 18x: growing slower than the data
    assert "Memory growing no faster than the data: **met**" in table and "peak memory 18.0×" in table


def test_the_superset_profile_sums_stacks_per_function():
    from tools.benchmark.superset_profile import summarise

    collapsed = (
        "process 1;thread (0x1);handle (app.py:1);query (q.py:2);json (j.py:3) 6\n"
        "process 2;thread (0x2);handle (app.py:1);auth (a.py:9) 4\n"
    )
    total, inclusive, own = summarise(collapsed)
    assert total == 10
    assert dict(inclusive) == {"handle (app.py:1)": 10, "query (q.py:2)": 6, "json (j.py:3)": 6, "auth (a.py:9)": 4}
    assert own == [("json (j.py:3)", 6), ("auth (a.py:9)", 4)]
