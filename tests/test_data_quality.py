"""Great Expectations on the real pipeline: results in the warehouse, Data Docs, suites in
expectations/ in step with the reference, a blocking check that keeps the last good marts, warnings
that do not block, and freshness per indicator."""

import json
import logging
import subprocess
from datetime import date

import dagster as dg
import duckdb
import pytest
import yaml

from dagster_project.defs.quality import checks as quality_checks
from dagster_project.defs.quality.suites import LOAD_KINDS, build_suite, suite_name
from dagster_project.reference import load_reference
from dagster_project.settings import INDICATOR_FILE, SNAPSHOT_DIR, gx_project_dir

from conftest import REPO_ROOT, materialise_all
from reference_rules import indicator_entries, indicators_without_a_release_rhythm

pytestmark = pytest.mark.slow


def test_every_load_and_every_stored_vintage_left_its_results_in_the_warehouse(warehouse):
    # every snapshot file, whichever there are, loaded and re-checked, and every one passes
    snapshot_files = {path.name for path in SNAPSHOT_DIR.glob("*.csv")}
    checked = {
        run: set(names)
        for run, names in warehouse.execute(
            "select check_run, list(distinct file_name) from marts.fct_data_quality group by check_run"
        ).fetchall()
    }
    assert snapshot_files and checked == {"laden": snapshot_files, "controle": snapshot_files}
    failed = warehouse.execute("select count(*) from marts.fct_data_quality where result_nl = 'mislukt'").fetchone()
    assert failed == (0,)


def test_data_docs_are_generated(run):
    index = gx_project_dir() / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert index.exists() and "waarnemingen_snapshot" in index.read_text(encoding="utf-8")


def test_the_run_builds_the_suites_from_the_reference(run):
    """Suites are generated on every run (not committed), so adding an indicator needs no extra step."""
    reference = load_reference(INDICATOR_FILE, today=date.today())
    for kind in LOAD_KINDS:
        written = json.loads((gx_project_dir() / "gx" / "expectations" / f"{suite_name(kind)}.json").read_text())
        built = build_suite(kind, reference).to_json_dict()
        assert [e["type"] for e in written["expectations"]] == [e["type"] for e in built["expectations"]]
        assert [e["meta"]["regel"] for e in written["expectations"]] == [e["meta"]["regel"] for e in built["expectations"]]
    tracked = subprocess.run(["git", "ls-files", "expectations/gx/expectations"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert tracked.stdout == ""  # generated, so never out of date in git


def test_ghg_is_flagged_overdue_by_its_release_rhythm(warehouse):
    # A year's first figure is due `maanden_na_periode` after it ends (CBS: about nine months), so the
    # latest year that should be there today is the year of (today - that many months), minus one.
    [lag] = [
        entry["actualiteit"]["maanden_na_periode"] for entry in indicator_entries(INDICATOR_FILE) if entry["code"] == "BKG_TOTAAL"
    ]
    today = date.today()
    expected = (today.year * 12 + today.month - 1 - lag) // 12 - 1
    [(latest,)] = warehouse.execute(
        "select max(period_year) from marts.fct_observations where indicator_key = 'BKG_TOTAAL' and is_latest"
    ).fetchall()
    assert latest >= 2023  # the snapshot's series runs to 2023
    row = warehouse.execute(
        "select latest_period_year, expected_latest_period_year, is_overdue, freshness_status "
        "from marts.fct_indicator_freshness where indicator_key = 'BKG_TOTAAL'"
    ).fetchone()
    assert row == (latest, expected, latest < expected, "achterstallig" if latest < expected else "actueel")
    # an indicator whose entry in indicatoren.yml gives no release rhythm cannot be judged overdue
    without_rhythm = indicators_without_a_release_rhythm(INDICATOR_FILE)
    statuses = dict(
        warehouse.execute(
            "select indicator_key, freshness_status from marts.fct_indicator_freshness where latest_period_year is not null"
        ).fetchall()
    )
    assert {code: status for code, status in statuses.items() if code in without_rhythm} == {
        code: "ritme onbekend" for code in without_rhythm & set(statuses)
    }


def test_the_overdue_warning_is_a_warning_not_a_failure(run):
    [evaluation] = [e for e in run.get_asset_check_evaluations() if e.check_name == "assert_no_indicator_is_overdue"]
    assert evaluation.severity == dg.AssetCheckSeverity.WARN


@pytest.fixture
def own_warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv("MISSIEMONITOR_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    monkeypatch.setenv("MISSIEMONITOR_SERVING", str(tmp_path / "serving.duckdb"))
    monkeypatch.setenv("MISSIEMONITOR_DELIVERY_ROOT", str(tmp_path / "data"))
    return tmp_path


DATA_QUALITY_MARTS = {name.split(".")[1] for name in quality_checks.DATA_QUALITY_MARTS if name.startswith("marts.")}


def _dashboard_rows(path) -> int:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute("select count(*) from reporting.rpt_datakwaliteit_per_dag").fetchone()[0]


def _serving_marts(path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as conn:
        tables = [t for (t,) in conn.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()]
        return {t: conn.execute(f"select * from marts.{t} order by all").fetchall() for t in tables}


def test_a_failing_blocking_check_keeps_the_last_good_marts_and_says_where_and_what_to_do(
    own_warehouse, definitions, monkeypatch
):
    assert materialise_all(definitions).success
    with duckdb.connect(str(own_warehouse / "warehouse.duckdb"), read_only=True) as conn:
        before = conn.execute("select * from marts.fct_progress order by all").fetchall()
        vintage, file_name, row = conn.execute(
            "select o.vintage_id, v.file_name, o.row_number from raw_observations.observations o "
            "join raw_observations.vintages v using (vintage_id) "
            "where v.file_name = 'cbs_nederland_in_cijfers_2024__broeikasgassen.csv' and o.period_label = '1990'"
        ).fetchone()
    served_before = _serving_marts(own_warehouse / "serving.duckdb")
    # The reference changes under stored data: emissions above 100 Mt are now "impossible".
    narrowed = yaml.safe_load(INDICATOR_FILE.read_text(encoding="utf-8"))
    narrowed["indicatoren"][0]["grenzen"]["max"] = 100
    changed = own_warehouse / "indicatoren.yml"
    changed.write_text(yaml.safe_dump(narrowed, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(quality_checks, "INDICATOR_FILE", changed)

    instance = dg.DagsterInstance.ephemeral()
    result = definitions.resolve_implicit_global_asset_job_def().execute_in_process(instance=instance, raise_on_error=False)

    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    failed = checks["gx_validatie"]
    assert failed.passed is False
    # In the Dagster UI: a table naming file, vintage, row, column and rule, and what to do.
    table = failed.metadata["details"].value
    assert "| bestand | versie | rij | kolom | regel | melding |" in table
    assert (
        f"| {file_name} | {vintage} | {row} | waarde | waardebereik | waarde 228.1 valt buiten het mogelijke bereik voor BKG_TOTAAL"
        in table
    )
    assert vintage in failed.description and "indicatoren.yml" in failed.description
    assert "make intrekken VERSIE=" in failed.description and "Datakwaliteit is wel bijgewerkt" in failed.description
    # In the run's log, as an error with the same details.
    errors = [e.user_message for e in instance.all_logs(result.run_id) if e.level == logging.ERROR]
    assert any(f"bestand '{file_name}', versie {vintage}, rij {row}, kolom 'waarde', regel waardebereik" in m for m in errors)

    materialised = {m.asset_key for m in result.get_asset_materialization_events()}
    assert {k for k in materialised if k.path[0] == "marts"} == set()  # dbt did not rebuild
    assert dg.AssetKey(["publicatie", "serving_copy"]) not in materialised
    assert dg.AssetKey(["publicatie", "datakwaliteit"]) in materialised
    with duckdb.connect(str(own_warehouse / "warehouse.duckdb"), read_only=True) as conn:
        assert conn.execute("select * from marts.fct_progress order by all").fetchall() == before
    # The dashboards' copy: every mart as it was, the data-quality tables with this run's results.
    served = _serving_marts(own_warehouse / "serving.duckdb")
    assert set(served) == set(served_before)
    assert {t: rows for t, rows in served.items() if t not in DATA_QUALITY_MARTS} == {
        t: rows for t, rows in served_before.items() if t not in DATA_QUALITY_MARTS
    }
    with duckdb.connect(str(own_warehouse / "serving.duckdb"), read_only=True) as conn:
        assert (
            conn.execute(
                "select count(*) from marts.fct_data_quality where check_run = 'controle' and result_nl = 'mislukt' "
                "and rule = 'waardebereik' and vintage_key = ?",
                [vintage],
            ).fetchone()[0]
            == 1
        )
    assert len(served["fct_data_quality"]) > len(served_before["fct_data_quality"])  # this run's results added


def test_a_jump_from_the_previous_vintage_warns_but_loads(own_warehouse, definitions):
    assert materialise_all(definitions).success
    inbox = own_warehouse / "data" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    # 2023 delivered as 200 instead of CBS's 149.5: loaded (a revision may be real), but flagged.
    (inbox / "uitstoot 2023 herzien.csv").write_bytes(
        b"indicator;regio;periode;uitsplitsing;waarde;eenheid;status;bron_uitgever;bron_tabel;publicatiedatum\r\n"
        b"BKG_TOTAAL;NL;2023;totaal;200;mld kg CO2-eq;voorlopig;CBS;Testlevering met een sprong;12-2026\r\n"
    )

    result = materialise_all(definitions)

    assert result.success
    with duckdb.connect(str(own_warehouse / "warehouse.duckdb"), read_only=True) as conn:
        warned = conn.execute(
            "select file_name, rule, check_run from marts.fct_data_quality where result_nl = 'waarschuwing' order by check_run"
        ).fetchall()
        assert conn.execute("select outcome from raw_observations.deliveries").fetchall() == [("geladen",)]
    assert ("uitstoot 2023 herzien.csv", "sprong-t-o-v-vorige-versie", "laden") in warned
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert checks["gx_waarschuwingen"].passed is False and checks["gx_waarschuwingen"].severity == dg.AssetCheckSeverity.WARN


def test_the_morning_data_quality_job_publishes_its_results_to_the_dashboards(own_warehouse, definitions):
    assert materialise_all(definitions).success
    served_before = _serving_marts(own_warehouse / "serving.duckdb")
    shown_before = _dashboard_rows(own_warehouse / "serving.duckdb")

    job = definitions.resolve_job_def("datakwaliteit_controle")
    result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)

    assert result.success
    materialised = {m.asset_key for m in result.get_asset_materialization_events()}
    assert dg.AssetKey(["publicatie", "datakwaliteit"]) in materialised
    served = _serving_marts(own_warehouse / "serving.duckdb")
    assert _dashboard_rows(own_warehouse / "serving.duckdb") > shown_before  # the reporting table the dashboard reads
    # the same morning: the re-check's results are on the Datakwaliteit dashboard, the rest unchanged
    assert len(served["fct_data_quality"]) > len(served_before["fct_data_quality"])
    assert {t: rows for t, rows in served.items() if t not in DATA_QUALITY_MARTS} == {
        t: rows for t, rows in served_before.items() if t not in DATA_QUALITY_MARTS
    }
