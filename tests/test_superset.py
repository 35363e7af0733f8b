"""A real Superset, provisioned from dashboards/bundle/ the way `make run` does it, reading the
session's serving copy, and a real browser (Debian chromium driven by Playwright) opening every
dashboard. Screenshots land in the session folder (path printed on failure)."""

import json
import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO_ROOT

pytestmark = pytest.mark.slow

SUPERSET_BIN = REPO_ROOT / ".venv-superset" / "bin"
DASHBOARDS = {
    "missies-overzicht": 3, "energietransitie": 3, "gezondheid": 3, "datakwaliteit": 4, "bronnen": 1,
}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(base: str, path: str, body: dict | None = None, token: str | None = None) -> tuple[int, object]:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


@pytest.fixture(scope="module")
def superset(run, session_dir: Path):
    home = session_dir / "superset"
    password = secrets.token_urlsafe(16)
    env = {**os.environ, "SUPERSET_CONFIG_PATH": str(REPO_ROOT / "dashboards" / "superset_config.py"),
           "FLASK_APP": "superset", "MISSIEMONITOR_SUPERSET_HOME": str(home),
           "MISSIEMONITOR_SUPERSET_PASSWORD": password}
    log = open(session_dir / "superset.log", "w")
    for command in (["superset", "db", "upgrade"], ["superset", "init"], ["python", str(REPO_ROOT / "dashboards" / "provision.py")]):
        subprocess.run([str(SUPERSET_BIN / command[0]), *command[1:]], env=env, cwd=REPO_ROOT, check=True,
                       stdout=log, stderr=log, timeout=600)
    port = _free_port()
    server = subprocess.Popen([str(SUPERSET_BIN / "superset"), "run", "-h", "127.0.0.1", "-p", str(port), "--with-threads"],
                              env=env, cwd=REPO_ROOT, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/health", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Superset did not start; see {session_dir / 'superset.log'}")
                time.sleep(1)
        yield {"base": base, "password": password, "env": env, "log": log}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def token(superset) -> str:
    status, answer = _call(superset["base"], "/api/v1/security/login",
                           {"username": "admin", "password": superset["password"], "provider": "db", "refresh": False})
    assert status == 200, answer
    return answer["access_token"]


def _counts(superset, token) -> dict[str, int]:
    return {kind: _call(superset["base"], f"/api/v1/{kind}/?q=(page_size:100)", token=token)[1]["count"]
            for kind in ("dashboard", "chart", "dataset", "database")}


def test_provisioning_twice_creates_nothing_twice(superset, token):
    before = _counts(superset, token)
    subprocess.run([str(SUPERSET_BIN / "python"), str(REPO_ROOT / "dashboards" / "provision.py")], env=superset["env"],
                   cwd=REPO_ROOT, check=True, stdout=superset["log"], stderr=superset["log"], timeout=600)
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


def test_every_dashboard_renders_every_chart_with_data(superset, session_dir):
    from playwright.sync_api import sync_playwright

    shots = session_dir / "screenshots"
    shots.mkdir(exist_ok=True)
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1400})
        page.goto(superset["base"] + "/login/")
        page.get_by_label("Username").fill("admin")
        page.locator("input[type=password]").fill(superset["password"])
        page.locator("button[type=submit]").first.click()
        page.wait_for_url("**/superset/welcome/**", timeout=60_000)
        for slug, expected in DASHBOARDS.items():
            page.goto(f"{superset['base']}/superset/dashboard/{slug}/")
            holders = page.locator(".dashboard-component-chart-holder")
            holders.first.wait_for(timeout=60_000)
            # every chart finished: no loading indicator left, then a short settle for the canvas
            page.wait_for_function("document.querySelectorAll('.dashboard-component-chart-holder').length > 0 && "
                                   "document.querySelectorAll('.dashboard-component-chart-holder .loading, "
                                   "[data-test=\"loading-indicator\"]').length === 0", timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(shots / f"{slug}.png"), full_page=True)
            if holders.count() != expected:
                problems.append(f"{slug}: {holders.count()} charts, expected {expected}")
            for i in range(holders.count()):
                holder = holders.nth(i)
                text = holder.inner_text()
                failed = holder.locator(".alert-danger, [data-test='chart-error'], .ant-alert-error").count()
                empty = any(words in text for words in ("No results", "Geen resultaten", "No data", "Geen gegevens"))
                drawn = holder.locator("canvas, svg, table tbody tr, .header-line").count()
                if failed or empty or not drawn:
                    problems.append(f"{slug}, chart {i + 1}: error={failed} empty={empty} drawn={drawn}: {text[:200]!r}")
        overview = (shots / "missies-overzicht.png")
        page.goto(f"{superset['base']}/superset/dashboard/missies-overzicht/")
        page.locator("text=Broeikasgasuitstoot terugdringen").first.wait_for(timeout=60_000)
        row = page.locator("tr", has_text="Broeikasgasuitstoot terugdringen").first.inner_text()
        browser.close()
    assert problems == [], f"screenshots in {shots}"
    assert overview.exists()
    # CBS's provisional 2023 figure and the 2030 target derived from 1990's 228.1 Mt
    assert "149.5" in row and "102.645" in row and "2030" in row


def test_dashboard_queries_keep_answering_during_a_materialisation(superset, token, definitions, tmp_path, monkeypatch):
    import threading

    from conftest import materialise_all

    _, datasets = _call(superset["base"], "/api/v1/dataset/?q=(page_size:100)", token=token)
    queries = [{"datasource": {"id": d["id"], "type": "table"}, "force": True, "result_format": "json", "result_type": "full",
                "queries": [{"columns": [], "metrics": ["count"], "row_limit": 10}]} for d in datasets["result"]]
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
    body = {"database_id": answer["result"][0]["id"], "sql": sql, "runAsync": False, "schema": "marts",
            "tab": "test", "client_id": secrets.token_hex(5)}
    request = urllib.request.Request(superset["base"] + "/api/v1/sqllab/execute/", data=json.dumps(body).encode(),
                                     headers={**auth, "X-CSRFToken": csrf, "Referer": superset["base"]})
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
