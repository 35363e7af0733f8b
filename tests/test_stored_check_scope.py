"""Which stored vintages a delivery run re-validates (checks.affected_vintages): the ones whose outcome
the delivery can change, not the whole store, as long as the rules are those of the last full re-check.
The daily refresh re-validates everything."""

import datetime as dt

import duckdb
import pytest

from dagster_project.contract import ensure_raw_tables
from dagster_project.defs.quality.checks import _STORED_WITH_PREVIOUS, affected_vintages, check_stored
from dagster_project.reference import load_reference
from dagster_project.settings import INDICATOR_FILE

from reference_rules import with_one_range_changed

CHECKED_AT = dt.datetime(2026, 11, 1, 7, 0)


@pytest.fixture
def conn():
    with duckdb.connect(":memory:") as conn:
        ensure_raw_tables(conn)
        yield conn


def _vintage(conn, vintage_id: str, released: str, indicator: str, rechecked: bool = True, failed: bool = False) -> None:
    conn.execute(
        "insert into raw_observations.vintages values (?, 'snapshot', ?, 'x', 'CBS', 'T', null, ?, 'dag', null, 1, ?, null)",
        [vintage_id, f"{vintage_id}.csv", released, CHECKED_AT - dt.timedelta(days=1)],
    )
    conn.execute(
        "insert into raw_observations.observations values (?, 1, ?, 'NL', '2020', 2020, 'totaal', 1.0, 'Mt', 'definitief', null)",
        [vintage_id, indicator],
    )
    if rechecked:
        conn.execute(
            "insert into raw_quality.validation_results (validated_at, check_run, load_kind, suite_name, file_name, "
            "vintage_id, expectation_type, severity, success) values (?, 'controle', 'snapshot', 's', 'f', ?, 't', 'critical', ?)",
            [CHECKED_AT, vintage_id, not failed],
        )


def _affected(conn, indicators=("A", "B")) -> set[str]:
    return affected_vintages(conn, conn.execute(_STORED_WITH_PREVIOUS, [list(indicators)]).df())


def test_a_delivery_of_the_newest_publication_leaves_every_stored_vintage_as_it_was(conn):
    _vintage(conn, "v2021", "2021-06-01", "A")
    _vintage(conn, "v2022", "2022-06-01", "A")
    _vintage(conn, "levering", "2023-06-01", "A", rechecked=False)  # validated when it was loaded
    assert _affected(conn) == set()


def test_a_back_filled_publication_rechecks_the_later_vintages_of_its_series_only(conn):
    _vintage(conn, "v2021", "2021-06-01", "A")
    _vintage(conn, "v2023", "2023-06-01", "A")  # its previous version becomes the delivered one
    _vintage(conn, "ander", "2023-06-01", "B")  # another series: its previous version stays
    _vintage(conn, "levering", "2022-06-01", "A", rechecked=False)
    assert _affected(conn) == {"v2023"}


def test_a_vintage_whose_last_recheck_failed_is_checked_again(conn):
    _vintage(conn, "fout", "2021-06-01", "B", failed=True)
    _vintage(conn, "goed", "2021-06-01", "A")
    _vintage(conn, "levering", "2023-06-01", "A", rechecked=False)
    assert _affected(conn) == {"fout"}


@pytest.fixture
def reference(tmp_path, monkeypatch):
    monkeypatch.setenv("MISSIEMONITOR_GX_DIR", str(tmp_path / "gx"))
    return load_reference(INDICATOR_FILE, today=dt.date(2026, 11, 30))


def test_a_delivery_run_checks_everything_while_the_rules_differ_from_the_last_full_check(conn, reference):
    _vintage(conn, "v2021", "2021-06-01", "A")
    _vintage(conn, "levering", "2023-06-01", "A", rechecked=False)
    never = check_stored(conn, reference, affected_only=True)  # no full check on record (an older warehouse)
    assert (never.scope, never.rules_changed) == ("alles", True)

    full = check_stored(conn, reference)
    assert (full.scope, full.rules_changed) == ("alles", False)
    conn.execute("insert into raw_quality.full_checks values (?, ?)", [CHECKED_AT, full.rules])
    assert check_stored(conn, reference, affected_only=True).scope == "geraakt"

    changed = with_one_range_changed(reference)
    after_edit = check_stored(conn, changed, affected_only=True)
    assert (after_edit.scope, after_edit.rules_changed) == ("alles", True)
    assert after_edit.rules != full.rules
