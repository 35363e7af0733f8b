"""Deliveries through the real Dagster job: Dutch CSV and XLSX become vintages, revisions keep both
vintages, and a bad file is quarantined byte for byte while the warehouse keeps what it had."""

import fcntl
import io
from datetime import datetime

import dagster as dg
import duckdb
import openpyxl
import pytest

from dagster_project.contract import OBSERVATION_KEYS, REPORT_KEY
from dagster_project.defs.observations.inbox_sensor import inbox_sensor
from dagster_project.defs.quality.checks import STORED_VALIDATION_KEY

pytestmark = pytest.mark.slow

HEADER = (
    "indicator;regio;periode;uitsplitsing;waarde;eenheid;status;bron_uitgever;bron_tabel;bron_url;publicatiedatum;opgehaald_op"
)
# Real publications of the 2020 GHG figure: CBS's first estimate (March 2021) and the final figure
# in 'The Netherlands in numbers 2024'.
FIRST_ESTIMATE = (
    "BKG_TOTAAL;NL;2020;totaal;166;mld kg CO2-eq;voorlopig;CBS;"
    "Nieuwsbericht 'Uitstoot broeikasgassen 8 procent lager in 2020';"
    "https://www.cbs.nl/nl-nl/nieuws/2021/10/uitstoot-broeikasgassen-8-procent-lager-in-2020;03-2021;24-11-2026"
)
FINAL_FIGURE = (
    "BKG_TOTAAL;NL;2020;totaal;168,8;mld kg CO2-eq;definitief;CBS;"
    "The Netherlands in numbers 2024: What volume of greenhouse gases do we emit?;"
    "https://longreads.cbs.nl/the-netherlands-in-numbers-2024/what-volume-of-greenhouse-gases-do-we-emit;2024;24-11-2026"
)


def _dutch_csv(*rows: str) -> bytes:
    return b"\xef\xbb\xbf" + ("\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8")


def test_a_dutch_csv_delivery_becomes_a_vintage_and_its_original_is_kept(fresh):
    root, inbox, run = fresh
    content = _dutch_csv(FIRST_ESTIMATE)
    (inbox / "uitstoot 2020 (eerste raming).csv").write_bytes(content)

    with run() as wh:
        assert wh.execute("select value, observation_status, source_kind, is_latest from marts.fct_observations").fetchall() == [
            (166.0, "voorlopig", "levering", True)
        ]
        delivery = wh.execute("select file_name, outcome, row_count, kept_at from raw_observations.deliveries").fetchall()
    [(name, outcome, rows, kept)] = delivery
    assert (name, outcome, rows) == ("uitstoot 2020 (eerste raming).csv", "geladen", 1)
    assert open(kept, "rb").read() == content
    assert list(inbox.iterdir()) == []


def test_an_xlsx_delivery_is_loaded(fresh):
    _, inbox, run = fresh
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(";"))
    # RIVM VZinfo, Monitor Missies Gezondheid en Zorg: healthy life expectancy of women, 2019 and 2020.
    for year, value in ((2019, 63.2), (2020, 65.8)):
        book.active.append(
            [
                "GLV_GEBOORTE",
                "NL",
                year,
                "geslacht:vrouw",
                value,
                "jaren",
                "definitief",
                "RIVM (VZinfo), bron CBS StatLine",
                "Monitor Missies Gezondheid en Zorg: Centrale missie",
                "https://www.vzinfo.nl/monitor-missies-gezondheid-en-zorg/centrale-missie",
                "onbekend",
                datetime(2026, 11, 24),
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    (inbox / "gezonde_levensverwachting_vrouwen.xlsx").write_bytes(buffer.getvalue())

    with run() as wh:
        assert wh.execute(
            "select period_label, value from marts.fct_observations where indicator_key = 'GLV_GEBOORTE' order by 1"
        ).fetchall() == [("2019", 63.2), ("2020", 65.8)]


def test_a_revision_becomes_a_new_vintage_and_the_old_one_stays(fresh):
    _, inbox, run = fresh
    (inbox / "eerste_raming.csv").write_bytes(_dutch_csv(FIRST_ESTIMATE))
    run().close()
    (inbox / "definitief.csv").write_bytes(_dutch_csv(FINAL_FIGURE))

    with run() as wh:
        vintages = wh.execute(
            "select value, observation_status, is_latest, release_label from marts.fct_observations "
            "where indicator_key = 'BKG_TOTAAL' and period_label = '2020' order by vintage_rank"
        ).fetchall()
        assert vintages == [(168.8, "definitief", True, "2024"), (166.0, "voorlopig", False, "03-2021")]
        # "As published in March 2021": the earlier vintage is still queryable on its own.
        assert wh.execute(
            "select o.value from marts.fct_observations o join marts.dim_vintage v using (vintage_key) "
            "where v.release_label = '03-2021'"
        ).fetchall() == [(166.0,)]
        assert wh.execute("select previous_value, value, change_kind from marts.fct_observation_revisions").fetchall() == [
            (166.0, 168.8, "waarde en status")
        ]


def test_the_same_file_twice_is_one_vintage(fresh):
    _, inbox, run = fresh
    (inbox / "a.csv").write_bytes(_dutch_csv(FIRST_ESTIMATE))
    run().close()
    (inbox / "a_nogmaals.csv").write_bytes(_dutch_csv(FIRST_ESTIMATE))
    with run() as wh:
        assert wh.execute("select count(*) from marts.dim_vintage where vintage_key <> '-1'").fetchone() == (1,)
        assert wh.execute("select outcome from raw_observations.deliveries order by received_at").fetchall() == [
            ("geladen",),
            ("al geladen",),
        ]


def test_a_bad_delivery_is_quarantined_byte_for_byte_and_changes_nothing(fresh):
    root, inbox, run = fresh
    (inbox / "goed.csv").write_bytes(_dutch_csv(FIRST_ESTIMATE))
    run().close()
    bad = _dutch_csv(FINAL_FIGURE.replace("168,8", "ongeveer 169"))
    (inbox / "fout.csv").write_bytes(bad)

    with run() as wh:
        assert wh.execute("select value from marts.fct_observations").fetchall() == [(166.0,)]
        [(outcome, problems, kept)] = wh.execute(
            "select outcome, problems, kept_at from raw_observations.deliveries where file_name = 'fout.csv'"
        ).fetchall()
    assert outcome == "geweigerd"
    assert "rij 2, kolom 'waarde': 'ongeveer 169' is geen getal" in problems
    assert open(kept, "rb").read() == bad
    report = open(kept + ".rapport.txt", encoding="utf-8").read()
    assert "Bestand 'fout.csv' is geweigerd" in report and "Wat nu:" in report
    assert list(inbox.iterdir()) == []


def test_the_inbox_sensor_asks_for_a_run_only_when_files_wait(fresh):
    _, inbox, _ = fresh
    instance = dg.DagsterInstance.ephemeral()
    empty = inbox_sensor(dg.build_sensor_context(instance=instance))
    assert not empty.run_requests and "leeg" in empty.skip_reason.skip_message
    (inbox / "levering.csv").write_bytes(_dutch_csv(FIRST_ESTIMATE))
    first = inbox_sensor(dg.build_sensor_context(instance=instance))
    again = inbox_sensor(dg.build_sensor_context(instance=instance))
    assert [r.run_key for r in first.run_requests] == [r.run_key for r in again.run_requests]
    assert len(first.run_requests) == 1


def _sensor_run(definitions, instance, cursor=None):
    """Evaluate the sensor as the daemon does and run what it asks for, with its run key."""
    result = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=cursor))
    for request in result.run_requests or []:
        job = definitions.get_job_def(request.job_name or "leveringen_verwerken")
        job.execute_in_process(instance=instance, raise_on_error=False, tags={**request.tags, "dagster/run_key": request.run_key})
    return result


def test_a_bad_and_a_valid_file_together_the_valid_one_reaches_the_serving_copy(fresh, definitions):
    root, inbox, run = fresh
    run().close()  # the first build, as `make run` does, so the delivery job rebuilds on top of it
    bad = _dutch_csv(FINAL_FIGURE.replace(";CBS;", ';"CBS;'))  # an unclosed quote
    (inbox / "kapot.csv").write_bytes(bad)
    (inbox / "eerste raming.csv").write_bytes(_dutch_csv(FIRST_ESTIMATE))

    instance = dg.DagsterInstance.ephemeral()
    result = _sensor_run(definitions, instance)

    assert len(result.run_requests) == 1
    assert instance.get_runs()[0].is_success
    materialised = {
        e.dagster_event.asset_key: e.dagster_event.materialization.metadata
        for e in instance.all_logs(instance.get_runs()[0].run_id)
        if e.dagster_event and e.dagster_event.is_step_materialization
    }
    # the delivery run re-checks what the delivery affects, and leaves the report to the daily refresh
    assert materialised[STORED_VALIDATION_KEY]["omvang"].value == "geraakt door de levering"
    assert REPORT_KEY not in materialised and OBSERVATION_KEYS[1] in materialised
    with duckdb.connect(str(root / "serving.duckdb"), read_only=True) as serving:
        assert serving.execute("select value from marts.fct_observations").fetchall() == [(166.0,)]
        assert sorted(serving.execute("select file_name, outcome from marts.fct_deliveries").fetchall()) == [
            ("eerste raming.csv", "geladen"),
            ("kapot.csv", "geweigerd"),
        ]
    [kept] = (root / "data" / "quarantaine").glob("*kapot.csv")
    assert kept.read_bytes() == bad
    assert list(inbox.iterdir()) == []


def test_after_a_failed_run_the_sensor_retries_with_back_off_then_quarantines(fresh, definitions, monkeypatch):
    from dagster_project.defs.observations import inbox_sensor as sensor_module

    root, inbox, _ = fresh
    content = _dutch_csv(FIRST_ESTIMATE)
    (inbox / "levering.csv").write_bytes(content)
    # Every run fails before the load: the warehouse is held by another pipeline.
    lock = open(root / "warehouse.duckdb.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    clock = [1_000_000.0]
    monkeypatch.setattr(sensor_module.time, "time", lambda: clock[0])
    instance = dg.DagsterInstance.ephemeral()

    attempts, cursor = [], None
    for _ in range(12):
        result = _sensor_run(definitions, instance, cursor)
        cursor = result.cursor
        attempts += [r.tags["poging"] for r in result.run_requests]
        if not result.run_requests:
            if "quarantaine" in result.skip_reason.skip_message:
                break
            assert "volgende poging" in result.skip_reason.skip_message
            clock[0] += 16 * 60
    lock.close()

    assert attempts == ["1", "2", "3", "4"]
    assert all(r.status == dg.DagsterRunStatus.FAILURE for r in instance.get_runs())
    assert list(inbox.iterdir()) == []
    [kept] = (root / "data" / "quarantaine").glob("*levering.csv")
    assert kept.read_bytes() == content
    report = kept.with_name(kept.name + ".rapport.txt").read_text(encoding="utf-8")
    assert "na 4 pogingen" in report and "meld dit aan de beheerder" in report


def test_each_vintage_derives_its_own_absolute_target_from_its_own_1990_value(fresh):
    # CBS recalculates the whole series every year: older releases put 1990 at 220.5 Mt, the 2024
    # one at 228.1 Mt (see ../shared/NOTES.md). The -55% target is a different number in each.
    root, inbox, run = fresh
    (inbox / "uitstoot oud.csv").write_bytes(
        _dutch_csv(
            "BKG_TOTAAL;NL;1990;totaal;220,5;mld kg CO2-eq;definitief;CBS;Oudere publicatie van de reeks;;onbekend;24-11-2026"
        )
    )
    (inbox / "uitstoot 2024.csv").write_bytes(
        _dutch_csv(
            "BKG_TOTAAL;NL;1990;totaal;228,1;mld kg CO2-eq;definitief;CBS;"
            "The Netherlands in numbers 2024: What volume of greenhouse gases do we emit?;;2024;24-11-2026"
        )
    )

    with run() as wh:
        rows = wh.execute(
            "select target_base_value, target_value_absolute, is_latest_vintage from marts.fct_targets "
            "where target_key = 'ET-BKG:2030:KLIMAATWET' order by target_base_value"
        ).fetchall()
    assert rows == [(220.5, 99.225, False), (228.1, 102.645, True)]
