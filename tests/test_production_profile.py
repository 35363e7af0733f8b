"""The production profile (issue 20, docs/productie.md): Superset under gunicorn with security headers,
the chart-data cache that a new publication invalidates, and the roles for readers and editors.

A Superset of its own, provisioned with MISSIEMONITOR_PROFIEL=productie, on the session's serving copy."""

import http.cookiejar
import json
import os
import secrets
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tools.superset_server import SUPERSET_BIN, api_call, logged_in_page, provisioned_superset, wait_for_dashboard

from server_calls import chart_count

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parent.parent
DASHBOARDS = len(list((REPO_ROOT / "dashboards" / "bundle" / "dashboards").glob("*.yaml")))


@pytest.fixture(scope="module")
def production(run, session_dir: Path):
    password = secrets.token_urlsafe(16)
    with provisioned_superset(
        session_dir / "superset-productie",
        Path(os.environ["MISSIEMONITOR_SERVING"]),
        password,
        session_dir / "superset-productie.log",
        extra_env={"MISSIEMONITOR_PROFIEL": "productie"},
    ) as server:
        users = {}
        for username, role in (("lezer", "Missiemonitor Lezer"), ("redacteur", "Missiemonitor Redacteur")):
            users[username] = secrets.token_urlsafe(12)
            subprocess.run(
                [str(SUPERSET_BIN / "superset"), "fab", "create-user", "--role", role, "--username", username,
                 "--firstname", username, "--lastname", "test", "--email", f"{username}@localhost",
                 "--password", users[username]],
                env=server.env, cwd=REPO_ROOT, check=True, capture_output=True, timeout=300,
            )  # fmt: skip
        yield server, users


def _token(server, username: str, password: str) -> str:
    status, answer = api_call(
        server.base, "/api/v1/security/login", {"username": username, "password": password, "provider": "db", "refresh": False}
    )
    assert status == 200, answer
    return answer["access_token"]


def _as_browser(server, token: str, method: str, path: str, body: dict | None = None) -> tuple[int, object]:
    """A write as the browser makes it: with a session cookie and its CSRF token."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with opener.open(urllib.request.Request(server.base + "/api/v1/security/csrf_token/", headers=auth), timeout=30) as r:
        csrf = json.loads(r.read())["result"]
    request = urllib.request.Request(
        server.base + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={**auth, "X-CSRFToken": csrf, "Referer": server.base},
        method=method,
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def test_production_pages_carry_security_headers(production):
    server, _ = production
    with urllib.request.urlopen(server.base + "/login/", timeout=30) as response:
        headers = response.headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]
    # the session cookie is not readable by scripts
    assert "HttpOnly" in (headers.get("Set-Cookie") or "HttpOnly")


def test_a_dashboard_is_drawn_under_the_content_security_policy(production):
    """Talisman's policy must not block Superset's own scripts: the overview draws all its charts."""
    server, _ = production
    overview = REPO_ROOT / "dashboards" / "bundle" / "dashboards" / "missies-overzicht.yaml"
    charts = overview.read_text().count("chartId:")
    with logged_in_page(server) as page:
        wait_for_dashboard(page, server.base, "missies-overzicht", charts)
        assert page.locator(".dashboard-component-chart-holder").count() == charts


def test_the_reader_sees_every_dashboard_and_can_change_nothing(production):
    server, users = production
    token = _token(server, "lezer", users["lezer"])
    status, answer = api_call(server.base, "/api/v1/dashboard/?q=(page_size:100)", token=token)
    assert status == 200 and answer["count"] == DASHBOARDS
    status, datasets = api_call(server.base, "/api/v1/dataset/?q=(page_size:100)", token=token)
    assert status == 200 and datasets["count"] > 0
    dataset = datasets["result"][0]["id"]
    assert chart_count(server, token, dataset)[0] > 0  # reading the figures works
    chart = {"slice_name": "Test", "viz_type": "table", "datasource_id": dataset, "datasource_type": "table", "params": "{}"}
    assert _as_browser(server, token, "POST", "/api/v1/chart/", chart)[0] == 403
    [first] = api_call(server.base, "/api/v1/dashboard/?q=(page_size:1)", token=token)[1]["result"]
    assert _as_browser(server, token, "PUT", f"/api/v1/dashboard/{first['id']}", {"dashboard_title": "Anders"})[0] == 403
    status, databases = api_call(server.base, "/api/v1/database/?q=(page_size:10)", token=token)
    database = databases["result"][0]["id"] if status == 200 and databases["result"] else 1
    assert _as_browser(server, token, "PUT", f"/api/v1/database/{database}", {"database_name": "anders"})[0] in (403, 404)
    assert _as_browser(server, token, "POST", "/api/v1/sqllab/execute/", {"database_id": database, "sql": "select 1"})[0] == 403


def test_the_editor_makes_charts_but_cannot_touch_the_database_connection(production):
    server, users = production
    token = _token(server, "redacteur", users["redacteur"])
    dataset = api_call(server.base, "/api/v1/dataset/?q=(page_size:1)", token=token)[1]["result"][0]["id"]
    chart = {
        "slice_name": "Eigen grafiek",
        "viz_type": "table",
        "datasource_id": dataset,
        "datasource_type": "table",
        "params": "{}",
    }
    status, created = _as_browser(server, token, "POST", "/api/v1/chart/", chart)
    assert status == 201, created
    admin = server.login()
    [database] = api_call(server.base, "/api/v1/database/?q=(page_size:10)", token=admin)[1]["result"]
    status, _ = _as_browser(server, token, "PUT", f"/api/v1/database/{database['id']}", {"database_name": "anders"})
    assert status in (403, 404)
    assert (
        api_call(server.base, f"/api/v1/database/{database['id']}", token=admin)[1]["result"]["database_name"]
        == database["database_name"]
    )
    _as_browser(server, admin, "DELETE", f"/api/v1/chart/{created['id']}")


def test_chart_results_come_from_the_cache_until_a_new_copy_is_published(production, tmp_path):
    """The data cache answers a repeated chart query; a serving copy renamed over the old one (what every
    publication does) is answered from the new copy at the very next query, never from the cache."""
    server, _ = production
    token = server.login()
    datasets = api_call(server.base, "/api/v1/dataset/?q=(page_size:100)", token=token)[1]["result"]
    [dataset] = [d["id"] for d in datasets if d["table_name"] == "rpt_missie_overzicht"]
    serving = Path(os.environ["MISSIEMONITOR_SERVING"])
    with duckdb.connect(str(serving), read_only=True) as conn:
        [(rows,)] = conn.execute("select count(*) from reporting.rpt_missie_overzicht").fetchall()

    first = chart_count(server, token, dataset)
    assert first[0] == rows
    assert chart_count(server, token, dataset) == (rows, True)  # the second answer is the cached one

    original, changed = tmp_path / "origineel.duckdb", tmp_path / "gewijzigd.duckdb"
    shutil.copyfile(serving, original)
    shutil.copyfile(serving, changed)
    with duckdb.connect(str(changed)) as conn:
        first_mission = "missiecode = (select min(missiecode) from reporting.rpt_missie_overzicht)"
        [(removed,)] = conn.execute(f"select count(*) from reporting.rpt_missie_overzicht where {first_mission}").fetchall()
        conn.execute(f"delete from reporting.rpt_missie_overzicht where {first_mission}")
    try:
        os.replace(changed, serving)
        after = chart_count(server, token, dataset)
        assert after == (rows - removed, False), (after, rows, removed)
        assert chart_count(server, token, dataset) == (rows - removed, True)
    finally:
        shutil.copyfile(original, changed)
        os.replace(changed, serving)
    assert chart_count(server, token, dataset)[0] == rows


def _config(tmp_path, monkeypatch, **env) -> dict:
    import runpy

    monkeypatch.setenv("MISSIEMONITOR_SUPERSET_HOME", str(tmp_path / "home"))
    for name in (
        "MISSIEMONITOR_SUPERSET_SECRET_KEY",
        "MISSIEMONITOR_SUPERSET_SECRET_KEY_FILE",
        "MISSIEMONITOR_PROFIEL",
        "MISSIEMONITOR_HTTPS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO_ROOT / "dashboards" / "superset_config.py"))


def test_secrets_come_from_the_environment_or_a_file_outside_git(tmp_path, monkeypatch):
    generated = _config(tmp_path, monkeypatch)
    key_file = tmp_path / "home" / "secret_key"
    assert generated["SECRET_KEY"] == key_file.read_text().strip() and key_file.stat().st_mode & 0o777 == 0o600
    assert not generated["TALISMAN_ENABLED"] and not generated["SESSION_COOKIE_SECURE"]  # the embedded default

    mounted = tmp_path / "geheim"
    mounted.write_text("uit-een-bestand\n")
    assert _config(tmp_path, monkeypatch, MISSIEMONITOR_SUPERSET_SECRET_KEY_FILE=str(mounted))["SECRET_KEY"] == "uit-een-bestand"
    assert _config(tmp_path, monkeypatch, MISSIEMONITOR_SUPERSET_SECRET_KEY="uit-de-omgeving")["SECRET_KEY"] == "uit-de-omgeving"

    production = _config(tmp_path, monkeypatch, MISSIEMONITOR_PROFIEL="productie", MISSIEMONITOR_HTTPS="1")
    assert production["TALISMAN_ENABLED"] and production["SESSION_COOKIE_SECURE"]
    with pytest.raises(SystemExit, match="productie"):
        _config(tmp_path, monkeypatch, MISSIEMONITOR_PROFIEL="prod")
