"""The benchmark's result as a Markdown table (docs/benchmark/resultaat.md)."""

FULL_REFRESH_GOAL_S = 120
QUERY_P95_GOAL_MS = 100


def _s(seconds: float) -> str:
    return f"{seconds:,.1f} s"


def _ms(ms: float) -> str:
    return f"{ms:,.0f} ms" if ms >= 10 else f"{ms:,.1f} ms"


def memory_growth(scale: list[dict]) -> float | None:
    """How much faster memory grew than the data from the smallest to the largest scale set
    (1.0 = in step, below 1 = slower than the data)."""
    if len(scale) < 2:
        return None
    small, large = scale[0], scale[-1]
    return (large["peak_rss_mb"] / small["peak_rss_mb"]) / (large["fct_observations_rows"] / small["fct_observations_rows"])


def markdown(result: dict) -> str:
    m, b, inc, q = result["machine"], result["builds"], result["incremental"], result["queries"]
    direct = b["direct_sql_s"]
    lines = [
        f"Measured on {m['date']} at commit `{m['commit']}`: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, "
        f"{m['os']}, Python {m['python']}, DuckDB {m['duckdb']}. Each figure is the median of {result['runs']} runs.",
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
    ]
    for label, name in (
        ("embedded_default", "embedded default"),
        ("scale_largest", f"scale set {result['scale'][-1]['factor']}×"),
    ):
        r = q[label]
        lines.append(
            f"| Dashboard chart queries on the {name}, through Superset's API (p50 / p95) | "
            f"{_ms(r['superset_p50_ms'])} / {_ms(r['superset_p95_ms'])} | {r['superset_p95_ms'] / r['direct_p95_ms']:.1f}× direct (p95) |"
        )
        lines.append(
            f"| The same SQL directly on DuckDB (p50 / p95) | {_ms(r['direct_p50_ms'])} / {_ms(r['direct_p95_ms'])} | 1.0× |"
        )
    lines += [
        "",
        f"Dashboard queries: the {q['chart_queries']} chart queries the {len(q['dashboards'])} dashboards send when "
        f"opened, each timed {q['embedded_default']['samples'] // max(q['chart_queries'], 1)} times.",
        "",
        "Scale (synthetic, labelled, own database; `dbt build` with all tests):",
        "",
        "| Scale | Synthetic observations | Rows in fct_observations | Build | Peak memory | Database file |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in result["scale"]:
        lines.append(
            f"| {s['factor']}× | {s['synthetic_observations']:,} | {s['fct_observations_rows']:,} | {_s(s['build_s'])} | "
            f"{s['peak_rss_mb']:,.0f} MB | {s['database_mb']:,.0f} MB |"
        )
    growth = memory_growth(result["scale"])
    largest = q["scale_largest"]
    lines += [
        "",
        "Against the goals:",
        "",
        f"* Full refresh of the embedded default under {FULL_REFRESH_GOAL_S} s: "
        f"**{'met' if b['full_materialisation_s'] < FULL_REFRESH_GOAL_S else 'not met'}** ({_s(b['full_materialisation_s'])}).",
        f"* Dashboard queries p95 under {QUERY_P95_GOAL_MS} ms on the {result['scale'][-1]['synthetic_observations']:,}-row "
        f"scale set: **{'met' if largest['superset_p95_ms'] < QUERY_P95_GOAL_MS else 'not met'}** "
        f"(through Superset {_ms(largest['superset_p95_ms'])}, directly on DuckDB {_ms(largest['direct_p95_ms'])}).",
    ]
    if growth is not None:
        lines.append(
            f"* Memory growing no faster than the data: **{'met' if growth <= 1 else 'not met'}** (from "
            f"{result['scale'][0]['factor']}× to {result['scale'][-1]['factor']}× the data grew "
            f"{result['scale'][-1]['fct_observations_rows'] / result['scale'][0]['fct_observations_rows']:.0f}×, "
            f"peak memory {result['scale'][-1]['peak_rss_mb'] / result['scale'][0]['peak_rss_mb']:.1f}×)."
        )
    return "\n".join(lines) + "\n"
