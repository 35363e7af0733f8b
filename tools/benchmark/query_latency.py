"""Dashboard queries through Superset's API against the same SQL run directly on DuckDB.

The queries are the ones the dashboards really send: a browser opens every dashboard and the
chart-data requests it makes are recorded. Each is then replayed through the REST API (with
force, so nothing is served from a cache) and, as the SQL Superset generated for it, on a new
connection to the serving copy made the way Superset makes one (dashboards/serving_connections.py).
"""

import sys
import time
from dataclasses import dataclass, field

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
                recorded.setdefault((current["slug"], body["form_data"]["slice_id"]), body)

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


def through_superset(server: SupersetServer, token: str, queries: list[ChartQuery]) -> list[float]:
    samples = []
    for query in queries:
        start = time.perf_counter()
        status, answer = api_call(server.base, "/api/v1/chart/data", {**query.body, "force": True}, token=token)
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
