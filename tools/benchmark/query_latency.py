"""Dashboard queries through Superset's API against the same SQL run directly on DuckDB.

The queries are the ones the dashboards really send: a browser opens every dashboard and the
chart-data requests it makes are recorded. Each is then replayed through the REST API, with the
chart-data cache cold (force: computed again) and warm (answered from the cache), and, as the SQL
Superset generated for it, on a new connection to the serving copy made the way Superset makes one
(dashboards/serving_connections.py). Also: each dashboard drawn in the browser, timed by the browser,
and a bounded load of concurrent readers against the local server.
"""

import http.client
import json
import os
import resource
import statistics
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from dashboards.serving_connections import SharedServingCopy
from tools.superset_server import SupersetServer, api_call, logged_in_page, wait_for_dashboard


@dataclass
class ChartQuery:
    dashboard: str
    body: dict
    sql: list[str] = field(default_factory=list)


def chart_requests(server: SupersetServer, token: str) -> list[tuple[str, dict]]:
    """(dashboard slug, request body) of the first chart-data request each chart makes when every
    dashboard is opened in the browser, with its filters at their defaults."""
    _, answer = api_call(server.base, "/api/v1/dashboard/?q=(page_size:100)", token=token)
    recorded: dict[tuple[str, int], dict] = {}
    with logged_in_page(server) as page:
        current = {"slug": ""}

        def record(request) -> None:
            if request.method == "POST" and "/api/v1/chart/data" in request.url:
                body = request.post_data_json
                chart = (body.get("form_data") or {}).get("slice_id")
                if chart is not None:  # not a native filter asking for its values
                    recorded.setdefault((current["slug"], chart), body)

        page.on("request", record)
        for slug in sorted(d["slug"] for d in answer["result"]):
            current["slug"] = slug
            print(f"dashboard {slug} ...", file=sys.stderr, flush=True)
            wait_for_dashboard(page, server.base, slug)
    return [(slug, body) for (slug, _), body in recorded.items()]


def capture(server: SupersetServer, token: str) -> list[ChartQuery]:
    captured = [ChartQuery(slug, body) for slug, body in chart_requests(server, token)]
    for query in captured:
        status, answer = api_call(server.base, "/api/v1/chart/data", {**query.body, "result_type": "query"}, token=token)
        if status != 200:
            raise RuntimeError(f"Superset gaf {status} voor de SQL van een grafiek op {query.dashboard}: {answer}")
        query.sql = [part["query"] for part in answer["result"]]
    return captured


def through_superset(server: SupersetServer, token: str, queries: list[ChartQuery], force: bool = True) -> list[float]:
    """One timed request per query; force=True: computed again (cache cold), False: from the cache
    when it holds the answer for the current serving copy."""
    samples = []
    for query in queries:
        start = time.perf_counter()
        status, answer = api_call(server.base, "/api/v1/chart/data", {**query.body, "force": force}, token=token)
        samples.append(time.perf_counter() - start)
        if status != 200:
            raise RuntimeError(f"Superset gaf {status} voor een grafiek op {query.dashboard}: {str(answer)[:300]}")
    return samples


def direct(serving: SharedServingCopy, queries: list[ChartQuery]) -> list[float]:
    samples = []
    for query in queries:
        start = time.perf_counter()
        conn = serving.connect()
        try:
            for sql in query.sql:
                conn.execute(sql).fetchall()
        finally:
            conn.close()
        samples.append(time.perf_counter() - start)
    return samples


# Polled at every animation frame in the page: false until the chart-data answers of all `n` charts
# have arrived (Resource Timing) and no chart holder shows a loading indicator any more, i.e. every
# chart the dashboard opens with is drawn; then the browser's own clock (ms since the navigation
# started): now, and the chart-data requests' first start and last answer.
_DRAWN = (
    "(n) => { const c = performance.getEntriesByType('resource')"
    ".filter(e => e.name.includes('/api/v1/chart/data'));"
    " const h = document.querySelectorAll('.dashboard-component-chart-holder').length;"
    " const busy = document.querySelectorAll('.dashboard-component-chart-holder .loading, "
    '[data-test="loading-indicator"]\').length;'
    " if (c.length < n || h === 0 || busy > 0) return false;"
    " return {drawn: performance.now(), requests: c.length,"
    " first_chart_request: Math.min(...c.map(e => e.startTime)),"
    " last_chart_answer: Math.max(...c.map(e => e.responseEnd)),"
    " chart_bytes: c.reduce((s, e) => s + (e.decodedBodySize || 0), 0)}; }"
)


def dashboard_draw_times(server: SupersetServer, charts: dict[str, int], repeats: int) -> dict[str, dict]:
    """Each dashboard opened `repeats` times (after one unmeasured opening, which fills the browser's
    and the chart-data cache) in Chromium, logged in; per opening the browser's time from navigation
    to every chart drawn. `charts`: dashboard slug -> charts it draws when opened."""
    out = {}
    with logged_in_page(server) as page:
        for slug, expected in sorted(charts.items()):
            url = f"{server.base}/superset/dashboard/{slug}/"
            openings = []
            for attempt in range(repeats + 1):
                page.goto("about:blank")
                page.goto(url, wait_until="commit", timeout=60_000)
                try:
                    times = page.wait_for_function(_DRAWN, arg=expected, polling="raf", timeout=60_000).json_value()
                except Exception:  # not drawn within a minute: counted as a minute, and said
                    times = {"drawn": 60_000.0, "first_chart_request": None, "last_chart_answer": None, "timed_out": True}
                if attempt:
                    openings.append(times)
            drawn = [o["drawn"] for o in openings]
            median_opening = sorted(openings, key=lambda o: o["drawn"])[len(openings) // 2]
            out[slug] = {
                "charts": expected,
                "drawn_ms": drawn,
                "median_ms": statistics.median(drawn),
                "max_ms": max(drawn),
                # where the time of the median opening went
                "first_chart_request_ms": median_opening["first_chart_request"],
                "last_chart_answer_ms": median_opening["last_chart_answer"],
                "breakdown_opening_ms": median_opening["drawn"],
                "chart_answer_bytes": median_opening.get("chart_bytes"),
                "timed_out": sum(1 for o in openings if o.get("timed_out")),
            }
            print(f"dashboard {slug}: {out[slug]['median_ms']:.0f} ms", file=sys.stderr, flush=True)
    return out


class _Reader:
    """One reader's keep-alive connection to the server (as a browser keeps one): the load generator
    shares the machine's cores with Superset, so it does as little as it can per request, and reads
    each answer without parsing it."""

    def __init__(self, base: str, token: str):
        self.address = urllib.parse.urlsplit(base)
        self.headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        self.conn: http.client.HTTPConnection | None = None

    def chart_data(self, body: bytes) -> tuple[int, bytes]:
        for attempt in (1, 2):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.address.hostname, self.address.port, timeout=120)
            try:
                self.conn.request("POST", "/api/v1/chart/data", body=body, headers=self.headers)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                # the server closed an idle kept-alive connection just as it was reused: a browser
                # sends again on a new one; anything else is an error
                if not reused or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def _process_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            todo += children
    return found


def _machine_cpu_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values[:8]) - idle) / tick, sum(values[:8]) / tick


def cpu_snapshot() -> dict[str, float] | None:
    """CPU seconds used so far by this process (the load generator), by its children (the Superset it
    started: gunicorn and its workers) and by the whole machine; None where /proc cannot tell."""
    try:
        return _cpu_snapshot()
    except (OSError, ValueError, IndexError):
        return None


def _cpu_snapshot() -> dict[str, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    busy, total = _machine_cpu_seconds()
    return {
        "load_generator": usage.ru_utime + usage.ru_stime,
        "superset": sum(_process_cpu_seconds(child) for child in descendants(os.getpid())),
        "machine_busy": busy,
        "machine_total": total,
    }


def cpu_used(before: dict[str, float] | None, after: dict[str, float] | None) -> dict[str, float] | None:
    """Where the machine's CPU went between two snapshots, in CPU seconds."""
    if before is None or after is None:
        return None
    spent = {key: after[key] - before[key] for key in before}
    return {
        "superset_s": spent["superset"],
        "load_generator_s": spent["load_generator"],
        "other_work_s": max(0.0, spent["machine_busy"] - spent["superset"] - spent["load_generator"]),
        "idle_s": spent["machine_total"] - spent["machine_busy"],
        "available_s": spent["machine_total"],
    }


def concurrent_readers(
    server: SupersetServer,
    token: str,
    queries: list[ChartQuery],
    readers: int,
    seconds: float,
    during: Callable[[], None] | None = None,
) -> dict:
    """`readers` threads (a bounded pool, localhost only) each request the dashboards' chart queries in
    turn, without force, for `seconds`; `during` is called once halfway (e.g. a publication).
    Latency per request, requests per second, and every answer that is not a 200 with data."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    bodies = [json.dumps(q.body).encode() for q in queries]

    def reader(offset: int) -> None:
        i, connection = offset, _Reader(server.base, token)
        try:
            while time.monotonic() < stop:
                body = bodies[i % len(bodies)]
                i += 1
                start = time.perf_counter()
                try:
                    status, answer = connection.chart_data(body)
                    ok = status == 200 and b'"result"' in answer[:200]
                    problem = None if ok else f"{status}: {answer[:200].decode(errors='replace')}"
                except Exception as exc:  # a refused or dropped connection counts as an error too
                    problem = f"{type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if problem:
                        errors.append(problem)
        finally:
            connection.close()

    began, cpu_before = time.perf_counter(), cpu_snapshot()
    with ThreadPoolExecutor(max_workers=readers) as pool:
        futures = [pool.submit(reader, n) for n in range(readers)]
        if during is not None:
            time.sleep(seconds / 2)
            during()
        for future in futures:
            future.result()
    wall, cpu = time.perf_counter() - began, cpu_used(cpu_before, cpu_snapshot())
    from tools.benchmark.timings import percentile

    return {
        "readers": readers,
        "seconds": wall,
        "requests": len(latencies),
        "requests_per_s": len(latencies) / wall,
        "p50_ms": 1000 * percentile(latencies, 0.5),
        "p95_ms": 1000 * percentile(latencies, 0.95),
        "errors": len(errors),
        "error_examples": errors[:5],
        "cpu": cpu,
    }
