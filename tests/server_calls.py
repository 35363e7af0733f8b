"""What several tests of the real servers do alike: a database made on a test's own PostgreSQL, and a
dataset's row count asked through Superset's chart-data API (with whether the cache answered)."""

from tools.postgres_server import database_url
from tools.superset_server import api_call


def with_driver(url: str) -> str:
    """The SQLAlchemy URL for psycopg2, the driver both environments have."""
    return url.replace("postgresql://", "postgresql+psycopg2://", 1)


def create_database(server: str, name: str) -> str:
    """A new database on the PostgreSQL at `server`; its URL (postgresql://...)."""
    import psycopg2

    conn = psycopg2.connect(server)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return database_url(server, name)


def chart_count(server, token: str, dataset: int) -> tuple[int, bool]:
    """The dataset's row count as a chart asks it, and whether it came from the chart-data cache."""
    query = {
        "datasource": {"id": dataset, "type": "table"},
        "queries": [{"columns": [], "metrics": ["count"], "row_limit": 10}],
        "result_format": "json",
        "result_type": "full",
    }
    status, answer = api_call(server.base, "/api/v1/chart/data", query, token=token)
    assert status == 200, answer
    [result] = answer["result"]
    return result["data"][0]["count"], bool(result["is_cached"])  # None when computed now
