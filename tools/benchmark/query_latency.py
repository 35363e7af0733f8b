"""Dashboard queries through Superset's API against the same SQL run directly on DuckDB.

The queries are the ones the dashboards really send: a browser opens every dashboard and the
chart-data requests it makes are recorded. Each is then replayed through the REST API (with
force, so nothing is served from a cache) and, as the SQL Superset generated for it, on a new
connection to the serving copy made the way Superset makes one (dashboards/serving_connections.py).
"""

import time
from dataclasses import dataclass, field

from dashboards.serving_connections import SharedServingCopy
from tools.query_contexts import chart_requests
from tools.superset_server import SupersetServer, api_call


@dataclass
class ChartQuery:
    dashboard: str
    body: dict
    sql: list[str] = field(default_factory=list)


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
