"""Withdrawing a vintage (make intrekken), undoing that (make terugzetten), and removing an indicator
from the reference: nothing is deleted, what no longer counts is marked and left out of every "latest"
value and verdict, and the pipeline neither fails nor blocks on it."""

import fcntl
import os
import shutil
import subprocess
from datetime import datetime

import dagster as dg
import duckdb
import pytest
import yaml

from dagster_project import withdraw as withdraw_command
from dagster_project.defs.catalogue import assets as catalogue_assets
from dagster_project.defs.observations import assets as observation_assets
from dagster_project.defs.observations.observation_store import ensure_tables
from dagster_project.defs.observations.withdrawals import WithdrawalRefused, listing, undo_withdrawal, withdraw
from dagster_project.defs.quality import checks as quality_checks
from dagster_project.settings import CATALOGUE_FILE, INDICATOR_FILE

from conftest import REPO_ROOT
from reference_rules import mission_indicators

SNAPSHOT = REPO_ROOT / "data" / "snapshot"
# CBS's full greenhouse-gas series from 'The Netherlands in numbers 2024' (1990-2023) and its first
# estimate of 2020 alone (news item, March 2021): real publications, see README "Indicators".
GHG_2024 = SNAPSHOT / "cbs_nederland_in_cijfers_2024__broeikasgassen.csv"
GHG_FIRST_ESTIMATE = SNAPSHOT / "cbs_nieuws_2021_10__broeikasgassen_2020.csv"
HEALTH = SNAPSHOT / "rivm_vzinfo_monitor_missies_gz__gezonde_levensverwachting.csv"
MATERIALS = SNAPSHOT / "cbs_materiaalmonitor_2024__materiaalgebruik.csv"


# --- the command's rules, on a bare store (fast) ---------------------------------------------------


@pytest.fixture
def store(tmp_path):
    conn = duckdb.connect(str(tmp_path / "store.duckdb"))
    ensure_tables(conn)
    for vintage_id, name, delivery in (
        ("levering-aaaaaaaaaaaa0001", "a.csv", "20261129T100000000000_aaaaaaaaaaaa"),
        ("levering-aaaaaaaaaaaa0002", "b.csv", None),
    ):
        conn.execute(
            "insert into raw_observations.vintages (vintage_id, source_kind, file_name, sha256, publisher, "
            "source_table, release_date, release_precision, row_count, loaded_at, delivery_id) "
            "values (?, 'levering', ?, 'x', 'CBS', 'T', date '2024-01-01', 'jaar', 1, now(), ?)",
            [vintage_id, name, delivery],
        )
    for delivery_id, name, outcome, vintage_id in (
        ("20261129T100000000000_aaaaaaaaaaaa", "a.csv", "geladen", "levering-aaaaaaaaaaaa0001"),
        ("20261129T110000000000_bbbbbbbbbbbb", "kapot.csv", "geweigerd", None),
    ):
        conn.execute(
            "insert into raw_observations.deliveries (delivery_id, file_name, sha256, size_bytes, received_at, "
            "outcome, vintage_id, kept_at, problem_count) values (?, ?, 'x', 1, now(), ?, ?, 'data/x', 0)",
            [delivery_id, name, outcome, vintage_id],
        )
    yield conn
    conn.close()


def _withdrawn(conn):
    return conn.execute("select vintage_id, reason, withdrawn_by, requested_as from raw_observations.withdrawals").fetchall()


def test_a_vintage_is_withdrawn_by_its_id_a_delivery_id_or_an_unambiguous_start(store):
    done = withdraw(store, "levering-aaaaaaaaaaaa0002", "verkeerd bestand", "tester", now=datetime(2026, 11, 29, 12))
    assert (done.vintage.vintage_id, done.vintage.via_delivery) == ("levering-aaaaaaaaaaaa0002", None)
    via_delivery = withdraw(store, "20261129T100000", "dubbel aangeleverd", "tester")
    assert (via_delivery.vintage.vintage_id, via_delivery.vintage.via_delivery) == (
        "levering-aaaaaaaaaaaa0001",
        "20261129T100000000000_aaaaaaaaaaaa",
    )
    assert _withdrawn(store) == [
        ("levering-aaaaaaaaaaaa0002", "verkeerd bestand", "tester", "levering-aaaaaaaaaaaa0002"),
        ("levering-aaaaaaaaaaaa0001", "dubbel aangeleverd", "tester", "20261129T100000"),
    ]
    # nothing is deleted
    assert store.execute("select count(*) from raw_observations.vintages").fetchone() == (2,)


@pytest.mark.parametrize(
    "given, reason, expected",
    [
        ("levering-onbekend00", "x", "Onbekende versie of levering: 'levering-onbekend00'"),
        ("levering-aaaaaaaaaaaa", "x", "past op meer dan één versie"),
        ("levering-a", "x", "Onbekende versie"),  # too short to be taken as the start of an id
        ("20261129T110000000000_bbbbbbbbbbbb", "x", "is geweigerd en is nooit geladen"),
        ("levering-aaaaaaaaaaaa0001", "  ", "Geef een reden op"),
    ],
)
def test_what_cannot_be_withdrawn_is_refused_in_dutch_and_nothing_is_written(store, given, reason, expected):
    with pytest.raises(WithdrawalRefused) as refused:
        withdraw(store, given, reason, "tester")
    assert expected in str(refused.value)
    if "Onbekende" in expected:
        assert "marts.dim_vintage" in str(refused.value) and "make intrekken  (zonder VERSIE)" in str(refused.value)
    assert _withdrawn(store) == []


def test_a_vintage_is_withdrawn_once(store):
    withdraw(store, "levering-aaaaaaaaaaaa0001", "verkeerd bestand", "tester", now=datetime(2026, 11, 29, 12, 5))
    with pytest.raises(WithdrawalRefused) as refused:
        withdraw(store, "20261129T100000000000_aaaaaaaaaaaa", "nog een keer", "iemand anders")
    assert "is al ingetrokken op 29-11-2026 12:05 (UTC) door tester, reden: verkeerd bestand" in str(refused.value)
    assert len(_withdrawn(store)) == 1


def test_a_withdrawal_made_by_mistake_is_undone_and_kept_in_the_history(store):
    withdraw(store, "levering-aaaaaaaaaaaa0001", "verkeerd bestand", "tester", now=datetime(2026, 11, 29, 12, 5))
    undone = undo_withdrawal(store, "20261129T100000", "toch goed", "beheerder", now=datetime(2026, 11, 30, 9, 0))
    assert (undone.vintage.vintage_id, undone.withdrawal_reason) == ("levering-aaaaaaaaaaaa0001", "verkeerd bestand")
    assert _withdrawn(store) == []  # counts again: the models read only the withdrawals in force
    assert store.execute(
        "select vintage_id, withdrawn_at, reason, withdrawn_by, undone_at, undo_reason, undone_by "
        "from raw_observations.withdrawals_undone"
    ).fetchall() == [
        (
            "levering-aaaaaaaaaaaa0001",
            datetime(2026, 11, 29, 12, 5),
            "verkeerd bestand",
            "tester",
            datetime(2026, 11, 30, 9, 0),
            "toch goed",
            "beheerder",
        )
    ]
    status = {row[0]: row[-1] for row in listing(store)}
    assert status["levering-aaaaaaaaaaaa0001"] == "geldig (ingetrokken op 29-11-2026, teruggezet op 30-11-2026: toch goed)"
    # and it can be withdrawn again later; the first withdrawal stays in the history
    withdraw(store, "levering-aaaaaaaaaaaa0001", "toch fout", "tester", now=datetime(2026, 12, 1, 8, 0))
    assert [r[1] for r in _withdrawn(store)] == ["toch fout"]
    assert store.execute("select count(*) from raw_observations.withdrawals_undone").fetchone() == (1,)


@pytest.mark.parametrize(
    "given, reason, expected",
    [
        ("levering-aaaaaaaaaaaa0002", "toch goed", "is niet ingetrokken; er is niets teruggezet"),
        ("levering-onbekend00", "toch goed", "Onbekende versie of levering: 'levering-onbekend00'. Er is niets teruggezet."),
        ("levering-aaaaaaaaaaaa0001", " ", "Zonder reden wordt niets teruggezet"),
    ],
)
def test_what_cannot_be_undone_is_refused_in_dutch_and_nothing_changes(store, given, reason, expected):
    withdraw(store, "levering-aaaaaaaaaaaa0001", "verkeerd bestand", "tester")
    with pytest.raises(WithdrawalRefused) as refused:
        undo_withdrawal(store, given, reason, "beheerder")
    assert expected in str(refused.value)
    assert [r[0] for r in _withdrawn(store)] == ["levering-aaaaaaaaaaaa0001"]
    assert store.execute("select count(*) from raw_observations.withdrawals_undone").fetchone() == (0,)


def test_the_command_waits_for_no_one_it_refuses_while_a_pipeline_runs(store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MISSIEMONITOR_WAREHOUSE", str(tmp_path / "store.duckdb"))
    store.close()
    with open(tmp_path / "store.duckdb.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a run holds the pipeline lock
        code = withdraw_command.main(["--versie", "levering-aaaaaaaaaaaa0001", "--reden", "verkeerd bestand"])
    assert code == 2
    assert "Er draait al een verversing" in capsys.readouterr().err
    with duckdb.connect(str(tmp_path / "store.duckdb"), read_only=True) as conn:
        assert _withdrawn(conn) == []
    # once the run is over, the same command goes through
    assert withdraw_command.main(["--versie", "levering-aaaaaaaaaaaa0001", "--reden", "verkeerd bestand", "--door", "t"]) == 0
    assert "make run" in capsys.readouterr().out


# --- through the real pipeline (slow) ----------------------------------------------------------------


def _verdicts(wh) -> dict[str, list[tuple]]:
    return {
        "fct_progress": wh.execute(
            "select progress_key, status_code, current_year, current_value, target_value_absolute, is_latest_vintage "
            "from marts.fct_progress order by all"
        ).fetchall(),
        "fct_targets": wh.execute(
            "select target_fact_key, target_value_absolute, is_latest_vintage from marts.fct_targets order by all"
        ).fetchall(),
        "fct_mission_status": wh.execute(
            "select mission_key, status_code, latest_year, latest_value, headline_vintage_key, indicator_codes "
            "from marts.fct_mission_status order by all"
        ).fetchall(),
        "fct_theme_status": wh.execute("select * from marts.fct_theme_status order by all").fetchall(),
        "latest": wh.execute("select observation_key, value from marts.fct_observations where is_latest order by all").fetchall(),
        "revisions": wh.execute("select * from marts.fct_observation_revisions order by all").fetchall(),
    }


def _make(env: dict, target: str, *variables: str) -> subprocess.CompletedProcess:
    """A make target as a user types it (the venv is there: make must not reinstall it)."""
    command = ["make", "-s", "-o", ".venv/.installed", target, *variables]
    return subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_withdrawing_a_delivery_gives_back_every_verdict_and_keeps_the_vintage_queryable(fresh):
    root, inbox, run = fresh
    # Before: emissions rest on CBS's first 2020 estimate alone (one point: not assessable).
    for source in (GHG_FIRST_ESTIMATE, HEALTH, MATERIALS):
        shutil.copyfile(source, root / "snapshot" / source.name)
    with run() as wh:
        before = _verdicts(wh)
    # The full 2024 series is delivered: greenhouse gases get a verdict.
    (inbox / "broeikasgassen 1990-2023.csv").write_bytes(GHG_2024.read_bytes())
    with run() as wh:
        delivered = _verdicts(wh)
        [(delivery_id, vintage_id)] = wh.execute(
            "select delivery_id, vintage_id from raw_observations.deliveries where outcome = 'geladen'"
        ).fetchall()
    status = {row[0]: row[1] for row in before["fct_mission_status"]}
    status_delivered = {row[0]: row[1] for row in delivered["fct_mission_status"]}
    assert (status["ET-BKG"], status_delivered["ET-BKG"]) == ("onvoldoende_gegevens", "matige_vooruitgang")

    # The documented command, as a user types it.
    env = {**os.environ, "MISSIEMONITOR_WAREHOUSE": str(root / "warehouse.duckdb")}
    command = _make(env, "intrekken", f"VERSIE={delivery_id}", 'REDEN=verkeerd bestand: "proef" aangeleverd', "DOOR=tester")
    assert command.returncode == 0, command.stdout + command.stderr
    assert f"Ingetrokken: versie {vintage_id} (via levering {delivery_id})" in command.stdout
    assert "volgende verversing" in command.stdout

    with run() as wh:
        after = _verdicts(wh)
        vintage = wh.execute(
            "select validity_status, is_withdrawn, withdrawal_reason, withdrawn_by, row_count from marts.dim_vintage "
            "where vintage_key = ?",
            [vintage_id],
        ).fetchone()
        rows = wh.execute(
            "select count(*), bool_and(is_withdrawn), bool_or(is_latest), any_value(withdrawal_reason), "
            "any_value(validity_status), count(vintage_rank) from marts.fct_observations where vintage_key = ?",
            [vintage_id],
        ).fetchone()
        as_published = wh.execute(
            "select value from marts.fct_observations where vintage_key = ? and period_label = '2023'", [vintage_id]
        ).fetchall()
    for table in before:
        assert after[table] == before[table], table
    assert vintage == ("ingetrokken", True, 'verkeerd bestand: "proef" aangeleverd', "tester", 34)
    assert rows == (34, True, False, 'verkeerd bestand: "proef" aangeleverd', "ingetrokken", 0)
    assert as_published == [(149.5,)]  # still queryable as published
    with duckdb.connect(str(root / "serving.duckdb"), read_only=True) as serving:  # what the dashboards read
        assert serving.execute(
            "select validity_status from marts.dim_vintage where vintage_key = ?", [vintage_id]
        ).fetchall() == [("ingetrokken",)]
        assert serving.execute("select status_code from marts.fct_mission_status where mission_key = 'ET-BKG'").fetchall() == [
            ("onvoldoende_gegevens",)
        ]
        # the Datakwaliteit dashboard's list of files (the reporting table its dataset reads) says so, with the reason
        listed = serving.execute(
            "select uitkomst, toelichting from reporting.rpt_leveringen where bestand = 'broeikasgassen 1990-2023.csv'"
        ).fetchall()
        assert listed == [
            ("ingetrokken", f'ingetrokken op {datetime.now():%d-%m-%Y} door tester: verkeerd bestand: "proef" aangeleverd')
        ]

    again = subprocess.run(
        [
            str(REPO_ROOT / ".venv" / "bin" / "python"),
            "-m",
            "dagster_project.withdraw",
            "--versie",
            vintage_id,
            "--reden",
            "nogmaals",
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 1 and "is al ingetrokken" in again.stderr

    # Withdrawn by mistake: undone with the documented command, every verdict is back as delivered.
    undo = _make(env, "terugzetten", f"VERSIE={vintage_id}", "REDEN=toch goed", "DOOR=tester")
    assert undo.returncode == 0, undo.stdout + undo.stderr
    assert f"Teruggezet: versie {vintage_id}" in undo.stdout and "volgende verversing" in undo.stdout
    with run() as wh:
        undone = _verdicts(wh)
        assert wh.execute("select validity_status from marts.dim_vintage where vintage_key = ?", [vintage_id]).fetchall() == [
            ("geldig",)
        ]
        assert wh.execute("select reason, undo_reason, undone_by from raw_observations.withdrawals_undone").fetchall() == [
            ('verkeerd bestand: "proef" aangeleverd', "toch goed", "tester")
        ]
    for table in delivered:
        assert undone[table] == delivered[table], table


@pytest.mark.slow
def test_an_indicator_removed_from_the_reference_lapses_and_does_not_block(fresh, definitions, monkeypatch):
    root, _, run = fresh
    for source in (GHG_2024, MATERIALS):
        shutil.copyfile(source, root / "snapshot" / source.name)
    run().close()
    # MAT_CONSUMPTIE is taken out of (a copy of) the reference after its figures were loaded.
    reference = yaml.safe_load(INDICATOR_FILE.read_text(encoding="utf-8"))
    reference["indicatoren"] = [i for i in reference["indicatoren"] if i["code"] != "MAT_CONSUMPTIE"]
    changed = root / "indicatoren.yml"
    changed.write_text(yaml.safe_dump(reference, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for module in (quality_checks, observation_assets, catalogue_assets):
        monkeypatch.setattr(module, "INDICATOR_FILE", changed)

    result = definitions.resolve_implicit_global_asset_job_def().execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
    )

    assert result.success, [e.message for e in result.all_events if e.is_failure]
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert checks["gx_validatie"].passed is True
    warned = checks["gx_waarschuwingen"]
    assert warned.passed is False and warned.severity == dg.AssetCheckSeverity.WARN
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as wh:
        [(vintage_id,)] = wh.execute("select vintage_key from marts.dim_vintage where file_name = ?", [MATERIALS.name]).fetchall()
        assert f"MAT_CONSUMPTIE: 1 waarde(n) in versie {vintage_id} ('{MATERIALS.name}')" in warned.description
        assert wh.execute(
            "select validity_status, lapsed_indicator_codes, lapsed_observation_count from marts.dim_vintage "
            "where vintage_key = ?",
            [vintage_id],
        ).fetchone() == ("deels vervallen", "MAT_CONSUMPTIE", 1)
        assert wh.execute(
            "select indicator_key, validity_status, is_latest from marts.fct_observations where vintage_key = ? order by all",
            [vintage_id],
        ).fetchall() == [("MAT_CONSUMPTIE", "vervallen", False), ("MAT_INZET", "geldig", True), ("MAT_INZET", "geldig", True)]
        assert wh.execute(
            "select indicator_status from marts.dim_indicator where indicator_key = 'MAT_CONSUMPTIE'"
        ).fetchone() == ("vervallen",)
        assert wh.execute("select distinct indicator_key from marts.fct_progress where indicator_key like 'MAT%'").fetchall() == [
            ("MAT_INZET",)
        ]
        # ET-CIRC keeps the indicators the changed reference still gives it (MAT_INZET today)
        assert wh.execute("select indicator_codes from marts.fct_mission_status where mission_key = 'ET-CIRC'").fetchone() == (
            ", ".join(sorted(mission_indicators(changed, CATALOGUE_FILE)["ET-CIRC"])),
        )
        assert wh.execute(
            "select result_nl, expectation_id, unexpected_count from marts.fct_data_quality "
            "where rule = 'vervallen-indicator' and vintage_key = ?",
            [vintage_id],
        ).fetchall() == [("waarschuwing", "vervallen-indicator:MAT_CONSUMPTIE", 1)]
        assert wh.execute(
            "select count(*) from raw_observations.observations where indicator_code = 'MAT_CONSUMPTIE'"
        ).fetchone() == (1,)


def test_a_withdrawn_vintage_is_nobodys_previous_version_when_a_file_is_loaded(tmp_path):
    """The jump warning compares a new file with the version before it; a withdrawn one does not count."""
    from dagster_project.defs.observations.observation_store import load_file
    from dagster_project.reference import load_reference

    header = "indicator;regio;periode;uitsplitsing;waarde;eenheid;status;bron_uitgever;bron_tabel;publicatiedatum\r\n"
    # A wrong first delivery (the 2020 figure typed as 16.6), then CBS's real first estimate, 166 Mt.
    wrong = (header + "BKG_TOTAAL;NL;2020;totaal;16,6;mld kg CO2-eq;voorlopig;CBS;Nieuwsbericht maart 2021;03-2021\r\n").encode()
    right = (header + "BKG_TOTAAL;NL;2020;totaal;166;mld kg CO2-eq;voorlopig;CBS;Nieuwsbericht maart 2021;04-2021\r\n").encode()
    reference = load_reference(INDICATOR_FILE)
    with duckdb.connect(str(tmp_path / "store.duckdb")) as conn:
        ensure_tables(conn)
        first = load_file(conn, "fout.csv", wrong, "levering", reference)
        withdraw(conn, first.vintage_id, "waarde met een factor 10 te laag ingetikt", "test")
        second = load_file(conn, "goed.csv", right, "levering", reference)
    assert second.outcome == "geladen"
    assert not [w for w in second.warnings if "sprong" in w or "wijkt" in w]
