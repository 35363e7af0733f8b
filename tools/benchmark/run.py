"""`make benchmark`: measure Missiemonitor in one run and write docs/benchmark/resultaat.json, a
Markdown table next to it (docs/benchmark/resultaat.md), which the docs link to.

Every figure is the median of --runs runs (latencies: p50/p95 over all samples). Everything is
built under data/benchmark/ (git-ignored); the real warehouse and serving copy are not touched.
"""

import argparse
import datetime as dt
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
WORK = REPO_ROOT / "data" / "benchmark"
STATE = WORK / "state"
OUT = REPO_ROOT / "docs" / "benchmark"
DELIVERY = REPO_ROOT / "data" / "voorbeelden" / "levering_voorbeeld.csv"
BIN = Path(sys.executable).parent


def _point_the_pipeline_at(state: Path) -> dict[str, str]:
    """Before dagster_project is imported: every path of the pipeline inside the benchmark folder."""
    env = {
        "MISSIEMONITOR_WAREHOUSE": str(state / "warehouse" / "missiemonitor.duckdb"),
        "MISSIEMONITOR_SERVING": str(state / "serving" / "missiemonitor.duckdb"),
        "MISSIEMONITOR_DELIVERY_ROOT": str(state / "data"),
        "MISSIEMONITOR_GX_DIR": str(WORK / "expectations"),
        # CBS is not asked: the benchmark measures this pipeline, not CBS's server or the network.
        "MISSIEMONITOR_CBS_URL": "http://127.0.0.1:9/",
    }
    os.environ.update(env)
    return env


def say(text: str) -> None:
    print(f"[benchmark {dt.datetime.now():%H:%M:%S}] {text}", flush=True)


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")))
    import duckdb

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "commit": commit or "onbekend",
        "date": dt.date.today().isoformat(),
    }


class Pipeline:
    """The Dagster jobs, run in this process as the daemon runs them (start-up excluded)."""

    QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}

    def __init__(self):
        from dagster_project.definitions import defs

        definitions = defs()
        self.full = definitions.resolve_implicit_global_asset_job_def()
        self.deliveries = definitions.resolve_job_def("leveringen_verwerken")

    def run(self, job) -> float:
        return self.run_with_steps(job)[0]

    def run_with_steps(self, job) -> tuple[float, dict[str, float]]:
        """The run's wall time, and the seconds of each step (op) in it from Dagster's own events."""
        import dagster as dg

        from tools.benchmark.timings import timed

        instance = dg.DagsterInstance.ephemeral()
        seconds, result = timed(lambda: job.execute_in_process(instance=instance, run_config=self.QUIET, raise_on_error=False))
        if not result.success:
            failures = [e.message for e in result.all_events if e.is_failure]
            raise SystemExit(f"De run {job.name} is mislukt; de benchmark stopt: {failures[:3]}")
        started, steps = {}, {}
        for entry in instance.all_logs(result.run_id):
            event = entry.dagster_event
            if event is None:
                continue
            if event.event_type_value == "STEP_START":
                started[event.step_key] = entry.timestamp
            elif event.event_type_value == "STEP_SUCCESS":
                steps[event.step_key] = round(entry.timestamp - started[event.step_key], 2)
        return seconds, steps


def restore(snapshot: Path) -> None:
    shutil.rmtree(STATE)
    shutil.copytree(snapshot, STATE)


def measure_builds(pipeline: Pipeline, env: dict[str, str], runs: int) -> dict:
    from dagster_project.settings import dbt_vars, paths
    from tools.benchmark import engine_only
    from tools.benchmark.timings import median, run_child, timed

    warehouse = Path(env["MISSIEMONITOR_WAREHOUSE"])
    say("Eerste opbouw van een lege warehouse (niet in de mediaan)")
    cold = pipeline.run(pipeline.full)
    full, dbt_only, engine = [], [], []
    child_env = {**os.environ, **env}
    sql = engine_only.statements(
        engine_only.compiled_models(str(BIN / "dbt"), REPO_ROOT / "dbt", child_env, WORK / "dbt_compiled")
    )
    for run in range(1, runs + 1):
        full.append(pipeline.run(pipeline.full))
        build = run_child(
            [
                str(BIN / "dbt"),
                "build",
                "--quiet",
                "--project-dir",
                "dbt",
                "--profiles-dir",
                "dbt",
                "--vars",
                dbt_vars(paths(child_env)),
            ],
            child_env,
            REPO_ROOT,
        )
        if build.returncode != 0:
            raise SystemExit(f"dbt build faalde:\n{build.output[-2000:]}")
        dbt_only.append(build.seconds)
        copy = engine_only.prepare_copy(warehouse, WORK / "engine")
        engine.append(timed(lambda copy=copy: engine_only.run_statements(copy, sql))[0])
        say(
            f"Bouwtijden, run {run}/{runs}: volledig {full[-1]:.1f} s, dbt build {dbt_only[-1]:.1f} s, "
            f"SQL direct {engine[-1]:.1f} s"
        )
    return {
        "cold_first_build_s": cold,
        "full_materialisation_s": median(full),
        "dbt_build_s": median(dbt_only),
        "direct_sql_s": median(engine),
        "samples": {"full": full, "dbt_build": dbt_only, "direct_sql": engine},
        "models": len(sql) // 2,
    }


def restore_with_delivery(snapshot: Path) -> Path:
    """The state before the delivery, with the example delivery waiting in its inbox (returned)."""
    restore(snapshot)
    inbox = STATE / "data" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DELIVERY, inbox / DELIVERY.name)
    return inbox


def profile_delivery(pipeline: Pipeline, snapshot: Path, out: Path) -> str:
    """One delivery refresh under cProfile: the functions that took the most time, cumulative, as text."""
    import cProfile
    import io
    import pstats

    restore_with_delivery(snapshot)
    profiler = cProfile.Profile()
    profiler.runcall(pipeline.run, pipeline.deliveries)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(60)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "cProfile of one refresh after one delivery (job leveringen_verwerken), made by `make benchmark`; "
        "times under the profiler are longer than without it, their proportions are what matters.\n\n"
        + text.getvalue().replace(str(REPO_ROOT) + "/", "")
    )
    return str(out.relative_to(REPO_ROOT))


def measure_incremental(pipeline: Pipeline, runs: int, profile_to: Path | None = None) -> dict:
    from tools.benchmark.timings import median

    snapshot = WORK / "state_voor_levering"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(STATE, snapshot)
    incremental, full, steps = [], [], {}
    for run in range(1, runs + 1):
        for name, job, samples in (("incremental", pipeline.deliveries, incremental), ("full", pipeline.full, full)):
            inbox = restore_with_delivery(snapshot)
            seconds, steps[name] = pipeline.run_with_steps(job)  # the steps of the last run
            samples.append(seconds)
            if (inbox / DELIVERY.name).exists():
                raise SystemExit("De levering is niet verwerkt; de meting van de verversing klopt niet.")
        say(
            f"Verversing na één levering, run {run}/{runs}: alleen geraakte assets {incremental[-1]:.1f} s, "
            f"alles {full[-1]:.1f} s"
        )
    profile = None
    if profile_to is not None:
        profile = profile_delivery(pipeline, snapshot, profile_to)
    restore(snapshot)
    return {
        "incremental_s": median(incremental),
        "full_s": median(full),
        "steps": steps,
        "profile": profile,
        "samples": {"incremental": incremental, "full": full},
        "incremental_assets": len(pipeline.deliveries.asset_layer.executable_asset_keys),
        "all_assets": len(pipeline.full.asset_layer.executable_asset_keys),
    }


def measure_scale(env: dict[str, str], factors: list[int], runs: int) -> tuple[list[dict], Path]:
    from dagster_project.defs.serving.serving_copy import publish
    from dagster_project.settings import dbt_vars, paths
    from tools.benchmark.scale_set import ScaleSet, build_raw
    from tools.benchmark.timings import median, run_child

    results, largest = [], None
    for factor in factors:
        scale = ScaleSet(factor, WORK / "schaal" / f"{factor}x" / "missiemonitor.duckdb")
        say(f"Schaaltest {factor}x: synthetische set maken ({scale.expected_rows:,} waarnemingen)")
        rows = build_raw(scale, Path(env["MISSIEMONITOR_WAREHOUSE"]))
        child_env = {**os.environ, **env, "MISSIEMONITOR_WAREHOUSE": str(scale.path)}
        builds = []
        for run in range(1, runs + 1):
            build = run_child(
                [
                    str(BIN / "dbt"),
                    "build",
                    "--quiet",
                    "--project-dir",
                    "dbt",
                    "--profiles-dir",
                    "dbt",
                    "--vars",
                    dbt_vars(paths(child_env), schaaltest=True),
                ],
                child_env,
                REPO_ROOT,
            )
            if build.returncode != 0:
                raise SystemExit(f"dbt build op de schaaltest {factor}x faalde:\n{build.output[-2000:]}")
            builds.append(build)
            say(f"Schaaltest {factor}x, run {run}/{runs}: {build.seconds:.1f} s, piekgeheugen {build.peak_rss_mb:,.0f} MB")
        import duckdb

        with duckdb.connect(str(scale.path), read_only=True) as conn:
            fact_rows = conn.execute("select count(*) from marts.fct_observations").fetchone()[0]
        results.append(
            {
                "factor": factor,
                "synthetic_observations": rows,
                "fct_observations_rows": fact_rows,
                "build_s": median([b.seconds for b in builds]),
                "peak_rss_mb": median([b.peak_rss_mb for b in builds]),
                "database_mb": round(scale.path.stat().st_size / 1024 / 1024, 1),
                "samples": {"build_s": [b.seconds for b in builds], "peak_rss_mb": [b.peak_rss_mb for b in builds]},
            }
        )
        largest = scale.path
    published = WORK / "schaal" / "serving_grootste.duckdb"
    publish(largest, published)
    return results, published


def memory_limits() -> dict[str, str]:
    """The DuckDB memory limits in force: dbt's (dbt/profiles.yml) and each of Superset's instances."""
    import re

    from dashboards.serving_connections import memory_limit

    profile = (REPO_ROOT / "dbt" / "profiles.yml").read_text()
    default = re.search(r"env_var\('MISSIEMONITOR_DUCKDB_MEMORY', '([^']+)'\)", profile)
    return {
        "dbt": os.environ.get("MISSIEMONITOR_DUCKDB_MEMORY") or (default.group(1) if default else "80% (DuckDB)"),
        "superset_per_instance": memory_limit(),
    }


def measure_queries(serving: Path, scale_serving: Path, options: argparse.Namespace) -> dict:
    from collections import Counter

    from dashboards.serving_connections import SharedServingCopy
    from tools.benchmark import query_latency, superset_profile
    from tools.benchmark.timings import percentile
    from tools.superset_server import provisioned_superset

    repeats = options.query_repeats
    # Superset reads a file of the benchmark's own; the scale set is later renamed over it, the way
    # the pipeline publishes a new serving copy.
    bench_serving = WORK / "superset_leest" / "missiemonitor.duckdb"
    bench_serving.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(serving, bench_serving)
    staged = bench_serving.with_name(".nieuw.duckdb")
    shutil.rmtree(WORK / "superset", ignore_errors=True)
    say("Superset starten en de dashboards in de browser openen om hun grafiekvragen op te nemen")
    results = {}
    with provisioned_superset(WORK / "superset", bench_serving, secrets.token_urlsafe(16), WORK / "superset.log") as server:
        token = server.login()
        queries = query_latency.capture(server, token)
        direct_serving = SharedServingCopy(bench_serving)
        for label, source in (("embedded_default", None), ("scale_largest", scale_serving)):
            if source is not None:
                shutil.copyfile(source, staged)
                os.replace(staged, bench_serving)
            query_latency.through_superset(server, token, queries)  # warm-up: first connection, imports
            query_latency.direct(direct_serving, queries)
            cold, warm, engine = [], [], []
            for _ in range(repeats):
                cold += query_latency.through_superset(server, token, queries, force=True)
                warm += query_latency.through_superset(server, token, queries, force=False)
                engine += query_latency.direct(direct_serving, queries)
            n = len(queries)
            per_chart = [
                {
                    "dashboard": q.dashboard,
                    "chart_id": (q.body.get("form_data") or {}).get("slice_id"),
                    "superset_p50_ms": 1000 * percentile(cold[i::n], 0.5),
                    "superset_warm_p50_ms": 1000 * percentile(warm[i::n], 0.5),
                    "direct_p50_ms": 1000 * percentile(engine[i::n], 0.5),
                }
                for i, q in enumerate(queries)
            ]
            results[label] = {
                # cold: force, computed again by DuckDB through Superset; warm: from the chart-data cache
                "superset_p50_ms": 1000 * percentile(cold, 0.5),
                "superset_p95_ms": 1000 * percentile(cold, 0.95),
                "superset_warm_p50_ms": 1000 * percentile(warm, 0.5),
                "superset_warm_p95_ms": 1000 * percentile(warm, 0.95),
                "direct_p50_ms": 1000 * percentile(engine, 0.5),
                "direct_p95_ms": 1000 * percentile(engine, 0.95),
                "samples": len(cold),
                "per_chart": per_chart,
            }
            r = results[label]
            say(
                f"Grafiekvragen ({label}): Superset koud p50 {r['superset_p50_ms']:.0f} / p95 {r['superset_p95_ms']:.0f} ms;"
                f" warm p50 {r['superset_warm_p50_ms']:.0f} / p95 {r['superset_warm_p95_ms']:.0f} ms;"
                f" DuckDB direct p50 {r['direct_p50_ms']:.1f} / p95 {r['direct_p95_ms']:.1f} ms"
            )
            say(f"Elk dashboard in Chromium tekenen ({label}, getimed door de browser)")
            charts = Counter(q.dashboard for q in queries)
            r["dashboards_drawn"] = query_latency.dashboard_draw_times(server, dict(charts), options.draw_repeats)
        # From here on the largest scale set is served, and the chart-data cache holds its answers.
        say(f"{options.readers} gelijktijdige lezers, {options.load_seconds:.0f} s, cache warm")
        results["load_warm"] = query_latency.concurrent_readers(server, token, queries, options.readers, options.load_seconds)
        w = results["load_warm"]
        say(f"Belasting: {w['requests_per_s']:.1f} verzoeken/s, p95 {w['p95_ms']:.0f} ms, {w['errors']} fouten")
        say("Dezelfde belasting, halverwege een nieuwe serving copy gepubliceerd")
        shutil.copyfile(scale_serving, staged)
        published = {}

        def publish_now() -> None:
            published["at"] = time.perf_counter()
            os.replace(staged, bench_serving)

        results["load_publication"] = query_latency.concurrent_readers(
            server, token, queries, options.readers, options.load_seconds, during=publish_now
        )
        results["load_publication"]["published"] = bool(published)
        say("Profiel van Superset onder dezelfde belasting (py-spy; deze run telt niet mee)")
        results["profile"] = superset_profile.profile_under_load(
            server, token, queries, options.readers, min(options.load_seconds, 15.0), OUT / "profiel_superset.txt"
        )
        p = results["load_publication"]
        say(f"Belasting met publicatie: {p['requests']} verzoeken, {p['errors']} fouten, p95 {p['p95_ms']:.0f} ms")
    results["chart_queries"] = len(queries)
    results["dashboards"] = sorted({q.dashboard for q in queries})
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is reported)")
    parser.add_argument(
        "--factors", type=int, nargs="+", default=[1, 10, 100], help="scale factors (1x = 72,030 synthetic observations)"
    )
    parser.add_argument("--query-repeats", type=int, default=20, help="times each dashboard query is timed")
    parser.add_argument("--draw-repeats", type=int, default=3, help="times each dashboard is drawn in the browser")
    parser.add_argument("--readers", type=int, default=20, help="concurrent readers in the load test")
    parser.add_argument("--load-seconds", type=float, default=20.0, help="duration of each load test")
    parser.add_argument("--note", default="", help="a sentence for the result, e.g. what else ran on the machine")
    args = parser.parse_args(argv)

    shutil.rmtree(WORK, ignore_errors=True)
    env = _point_the_pipeline_at(STATE)
    sys.path.insert(0, str(REPO_ROOT))
    from tools.benchmark import report

    result = {
        "machine": machine(),
        "runs": args.runs,
        "settings": {k: v for k, v in vars(args).items() if k != "note"},
        "memory_limits": memory_limits(),
        "note": args.note,
    }
    say(f"Machine: {result['machine']['cpu']}, {result['machine']['cores']} kernen, {result['machine']['memory_gb']} GB")
    pipeline = Pipeline()
    result["builds"] = measure_builds(pipeline, env, args.runs)
    result["incremental"] = measure_incremental(pipeline, args.runs, OUT / "profiel_verversing.txt")
    result["scale"], scale_serving = measure_scale(env, args.factors, args.runs)
    result["queries"] = measure_queries(Path(env["MISSIEMONITOR_SERVING"]), scale_serving, args)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "resultaat.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    table = report.markdown(result)
    (OUT / "resultaat.md").write_text(table)
    say(f"Klaar: {OUT / 'resultaat.json'}, {OUT / 'resultaat.md'}")


if __name__ == "__main__":
    main()
