"""The benchmark's result as Markdown (docs/benchmark/resultaat.md): the measurements, then the speed
goals side by side as ratios, each met or not met, and for a goal not met where the time goes."""

FULL_REFRESH_GOAL_S = 120
QUERY_P95_GOAL_MS = 100  # through Superset, cache warm, on the largest scale set
QUERY_DIRECT_RATIO_GOAL = 3.0  # ... and within this many times direct DuckDB (p95)
DASHBOARD_DRAWN_GOAL_MS = 2000  # each dashboard fully drawn in the browser
LOAD_P95_GOAL_MS = 500  # concurrent readers, cache warm
LOAD_THROUGHPUT_GOAL = 50  # chart requests a second
INCREMENTAL_SHARE_GOAL = 0.25  # refresh after one delivery against a full refresh


def _s(seconds: float) -> str:
    return f"{seconds:,.1f} s"


def _ms(ms: float) -> str:
    return f"{ms:,.0f} ms" if ms >= 10 else f"{ms:,.1f} ms"


def _met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def memory_growth(scale: list[dict]) -> float | None:
    """How much faster memory grew than the data from the smallest to the largest scale set
    (1.0 = in step, below 1 = slower than the data)."""
    if len(scale) < 2:
        return None
    small, large = scale[0], scale[-1]
    return (large["peak_rss_mb"] / small["peak_rss_mb"]) / (large["fct_observations_rows"] / small["fct_observations_rows"])


def warm_query_sentence(r: dict, profile: str | None = None) -> str:
    """Where a chart request answered from the cache spends its time: Superset's per-request work for
    every chart, and for the slowest ones the size of the answer (read from the cache, sent as JSON)."""
    text = (
        f"DuckDB is not asked (the answer comes from the chart-data cache). The median chart takes "
        f"{_ms(r['superset_warm_p50_ms'])} (p50): Superset's own Python per request (authentication and "
        f"permission checks, the query object and its cache key, the action-log row, JSON; profile: "
        f"{'`' + profile + '`' if profile else 'docs/benchmark.md'})."
    )
    slow = sorted(r.get("per_chart") or [], key=lambda c: c["superset_warm_p50_ms"], reverse=True)[:3]
    if slow:
        text += (
            " The p95 is set by the slowest charts, "
            + ", ".join(
                f"{c['dashboard']} chart {c['chart_id']} ({_ms(c['superset_warm_p50_ms'])} warm, "
                f"{_ms(c['direct_p50_ms'])} directly on DuckDB)"
                for c in slow
            )
            + ": those whose answer is large (on the scale set up to the row limit), which is read back from "
            "the cache and sent as JSON on every view."
        )
    return text


def drawn_sentence(d: dict, slug: str, per_chart: list[dict] | None) -> str:
    """Where the time of a dashboard's opening goes: Superset's JavaScript starting, the chart requests
    (and how fast the server answers them on its own), and the browser drawing the answers."""
    first, last = d["first_chart_request_ms"], d["last_chart_answer_ms"]
    # the opening the request times are from (the middle one by drawn time)
    opening = d.get("breakdown_opening_ms") or sorted(d["drawn_ms"])[len(d["drawn_ms"]) // 2]
    text = (
        f"in an opening of {_ms(opening)}, {_ms(first)} pass before the browser sends its first chart request "
        f"(loading and starting Superset's JavaScript, the dashboard's layout and its native filters), "
        f"{_ms(last - first)} until the last of its {d['charts']} charts' answers is in, and "
        f"{_ms(opening - last)} after that until every chart is drawn."
    )
    own = [c["superset_warm_p50_ms"] for c in per_chart or [] if c["dashboard"] == slug]
    if own:
        text += (
            f" The server answers each of its charts from the cache in at most {_ms(max(own))} (through the API, one at a time),"
        )
        if (d.get("chart_answer_bytes") or 0) > 1e6:
            text += (
                f" so the time is the browser's: its charts' answers hold {d['chart_answer_bytes'] / 1e6:,.1f} MB of "
                f"JSON (large tables), which the page parses and draws on its one main thread."
            )
        else:
            text += " so most of the time is the browser's: starting the page and drawing the charts."
    return text


def refresh_sentence(inc: dict) -> str:
    """Where the refresh after one delivery spends its time: its slowest steps (table below the goals)."""
    steps = sorted((inc.get("steps") or {}).get("incremental", {}).items(), key=lambda item: -item[1])
    if not steps:
        return "no per-step times in this result."
    return (
        f"the delivery job runs {inc['incremental_assets']} of the {inc['all_assets']} assets; its time goes to "
        + ", ".join(f"`{name}` {_s(seconds)}" for name, seconds in steps[:3])
        + " (per step below; profile: "
        + (f"`{inc['profile']}`" if inc.get("profile") else "none in this run")
        + ")."
    )


def refresh_steps_table(inc: dict) -> list[str]:
    """The seconds of each Dagster step in the two refreshes, side by side."""
    steps = inc.get("steps") or {}
    if not steps:
        return []
    delivery, full = steps.get("incremental", {}), steps.get("full", {})
    names = sorted(set(delivery) | set(full), key=lambda name: -max(full.get(name, 0), delivery.get(name, 0)))
    lines = [
        "",
        "Where each refresh spends its time, per Dagster step (the last run of each; — where the delivery job leaves "
        "the step out). The delivery job re-validates only the stored versions the delivery can affect (the full "
        "refresh re-validates all), skips dbt's unit tests (they test SQL, not data) and leaves the report to the "
        "daily refresh"
        + (f"; profile of the refresh after one delivery: `{inc['profile']}`" if inc.get("profile") else "")
        + ":",
        "",
        "| Step | Refresh after one delivery | Full refresh |",
        "|---|---:|---:|",
    ]
    for name in names:
        lines.append(
            f"| `{name}` | {_s(delivery[name]) if name in delivery else '—'} | {_s(full[name]) if name in full else '—'} |"
        )
    return lines


def load_cpu_sentence(load: dict, cores: int, profile: str | None = None) -> str:
    """Where the machine's CPU went during the load, and the ceiling that puts on requests a second."""
    cpu = load.get("cpu")
    if not cpu or not load["requests"]:
        return "no CPU accounting in this result."
    per_request_ms = 1000 * cpu["superset_s"] / load["requests"]
    available = cpu["available_s"] or 1
    ceiling = cores * 1000 / per_request_ms if per_request_ms else float("inf")
    return (
        f"the requests are bound by CPU. In the {load['seconds']:.0f} s of load the {cores} cores had "
        f"{cpu['available_s']:.0f} CPU-seconds: Superset (gunicorn's workers) used {cpu['superset_s']:.0f} "
        f"({cpu['superset_s'] / available:.0%}), the load generator {cpu['load_generator_s']:.0f} "
        f"({cpu['load_generator_s'] / available:.0%}), other work on the machine {cpu['other_work_s']:.0f} "
        f"({cpu['other_work_s'] / available:.0%}), idle {cpu['idle_s']:.0f}. A chart request answered from the "
        f"cache costs Superset {per_request_ms:.0f} ms of CPU (its Python per request: authentication, permission "
        f"checks, the cache key from the query object, the action-log row, JSON), so {cores} cores serve at most "
        f"about {ceiling:.0f} a second with nothing else running; the requests beyond that wait in gunicorn's "
        f"queue, which is the p95. More cores or instances raise the ceiling (docs/productie.md); more threads do not."
        + (
            f" The readers never pause, so the mean time per request is readers ÷ requests a second (Little's law): "
            f"{load['readers']} ÷ {load['requests_per_s']:.1f}/s = {1000 * load['readers'] / load['requests_per_s']:.0f} ms "
            f"here; a p95 under {LOAD_P95_GOAL_MS} ms at {LOAD_THROUGHPUT_GOAL} requests a second leaves the slowest "
            f"requests (the large answers) little more than the mean."
            if load.get("requests_per_s")
            else ""
        )
        + (f" Where the workers' time goes, function by function: `{profile}` (py-spy)." if profile else "")
    )


def _settings(result: dict) -> str:
    runs = "from one run" if result["runs"] == 1 else f"the median of {result['runs']} runs"
    s = result.get("settings")
    if not s:
        return f"Each figure is {runs}."
    flags = (
        f"--runs {s['runs']} --factors {' '.join(str(f) for f in s['factors'])} --query-repeats {s['query_repeats']} "
        f"--draw-repeats {s['draw_repeats']} --readers {s['readers']} --load-seconds {s['load_seconds']:g}"
    )
    reduced = s["runs"] < 3 or s["query_repeats"] < 20 or max(s["factors"]) < 100
    return f"Each figure is {runs}. Settings: `{flags}`" + (
        " (reduced from the defaults `--runs 3 --factors 1 10 100 --query-repeats 20` to fit the time available)."
        if reduced
        else "."
    )


def _query_rows(result: dict) -> list[str]:
    q, lines = result["queries"], []
    for label, name in (
        ("embedded_default", "embedded default"),
        ("scale_largest", f"scale set {result['scale'][-1]['factor']}×"),
    ):
        r = q[label]
        direct = r["direct_p95_ms"]
        lines.append(
            f"| Chart queries on the {name} through Superset, cache cold (force) (p50 / p95) | "
            f"{_ms(r['superset_p50_ms'])} / {_ms(r['superset_p95_ms'])} | {r['superset_p95_ms'] / direct:.1f}× direct (p95) |"
        )
        if "superset_warm_p95_ms" in r:
            lines.append(
                f"| The same through Superset, cache warm (p50 / p95) | "
                f"{_ms(r['superset_warm_p50_ms'])} / {_ms(r['superset_warm_p95_ms'])} | "
                f"{r['superset_warm_p95_ms'] / direct:.1f}× direct (p95) |"
            )
        lines.append(f"| The same SQL directly on DuckDB (p50 / p95) | {_ms(r['direct_p50_ms'])} / {_ms(direct)} | 1.0× |")
    return lines


def _goal_rows(result: dict) -> tuple[list[str], list[str]]:
    """The goal table's rows and, for every goal not met, a sentence on where the time goes."""
    q, inc, scale = result["queries"], result["incremental"], result["scale"]
    largest, factor = q["scale_largest"], scale[-1]["factor"]
    rows, why = [], []

    def row(goal: str, figure: str, ratio: str, ok: bool) -> None:
        rows.append(f"| {goal} | {figure} | {ratio} | {_met(ok)} |")

    if "superset_warm_p95_ms" in largest:
        warm, direct = largest["superset_warm_p95_ms"], largest["direct_p95_ms"]
        row(
            f"Chart query p95 through Superset, cache warm, scale set {factor}×: under {QUERY_P95_GOAL_MS} ms",
            _ms(warm),
            f"{warm / QUERY_P95_GOAL_MS:.2f}× the goal",
            warm < QUERY_P95_GOAL_MS,
        )
        row(
            f"… and within {QUERY_DIRECT_RATIO_GOAL:.0f}× of the same SQL directly on DuckDB (p95 {_ms(direct)})",
            _ms(warm),
            f"{warm / direct:.1f}× direct",
            warm <= QUERY_DIRECT_RATIO_GOAL * direct,
        )
        if warm >= QUERY_P95_GOAL_MS or warm > QUERY_DIRECT_RATIO_GOAL * direct:
            why.append("*Chart query, cache warm:* " + warm_query_sentence(largest, q.get("profile")))
        cold = largest["superset_p95_ms"]
        rows.append(
            f"| Chart query p95 through Superset, cache cold (force), scale set {factor}× (no goal of its own) | "
            f"{_ms(cold)} | {cold / direct:.1f}× direct, {cold / warm:.1f}× warm | — |"
        )
    for label, name in (("embedded_default", "the embedded default"), ("scale_largest", f"scale set {factor}×")):
        drawn = q[label].get("dashboards_drawn")
        if not drawn:
            continue
        slug, slowest = max(drawn.items(), key=lambda item: item[1]["median_ms"])
        ok = slowest["median_ms"] < DASHBOARD_DRAWN_GOAL_MS
        row(
            f"Each dashboard fully drawn in Chromium, {name}: under {DASHBOARD_DRAWN_GOAL_MS / 1000:.0f} s (slowest "
            f"of {len(drawn)}, median opening)",
            f"{_ms(slowest['median_ms'])} ({slug})",
            f"{slowest['median_ms'] / DASHBOARD_DRAWN_GOAL_MS:.2f}× the goal; "
            f"{sum(d['median_ms'] < DASHBOARD_DRAWN_GOAL_MS for d in drawn.values())} of {len(drawn)} under it",
            ok,
        )
        if not ok and slowest.get("first_chart_request_ms") is not None:
            why.append(f"*Dashboard drawn, {name} ({slug}):* " + drawn_sentence(slowest, slug, q[label].get("per_chart")))
    load, published = q.get("load_warm"), q.get("load_publication")
    if load:
        readers = load["readers"]
        row(
            f"{readers} concurrent readers, cache warm: chart p95 under {LOAD_P95_GOAL_MS} ms",
            _ms(load["p95_ms"]),
            f"{load['p95_ms'] / LOAD_P95_GOAL_MS:.2f}× the goal",
            load["p95_ms"] < LOAD_P95_GOAL_MS,
        )
        row(
            f"{readers} concurrent readers, cache warm: at least {LOAD_THROUGHPUT_GOAL} chart requests a second",
            f"{load['requests_per_s']:.1f}/s ({load['requests']:,} in {_s(load['seconds'])})",
            f"{load['requests_per_s'] / LOAD_THROUGHPUT_GOAL:.2f}× the goal",
            load["requests_per_s"] >= LOAD_THROUGHPUT_GOAL,
        )
        if load["p95_ms"] >= LOAD_P95_GOAL_MS or load["requests_per_s"] < LOAD_THROUGHPUT_GOAL:
            why.append(f"*{readers} readers:* " + load_cpu_sentence(load, result["machine"].get("cores") or 1, q.get("profile")))
    if published:
        row(
            f"{published['readers']} readers while a new serving copy is published: 0 errors",
            f"{published['errors']} errors in {published['requests']:,} requests",
            f"p95 {_ms(published['p95_ms'])}, {published['requests_per_s']:.1f}/s",
            published["errors"] == 0 and published.get("published", True),
        )
        if published["errors"]:
            why.append(f"*Publication under load:* the errors seen: {'; '.join(published['error_examples'])}.")
    share = inc["incremental_s"] / inc["full_s"]
    row(
        f"Refresh after one delivery: at most {INCREMENTAL_SHARE_GOAL:.0%} of a full refresh",
        f"{_s(inc['incremental_s'])} against {_s(inc['full_s'])}",
        f"{share:.0%} of full",
        share <= INCREMENTAL_SHARE_GOAL,
    )
    if share > INCREMENTAL_SHARE_GOAL:
        why.append("*Refresh after one delivery:* " + refresh_sentence(inc))
    limits = result.get("memory_limits")
    if limits:
        rows.append(
            f"| DuckDB's memory limited in dbt and in Superset; peak memory per scale (table below) | dbt "
            f"{limits['dbt']}, Superset {limits['superset_per_instance']} per instance | largest scale "
            f"{scale[-1]['peak_rss_mb']:,.0f} MB peak | {_met(True)} |"
        )
    return rows, why


def markdown(result: dict) -> str:
    m, b, inc, q = result["machine"], result["builds"], result["incremental"], result["queries"]
    direct = b["direct_sql_s"]
    lines = [
        f"Measured on {m['date']} at commit `{m['commit']}`: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, "
        f"{m['os']}, Python {m['python']}, DuckDB {m['duckdb']}. {_settings(result)}"
        + (f" {result['note']}" if result.get("note") else ""),
        "",
        "| Measurement | Result | Ratio |",
        "|---|---:|---:|",
        f"| Full materialisation, all {inc['all_assets']} assets (Dagster: load, validate, `dbt build`, publish) | "
        f"{_s(b['full_materialisation_s'])} | {b['full_materialisation_s'] / direct:.1f}× SQL |",
        f"| `dbt build` alone ({b['models']} models and their tests) | {_s(b['dbt_build_s'])} | {b['dbt_build_s'] / direct:.1f}× SQL |",
        f"| The models' SQL run directly in DuckDB | {_s(direct)} | 1.0× |",
        f"| First build into an empty warehouse (one run) | {_s(b['cold_first_build_s'])} | |",
        f"| Refresh after one delivery, only the affected assets ({inc['incremental_assets']}) | {_s(inc['incremental_s'])} | "
        f"{inc['incremental_s'] / inc['full_s']:.2f}× full |",
        f"| Refresh after one delivery, all assets | {_s(inc['full_s'])} | 1.00× |",
        *_query_rows(result),
        "",
        f"Dashboard queries: the {q['chart_queries']} chart queries the {len(q['dashboards'])} dashboards send when "
        f"opened, each timed {q['embedded_default']['samples'] // max(q['chart_queries'], 1)} times per cache state.",
    ]
    rows, why = _goal_rows(result)
    lines += [
        "",
        "## Speed goals, side by side",
        "",
        "| Goal | Measured | Ratio | Result |",
        "|---|---:|---:|---|",
        *rows,
    ]
    if why:
        lines += ["", "Where the time goes, for each goal not met:", "", *[f"* {w}" for w in why]]
    lines += refresh_steps_table(inc)
    for label, name in (
        ("embedded_default", "the embedded default"),
        ("scale_largest", f"the scale set {result['scale'][-1]['factor']}×"),
    ):
        drawn = q[label].get("dashboards_drawn")
        if not drawn:
            continue
        lines += [
            "",
            f"Each dashboard in Chromium, logged in, with {name} served and the chart-data cache warm; times from the "
            "browser's own clock from navigation to every chart drawn (all chart-data answers in, no chart "
            f"loading), median of {len(next(iter(drawn.values()))['drawn_ms'])} openings; the first chart request and "
            "the last chart answer of the median opening:",
            "",
            "| Dashboard | Charts | Drawn (median) | Slowest opening | First chart request | Last chart answer | Under 2 s |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for slug, d in sorted(drawn.items()):
            first, last = d.get("first_chart_request_ms"), d.get("last_chart_answer_ms")
            lines.append(
                f"| {slug} | {d['charts']} | {_ms(d['median_ms'])} | {_ms(d['max_ms'])} | "
                f"{_ms(first) if first is not None else '–'} | {_ms(last) if last is not None else '–'} | "
                f"{'yes' if d['median_ms'] < DASHBOARD_DRAWN_GOAL_MS else 'no'}"
                f"{' (' + str(d['timed_out']) + ' timed out)' if d.get('timed_out') else ''} |"
            )
    load = q.get("load_warm")
    if load:
        lines += [
            "",
            f"Load: {load['readers']} readers (a bounded thread pool on this machine, against the local server only) "
            f"request the dashboards' chart queries in turn without force for {load['seconds']:.0f} s each run; in the "
            "second run a copy of the served file is renamed over it halfway, as the pipeline publishes.",
        ]
    limits = result.get("memory_limits", {})
    lines += [
        "",
        "Scale (synthetic, labelled, own database; `dbt build` with all tests"
        + (f"; DuckDB's memory limit in dbt {limits['dbt']}" if limits else "")
        + "):",
        "",
        "| Scale | Synthetic observations | Rows in fct_observations | Build | Peak memory | DuckDB limit | Database file |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in result["scale"]:
        lines.append(
            f"| {s['factor']}× | {s['synthetic_observations']:,} | {s['fct_observations_rows']:,} | {_s(s['build_s'])} | "
            f"{s['peak_rss_mb']:,.0f} MB | {limits.get('dbt', '–')} | {s['database_mb']:,.0f} MB |"
        )
    lines += [
        "",
        "Peak memory is the whole dbt process's high-water mark (Python and DuckDB); DuckDB's limit holds its buffer "
        "manager, which spills to disk above it.",
    ]
    growth = memory_growth(result["scale"])
    lines += [
        "",
        "Earlier goals:",
        "",
        f"* Full refresh of the embedded default under {FULL_REFRESH_GOAL_S} s: "
        f"{_met(b['full_materialisation_s'] < FULL_REFRESH_GOAL_S)} ({_s(b['full_materialisation_s'])}).",
    ]
    if growth is not None:
        lines.append(
            f"* Memory growing no faster than the data: {_met(growth <= 1)} (from "
            f"{result['scale'][0]['factor']}× to {result['scale'][-1]['factor']}× the data grew "
            f"{result['scale'][-1]['fct_observations_rows'] / result['scale'][0]['fct_observations_rows']:.0f}×, "
            f"peak memory {result['scale'][-1]['peak_rss_mb'] / result['scale'][0]['peak_rss_mb']:.1f}×)."
        )
    return "\n".join(lines) + "\n"
