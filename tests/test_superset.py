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

import duckdb
import pytest

from tools.superset_server import api_call, browser_page, logged_in_page, provisioned_superset, wait_for_dashboard

pytestmark = pytest.mark.slow

BUNDLE = Path(__file__).resolve().parent.parent / "dashboards" / "bundle"
# slug: charts on it
DASHBOARDS = {
    "missies-overzicht": 3,
    "energietransitie": 5,
    "landbouw-water-voedsel": 5,
    "gezondheid": 5,
    "veiligheid": 5,
    "missie": 5,
    "inzet": 2,
    "datakwaliteit": 4,
    "bronnen": 2,
    "zoals-gepubliceerd": 2,
    "regios": 3,
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
    in_bundle = {
        kind: len(list((BUNDLE / folder).rglob("*.yaml")))
        for kind, folder in (("dashboard", "dashboards"), ("chart", "charts"), ("dataset", "datasets"), ("database", "databases"))
    }
    assert _counts(superset, token) == before == in_bundle
    assert in_bundle["dashboard"] == len(DASHBOARDS)


def test_provisioning_brings_the_bundle_into_an_existing_superset(superset, session_dir):
    """Superset's dashboard import alone never updates a chart or dataset that exists already, and keeps
    charts the bundle no longer has; provisioning must do both, or an installation keeps old charts."""
    import sqlite3

    import yaml

    chart = yaml.safe_load((BUNDLE / "charts" / "missie_tekst.yaml").read_text(encoding="utf-8"))
    metadata = sqlite3.connect(session_dir / "superset" / "superset.db")
    with metadata:
        metadata.execute("update slices set params = ? where slice_name = ?", ['{"viz_type": "table"}', chart["slice_name"]])
        # a chart that is not in the bundle (any more): the overview's big number under another uuid
        metadata.execute(
            "update slices set uuid = randomblob(16), slice_name = 'Verouderd' where slice_name = ?",
            ["Missies met een meetbare indicator"],
        )
    superset["server"].provision()
    params = {name: json.loads(p) for name, p in metadata.execute("select slice_name, params from slices")}
    metadata.close()
    assert params[chart["slice_name"]]["all_columns"] == chart["params"]["all_columns"]
    assert "Verouderd" not in params and "Missies met een meetbare indicator" in params


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
    # CBS's provisional 2023 figure and the 2030 target derived from 1990's 228.1 Mt, with a decimal comma
    assert "149,5" in row and "102,645" in row and "2030" in row


def _choose(page, filter_position: int, value: str) -> None:
    """Pick `value` in the dashboard's native filter at `filter_position` and apply, as a reader does."""
    page.locator('[data-test="form-item-value"]').nth(filter_position).locator(".ant-select-selector").click()
    page.keyboard.type(value)
    page.locator(".ant-select-item-option", has_text=value).first.click()
    page.locator('[data-test="filter-bar__apply-button"]').click()
    page.wait_for_timeout(1000)
    page.wait_for_function(
        "() => document.querySelectorAll('.dashboard-component-chart-holder .loading').length === 0", timeout=60_000
    )


def _serving(sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(os.environ["MISSIEMONITOR_SERVING"], read_only=True) as serving:
        return serving.execute(sql, params or []).fetchall()


def _dutch(value: float) -> str:
    return f"{value:.6g}".replace(".", ",")


VERSION_2019, VERSION_2023 = "2019 — Kamerstuk 33 009, nr. 70", "2023 — herijkte missies"  # filter Missieversie


def test_the_mission_filter_changes_the_mission_page(superset):
    missions = [
        m for (m,) in _serving("select missie from reporting.rpt_missies where missieversie = ? order by missie", [VERSION_2019])
    ]
    [(other, indicators)] = _serving(
        "select missie, list(distinct indicator order by indicator) from reporting.rpt_indicator_reeksen "
        "where missie <> ? and missieversie = ? group by missie order by missie limit 1",
        [missions[0], VERSION_2019],
    )
    with logged_in_page(superset["server"]) as page:
        wait_for_dashboard(page, superset["base"], "missie", DASHBOARDS["missie"])
        header = page.locator(".dashboard-component-chart-holder").first
        assert missions[0] in header.inner_text()  # the first mission of 2019 is shown by default
        _choose(page, 1, other)
        text = header.inner_text()
        indicator_shown = page.locator('[data-test="form-item-value"]').nth(2).inner_text()
        cells = page.locator(".dashboard-component-chart-holder").nth(3).locator("table tbody td").all_inner_texts()
    assert other in text and missions[0] not in text
    # the Indicator filter follows its parent: it now offers (and shows) an indicator of the new mission
    assert indicator_shown.strip().rstrip(".") and indicators[0].startswith(indicator_shown.strip().rstrip("."))
    assert indicators[0] in cells  # the progress table lists the new mission's indicators


def test_the_mission_and_theme_pages_show_the_2023_missions_when_switched(superset):
    """One switch per page: the mission page then offers the revised missions, each measured by the
    indicators of the 2019 missions the crosswalk maps into it; a theme page groups its indicators
    under them. The version shown is named on the page."""
    [(mission, indicators)] = _serving(
        "select missie, list(distinct indicator order by indicator) from reporting.rpt_indicator_reeksen "
        "where missieversie = ? and missie like 'Missie 1:%' group by missie",
        [VERSION_2023],
    )
    [(mission_2019,)] = _serving(
        "select distinct missie from reporting.rpt_voortgang where missieversie = ? and indicator = ?",
        [VERSION_2019, indicators[0]],
    )
    with logged_in_page(superset["server"]) as page:
        wait_for_dashboard(page, superset["base"], "missie", DASHBOARDS["missie"])
        _choose(page, 0, VERSION_2023)
        _choose(page, 1, mission)
        header = page.locator(".dashboard-component-chart-holder").first.inner_text()
        progress = page.locator(".dashboard-component-chart-holder").nth(3).locator("table tbody td").all_inner_texts()

        wait_for_dashboard(page, superset["base"], "veiligheid", DASHBOARDS["veiligheid"])
        table = page.locator(".dashboard-component-chart-holder").first
        missions_2019 = table.inner_text()
        _choose(page, 0, VERSION_2023)
        missions_2023 = table.inner_text()
    assert VERSION_2023 in header and mission in header and VERSION_2019 not in header
    assert indicators[0] in progress  # measured by the indicators of the 2019 mission the crosswalk maps into it
    assert VERSION_2019 in missions_2019 and mission not in missions_2019 and mission_2019 in missions_2019
    assert VERSION_2023 in missions_2023 and mission in missions_2023 and mission_2019 not in missions_2023


def test_the_overview_switches_between_the_2019_and_2023_missions_and_names_the_version(superset):
    versions = [v for (v,) in _serving("select distinct missieversie from reporting.rpt_missie_overzicht order by 1")]
    assert len(versions) == 2 and versions[0].startswith("2019") and versions[1].startswith("2023")
    counted = dict(_serving("select missieversie, sum(heeft_indicator) from reporting.rpt_missie_overzicht group by 1"))
    with logged_in_page(superset["server"]) as page:
        wait_for_dashboard(page, superset["base"], "missies-overzicht", DASHBOARDS["missies-overzicht"])
        charts = page.locator(".dashboard-component-chart-holder")

        def shown() -> tuple[str, str]:
            texts = [charts.nth(i).inner_text() for i in range(charts.count())]
            return next(t for t in texts if "meetbare indicator" in t), next(t for t in texts if "Alle missies" in t)

        number_2019, table_2019 = shown()
        _choose(page, 0, versions[1])
        number_2023, table_2023 = shown()
    # the page says which version it counts, and counts that version's missions
    assert versions[0] in table_2019 and versions[1] not in table_2019
    assert versions[1] in table_2023 and versions[0] not in table_2023
    assert str(counted[versions[0]]) in number_2019 and str(counted[versions[1]]) in number_2023


def test_the_map_colours_the_provinces_by_their_value(superset):
    """Superset's map of the Netherlands on the Regio's page: every province with a figure is coloured,
    the one without stays blank, and the colour follows the value (not one colour per province)."""
    [(indicator,)] = _serving("select min(indicator) from reporting.rpt_regionaal")
    [(period,)] = _serving("select max(periode) from reporting.rpt_regionaal where indicator = ?", [indicator])
    values = dict(
        _serving("select iso, waarde from reporting.rpt_regionaal where indicator = ? and periode = ?", [indicator, period])
    )
    with logged_in_page(superset["server"]) as page:
        wait_for_dashboard(page, superset["base"], "regios", DASHBOARDS["regios"])
        fills = dict(
            page.locator(".dashboard-component-chart-holder")
            .first.locator("svg path")
            .evaluate_all(
                "els => els.filter(e => e.__data__ && e.__data__.properties)"
                ".map(e => [e.__data__.properties.ISO, getComputedStyle(e).fill])"
            )
        )
    assert len(fills) == 12  # the twelve provinces
    assert {iso for iso, fill in fills.items() if fill.startswith("rgb")} == set(values)
    rgb = {iso: tuple(int(x) for x in fill[4:-1].split(",")) for iso, fill in fills.items() if iso in values}
    low, high = min(values, key=values.get), max(values, key=values.get)
    distance = {iso: sum((a - b) ** 2 for a, b in zip(colour, rgb[low])) for iso, colour in rgb.items()}
    assert max(distance, key=distance.get) == high, (values, fills)


def test_the_theme_page_draws_the_official_outlook_beside_the_series(superset):
    """PBL's outlook (KEV) is drawn with the greenhouse-gas series: pick that indicator on the
    Energietransitie page and read the series the chart received (ECharts draws its legend on a canvas)."""
    [(indicator,)] = _serving(
        "select distinct indicator from reporting.rpt_indicator_reeksen where soort = 'raming' and thema = ? order by 1 limit 1",
        ["Energietransitie en Duurzaamheid"],
    )
    with logged_in_page(superset["server"]) as page:
        wait_for_dashboard(page, superset["base"], "energietransitie", DASHBOARDS["energietransitie"])
        answers = []
        page.on(
            "response",
            lambda r: answers.append(r) if r.request.method == "POST" and "/api/v1/chart/data" in r.url else None,
        )
        _choose(page, 1, indicator)  # after the page's Missieversie filter
        series = set()
        for answer in answers:
            for result in answer.json()["result"]:
                series |= set(result.get("colnames", []))
    outlooks = {s for s in series if "raming" in s}
    assert outlooks, series
    assert any("Waarneming" in s for s in series)


def test_the_as_published_page_shows_the_values_known_on_an_earlier_date(superset):
    # a published number that was revised later: the latest date on which the old value was the one known
    [(earlier, indicator, breakdown, year, old, new)] = _serving(
        "with latest as (select * from reporting.rpt_zoals_gepubliceerd "
        "  where peildatum = (select max(peildatum) from reporting.rpt_zoals_gepubliceerd)) "
        "select z.peildatum, z.indicator, z.uitsplitsing, z.jaar, z.waarde, l.waarde from reporting.rpt_zoals_gepubliceerd as z "
        "inner join latest as l using (indicator, uitsplitsing, jaar) where z.waarde <> l.waarde "
        "order by z.peildatum desc, z.indicator limit 1"
    )
    with logged_in_page(superset["server"]) as page:
        wait_for_dashboard(page, superset["base"], "zoals-gepubliceerd", DASHBOARDS["zoals-gepubliceerd"])
        table = page.locator(".dashboard-component-chart-holder").first

        def row() -> str:
            table.locator(".dt-global-filter input").fill(indicator)  # the table's search box
            # searched: every row shown is of the indicator, and the few pages left (25 rows each) fit the
            # pager without its ellipsis
            page.wait_for_timeout(500)  # the search box applies what is typed after a short pause
            page.wait_for_function(
                "([text]) => { const t = document.querySelectorAll('.dashboard-component-chart-holder')[0];"
                " const rows = [...t.querySelectorAll('tbody tr')];"
                " return rows.length > 0 && rows.every(r => r.innerText.includes(text))"
                " && t.querySelectorAll('.dt-pagination-ellipsis').length === 0; }",
                arg=[indicator],
                timeout=30_000,
            )
            shown = []
            pages = table.locator(".dt-pagination a[role=button]")
            for number in range(max(1, pages.count())):
                if pages.count():
                    pages.nth(number).click()
                shown += table.locator("tbody tr").all_inner_texts()
            assert all(indicator in r for r in shown), "the search had not been applied to every page"
            matches = [r for r in shown if f"\t{breakdown}\t{year}\t" in r]
            assert len(matches) == 1, matches
            [match] = matches
            return match

        now = row()
        _choose(page, 0, earlier)
        then = row()
    assert _dutch(new) in now and _dutch(old) not in now
    assert _dutch(old) in then and earlier in then


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


def test_the_superset_internals_we_rely_on_are_still_there(tmp_path):
    """Each place where Missiemonitor reaches past Superset's configuration, pinned so that an upgrade
    that moves it fails here instead of silently losing the fix: the DuckDB default-schema shortcut
    (superset_config.py), the language-pack URL and message ids the corrected Dutch pack answers
    (dutch_language_pack.py), and the import commands provisioning calls per kind (provision.py)."""
    import subprocess

    from dashboards.dutch_language_pack import CORRECTIONS, PATH
    from tools.superset_server import SUPERSET_BIN

    script = f"""
import inspect, json
from pathlib import Path
import superset
from superset.app import create_app
create_app().app_context().push()
from superset.db_engine_specs.duckdb import DuckDBEngineSpec
from superset.views.core import Superset
from superset.commands.chart.importers.v1 import ImportChartsCommand
from superset.commands.dataset.importers.v1 import ImportDatasetsCommand
from superset.commands.database.importers.v1 import ImportDatabasesCommand
assert list(inspect.signature(DuckDBEngineSpec.get_default_schema).parameters) == ["database", "catalog"]
urls = [url for url, _ in Superset.language_pack._urls]
# Flask-AppBuilder mounts the view Superset under /superset unless it sets a route_base of its own
assert (Superset.route_base or "/superset") + urls[0] == {PATH.replace("/nl/", "/<lang>/")!r}, (Superset.route_base, urls)
pack = json.loads((Path(superset.__file__).parent / "translations/nl/LC_MESSAGES/messages.json").read_text())
missing = [m for m in {sorted(CORRECTIONS)!r} if m not in pack["locale_data"]["superset"]]
assert missing == [], missing
for command in (ImportChartsCommand, ImportDatasetsCommand, ImportDatabasesCommand):
    assert "overwrite" in inspect.signature(command.__init__).parameters or "kwargs" in str(inspect.signature(command.__init__))
print("ok")
"""
    env = {
        **os.environ,
        "SUPERSET_CONFIG_PATH": str(BUNDLE.parent / "superset_config.py"),
        "MISSIEMONITOR_SUPERSET_HOME": str(tmp_path),
    }
    done = subprocess.run([str(SUPERSET_BIN / "python"), "-c", script], capture_output=True, text=True, timeout=300, env=env)
    assert done.stdout.strip().endswith("ok"), done.stderr[-2000:]
