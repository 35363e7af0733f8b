"""The CBS StatLine connector: saved responses become the same rows as the snapshot; offline it says so."""

import json
import socket
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.defs.observations.delivery_file import read_delivery
from dagster_project.defs.sources.assets import CBS_URL_ENV, cbs_statline
from dagster_project.defs.sources.cbs_statline import (
    SeriesMismatch,
    SourceUnavailable,
    fetch_table,
    read_series,
    table_to_delivery,
)
from dagster_project.settings import CBS_SERIES_FILE, SNAPSHOT_DIR

# Constructed, not recorded (see tests/fixtures/cbs/README.md).
FIXTURE = Path(__file__).parent / "fixtures" / "cbs" / "71950ned_geconstrueerd.json"


@pytest.fixture(scope="module")
def series():
    [healthy_life_expectancy] = read_series(CBS_SERIES_FILE)
    return healthy_life_expectancy


def _saved() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_responses_become_rows_in_the_snapshots_shape(series):
    name, content = table_to_delivery(_saved(), series)
    rows = read_delivery(name, content).rows
    snapshot_file = SNAPSHOT_DIR / "rivm_vzinfo_monitor_missies_gz__gezonde_levensverwachting.csv"
    snapshot_rows = read_delivery(snapshot_file.name, snapshot_file.read_bytes()).rows
    assert list(rows.columns) == list(snapshot_rows.columns)
    assert name == "cbs_71950ned_onbekend.csv"
    men = rows[rows["breakdown"] == "geslacht:man"].set_index("period_year")["value"].to_dict()
    assert men == {2019: 64.8, 2020: 66.4, 2021: 65.4, 2022: 63.2}
    assert set(rows["status"]) == {"definitief"}
    assert set(rows["publisher"]) == {"CBS"} and set(rows["source_table"]) == {
        "StatLine 71950ned (Gezonde levensverwachting; vanaf 1981)"
    }
    # The same figures as the RIVM snapshot, so a live refresh would not revise them.
    snapshot_men = snapshot_rows[
        (snapshot_rows["indicator_code"] == "GLV_GEBOORTE") & (snapshot_rows["breakdown"] == "geslacht:man")
    ]
    assert snapshot_men.set_index("period_year")["value"].to_dict() == men


def test_a_renamed_measure_stops_with_a_clear_message(series):
    saved = _saved()
    saved["responses"]["DataProperties"]["value"][3]["Title"] = "Gezonde levensverwachting"
    with pytest.raises(SeriesMismatch, match="heeft geen meetwaarde 'Levensverwachting in goed ervaren gezondheid'"):
        table_to_delivery(saved, series)


def test_without_network_the_fetch_says_so(series, tmp_path):
    with pytest.raises(SourceUnavailable, match="Geen verbinding met CBS StatLine"):
        fetch_table(series, tmp_path, base_url=f"http://127.0.0.1:{_closed_port()}/odata", timeout=5)
    assert list(tmp_path.iterdir()) == []


def test_the_asset_reports_offline_and_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv(CBS_URL_ENV, f"http://127.0.0.1:{_closed_port()}/odata")
    monkeypatch.setenv("MISSIEMONITOR_DELIVERY_ROOT", str(tmp_path))
    result = dg.materialize([cbs_statline])
    assert result.success
    [event] = result.get_asset_materialization_events()
    materialization = event.materialization
    assert materialization.metadata["status"].value == "offline: bestaande cijfers blijven staan"
    assert not list(tmp_path.rglob("*.csv"))
