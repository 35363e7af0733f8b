"""A real Superset, provisioned from dashboards/bundle/ the way `make run` does it, reading the
session's serving copy, and a real browser (Debian chromium driven by Playwright) opening every
dashboard. Screenshots land in the session folder (path printed on failure)."""

import json
import os
import re
import secrets
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools.superset_server import api_call, browser_page, logged_in_page, provisioned_superset, wait_for_dashboard

pytestmark = pytest.mark.slow

DASHBOARDS = {
    "missies-overzicht": 3,
    "energietransitie": 3,
    "gezondheid": 3,
    "datakwaliteit": 4,
    "bronnen": 1,
}


def _call(base: str, path: str, body: dict | None = None, token: str | None = None) -> tuple[int, object]:
    return api_call(base, path, body, token)


@pytest.fixture(scope="module")
def superset(run, session_dir: Path):
    password = secrets.token_urlsafe(16)
    with provisioned_superset(
        session_dir / "superset", Path(os.environ["MISSIEMONITOR_SERVING"]), password, session_dir / "superset.log"
    ) as server:
        yield {"base": server.base, "password": password, "env": server.env, "server": server}


@pytest.fixture(scope="module")
def token(superset) -> str:
    return superset["server"].login()


def _counts(superset, token) -> dict[str, int]:
    return {
        kind: _call(superset["base"], f"/api/v1/{kind}/?q=(page_size:100)", token=token)[1]["count"]
        for kind in ("dashboard", "chart", "dataset", "database")
    }


def test_provisioning_twice_creates_nothing_twice(superset, token):
    before = _counts(superset, token)
    superset["server"].provision()
    assert _counts(superset, token) == before == {"dashboard": 5, "chart": 14, "dataset": 8, "database": 1}


def test_anonymous_visitors_see_nothing(superset):
    status, _ = _call(superset["base"], "/api/v1/dashboard/")
    assert status == 401
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(superset["base"] + "/api/v1/chart/1/data/"), timeout=30)
    assert refused.value.code == 401


def test_the_database_is_the_serving_copy_read_only_without_dml(superset, token):
    status, answer = _call(superset["base"], "/api/v1/database/?q=(page_size:10)", token=token)
    [database] = answer["result"]
    assert database["allow_dml"] is False
    status, detail = _call(superset["base"], f"/api/v1/database/{database['id']}/connection", token=token)
    assert status == 200, detail
    assert detail["result"]["sqlalchemy_uri"] == f"duckdb:///{os.environ['MISSIEMONITOR_SERVING']}"
    assert json.loads(detail["result"]["extra"])["engine_params"]["connect_args"]["read_only"] is True


def test_the_login_page_speaks_dutch_before_anyone_logs_in(superset):
    """Superset serves its Dutch pack only after login and mistranslates the login strings
    ("Sign in" as "Niet in"); dashboards/dutch_language_pack.py serves a corrected pack to all."""
    with browser_page() as page:
        page.goto(superset["base"] + "/login/", wait_until="networkidle", timeout=60_000)
        form = page.locator("form").first.inner_text()
        button = page.locator("button[type=submit]").first.inner_text()
    assert "Gebruikersnaam" in form and "Wachtwoord" in form, form
    assert button.strip() == "Inloggen"
    assert not any(wrong in form for wrong in ("Username", "Password", "Sign in", "Niet in")), form


def test_every_dashboard_renders_every_chart_with_data(superset, session_dir):
    shots = session_dir / "screenshots"
    shots.mkdir(exist_ok=True)
    problems = []
    with logged_in_page(superset["server"]) as page:
        for slug, expected in DASHBOARDS.items():
            wait_for_dashboard(page, superset["base"], slug, expected)
            holders = page.locator(".dashboard-component-chart-holder")
            if holders.count() != expected:
                problems.append(f"{slug}: {holders.count()} charts, expected {expected} (page {page.url})")
            for i in range(holders.count()):
                holder = holders.nth(i)
                text = holder.inner_text()
                failed = holder.locator(".alert-danger, [data-test='chart-error'], .ant-alert-error").count()
                empty = any(words in text for words in ("No results", "Geen resultaten", "No data", "Geen gegevens"))
                drawn = holder.locator("canvas, svg, table tbody tr, .header-line").count()
                cells = holder.locator("table tbody td").all_inner_texts()
                if {"true", "false"} & {c.strip() for c in cells}:
                    problems.append(f"{slug}, chart {i + 1}: a yes/no column shows true/false instead of ja/nee")
                if failed or empty or not drawn:
                    problems.append(f"{slug}, chart {i + 1}: error={failed} empty={empty} drawn={drawn}: {text[:200]!r}")
            # Superset's own Dutch says "1 Fout" (one error) here for a table of one row.
            placeholders = [box.get_attribute("placeholder") for box in page.locator(".dt-global-filter input").all()]
            problems += [
                f"{slug}: search box says {p!r}" for p in placeholders if not re.fullmatch(r"\d+ rij(en\.\.\.)?", p or "")
            ]
            # Last: a full-page screenshot resizes the viewport, and Superset lays the grid out anew.
            page.screenshot(path=str(shots / f"{slug}.png"), full_page=True)
        overview = shots / "missies-overzicht.png"
        page.goto(f"{superset['base']}/superset/dashboard/missies-overzicht/")
        page.locator("text=Broeikasgasuitstoot terugdringen").first.wait_for(timeout=60_000)
        row = page.locator("tr", has_text="Broeikasgasuitstoot terugdringen").first.inner_text()
    assert problems == [], f"screenshots in {shots}"
    assert overview.exists()
    # CBS's provisional 2023 figure and the 2030 target derived from 1990's 228.1 Mt
    assert "149.5" in row and "102.645" in row and "2030" in row


def test_every_chart_answers_from_its_saved_query_context(superset, token):
    """What alerts/reports, thumbnails and API users call: a chart's data without a dashboard."""
    _, charts = _call(superset["base"], "/api/v1/chart/?q=(page_size:100)", token=token)
    answers = {}
    for chart in charts["result"]:
        status, answer = _call(superset["base"], f"/api/v1/chart/{chart['id']}/data/", token=token)
        answers[chart["slice_name"]] = (status, answer["result"][0]["rowcount"] if status == 200 else answer[:300])
    assert len(answers) == 14
    assert {name: a for name, a in answers.items() if a[0] != 200 or not a[1]} == {}


def test_bundle_query_contexts_match_the_charts_settings():
    """A chart edited in the bundle without running tools/query_contexts.py would answer the
    API differently from the dashboard."""
    import yaml

    from tools.query_contexts import CHARTS, out_of_date

    stale = {path.name: out_of_date(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sorted(CHARTS.glob("*.yaml"))}
    assert len(stale) == 14
    assert {name: keys for name, keys in stale.items() if keys} == {}, (
        "draai `.venv/bin/python -m tools.query_contexts` na het wijzigen van een grafiek"
    )


def test_dashboard_queries_keep_answering_during_a_materialisation(superset, token, definitions, tmp_path, monkeypatch):
    import threading

    from conftest import materialise_all

    _, datasets = _call(superset["base"], "/api/v1/dataset/?q=(page_size:100)", token=token)
    queries = [
        {
            "datasource": {"id": d["id"], "type": "table"},
            "force": True,
            "result_format": "json",
            "result_type": "full",
            "queries": [{"columns": [], "metrics": ["count"], "row_limit": 10}],
        }
        for d in datasets["result"]
    ]
    errors, answered, stop = [], [], threading.Event()

    def dashboard_load():
        while not stop.is_set():
            for query in queries:
                status, answer = _call(superset["base"], "/api/v1/chart/data", query, token=token)
                (answered if status == 200 else errors).append(status if status == 200 else f"{status}: {str(answer)[:200]}")

    serving = Path(os.environ["MISSIEMONITOR_SERVING"])
    published_before = serving.stat().st_mtime_ns
    # a build warehouse of its own (the session's is held open by other tests); the serving copy is the one Superset reads
    monkeypatch.setenv("MISSIEMONITOR_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    reader = threading.Thread(target=dashboard_load)
    reader.start()
    try:
        result = materialise_all(definitions)
    finally:
        stop.set()
        reader.join()
    assert result.success
    assert serving.stat().st_mtime_ns != published_before  # a new copy was published while the queries ran
    assert errors == []
    assert len(answered) >= len(queries)


def _sql_lab(superset, token, sql: str) -> tuple[int, object]:
    """Run SQL in SQL Lab as the browser does: with a session cookie and its CSRF token."""
    import http.cookiejar

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with opener.open(urllib.request.Request(superset["base"] + "/api/v1/security/csrf_token/", headers=auth), timeout=30) as r:
        csrf = json.loads(r.read())["result"]
    _, answer = _call(superset["base"], "/api/v1/database/?q=(page_size:10)", token=token)
    body = {
        "database_id": answer["result"][0]["id"],
        "sql": sql,
        "runAsync": False,
        "schema": "marts",
        "tab": "test",
        "client_id": secrets.token_hex(5),
    }
    request = urllib.request.Request(
        superset["base"] + "/api/v1/sqllab/execute/",
        data=json.dumps(body).encode(),
        headers={**auth, "X-CSRFToken": csrf, "Referer": superset["base"]},
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def test_sql_lab_reads_but_cannot_write_the_serving_copy(superset, token):
    status, answer = _sql_lab(superset, token, "select count(*) as n from marts.fct_mission_status")
    assert status == 200, answer
    assert answer["data"] == [{"n": 26}]

    status, refused = _sql_lab(superset, token, "create table marts.ingebroken as select 1 as x")
    assert status != 200 and "CSRF" not in str(refused), refused
    import duckdb

    with duckdb.connect(os.environ["MISSIEMONITOR_SERVING"], read_only=True) as conn:
        assert conn.execute("select count(*) from duckdb_tables() where table_name = 'ingebroken'").fetchone() == (0,)


def test_a_new_publication_reaches_the_dashboards_at_the_next_query(superset, token, tmp_path):
    """Superset keeps one DuckDB instance per published copy (dashboards/serving_connections.py);
    a copy renamed over the serving file must be read by the very next query, not the cached one."""
    import shutil

    import duckdb

    serving = Path(os.environ["MISSIEMONITOR_SERVING"])
    query = "select count(*) as n from marts.fct_mission_status"
    assert _sql_lab(superset, token, query)[1]["data"] == [{"n": 26}]
    original = tmp_path / "origineel.duckdb"
    shutil.copyfile(serving, original)
    changed = tmp_path / "gewijzigd.duckdb"
    shutil.copyfile(serving, changed)
    with duckdb.connect(str(changed)) as conn:
        conn.execute(
            "delete from marts.fct_mission_status where mission_key = (select min(mission_key) from marts.fct_mission_status)"
        )
    try:
        os.replace(changed, serving)
        assert _sql_lab(superset, token, query)[1]["data"] == [{"n": 25}]
    finally:
        shutil.copyfile(original, changed)
        os.replace(changed, serving)
    assert _sql_lab(superset, token, query)[1]["data"] == [{"n": 26}]


def test_only_supersets_own_sqlite_metadata_runs_in_wal_mode(tmp_path, monkeypatch):
    import runpy
    import sqlite3

    from sqlalchemy import create_engine

    monkeypatch.setenv("MISSIEMONITOR_SUPERSET_HOME", str(tmp_path))
    monkeypatch.delenv("MISSIEMONITOR_SUPERSET_METADATA", raising=False)
    config = runpy.run_path(str(Path(__file__).resolve().parent.parent / "dashboards" / "superset_config.py"))
    engine = create_engine(config["SQLALCHEMY_DATABASE_URI"], **config["SQLALCHEMY_ENGINE_OPTIONS"])
    with engine.connect() as conn:
        assert conn.exec_driver_sql("pragma journal_mode").fetchone() == ("wal",)
        assert conn.exec_driver_sql("pragma synchronous").fetchone() == (1,)  # NORMAL
    engine.dispose()
    with sqlite3.connect(tmp_path / "geregistreerde_bron.db") as other:
        assert other.execute("pragma journal_mode").fetchone() == ("delete",)
