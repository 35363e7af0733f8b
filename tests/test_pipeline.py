"""The whole pipeline, for real: Dagster loads the catalogue into a DuckDB file and dbt builds the dims."""

import duckdb
import pandas as pd
import dagster as dg
import pytest
import yaml

from conftest import materialise_all
from dagster_project.settings import warehouse_path

pytestmark = pytest.mark.slow



def test_every_dbt_test_passed_as_an_asset_check(run):
    evaluations = run.get_asset_check_evaluations()
    assert len(evaluations) >= 30
    assert [e.check_name for e in evaluations if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR] == []
    # the one expected warning: the snapshot's GHG series ends in 2023, newer years are due (see test_data_quality)
    assert {e.check_name for e in evaluations if not e.passed} <= {"assert_no_indicator_is_overdue"}


def test_dim_theme_counts_missions_per_theme(warehouse):
    rows = warehouse.execute(
        "select theme_key, mission_entries, missions_in_official_25 from marts.dim_theme order by sort_order"
    ).fetchall()
    assert rows == [("ET", 7, 6), ("LWV", 6, 6), ("GZ", 5, 5), ("V", 8, 8), ("-2", 0, 0), ("-1", 0, 0)]


def test_dim_mission_holds_all_26_entries_and_the_unknown_member(warehouse):
    assert warehouse.execute("select count(*) from marts.dim_mission where mission_key <> '-1'").fetchone() == (26,)
    assert warehouse.execute("select count(*) from marts.dim_mission where counts_in_official_25").fetchone() == (25,)
    assert warehouse.execute(
        "select count(distinct canonical_mission_key) from marts.dim_mission where counts_in_official_25"
    ).fetchone() == (24,)  # climate-neutral agriculture, under ET and LWV, is one mission


def test_dim_target_one_row_per_mission_target_year_and_measure(warehouse, catalogue):
    rows = warehouse.execute("select target_key, mission_key, target_year from marts.dim_target where target_key <> '-1'").fetchall()
    expected = {(r.code, r.missie, None if pd.isna(r.doeljaar) else int(r.doeljaar)) for r in catalogue.targets.itertuples()}
    assert set(rows) == expected
    assert warehouse.execute(
        "select target_value, base_year, document_reference from marts.dim_target where target_key = 'ET-BKG:2050'"
    ).fetchone() == (-95.0, 1990, "Kamerstuk 33 009, nr. 70 (vergaderjaar 2018–2019)")


def test_every_dimension_has_an_unknown_member(warehouse):
    for table, key in [("dim_theme", "theme_key"), ("dim_mission", "mission_key"), ("dim_target", "target_key"),
                       ("dim_key_technology_cluster", "cluster_key"), ("dim_indicator", "indicator_key"),
                       ("dim_region", "region_key"), ("dim_vintage", "vintage_key"), ("dim_period", "period_key"),
                       ("dim_source", "source_key")]:
        assert warehouse.execute(f"select count(*) from marts.{table} where {key} = '-1'").fetchone() == (1,), table


def test_a_broken_catalogue_fails_the_run_and_keeps_the_last_good_tables(run, definitions, tmp_path, monkeypatch):
    from dagster_project.defs.catalogue import assets
    from dagster_project.settings import CATALOGUE_FILE

    data = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    data["missies"][0]["thema"] = "ONBEKEND"
    broken = tmp_path / "missiecatalogus.yml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(assets, "CATALOGUE_FILE", broken)

    result = materialise_all(definitions)

    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "onbekend thema 'ONBEKEND'" in failure.event_specific_data.user_failure_data.description
    with duckdb.connect(str(warehouse_path()), read_only=True) as conn:
        assert conn.execute("select count(*) from raw_catalogue.missions where thema = 'ONBEKEND'").fetchone() == (0,)
        assert conn.execute("select count(*) from marts.dim_mission").fetchone() == (27,)


# Published figures, each checked against its source by hand:
#   CBS, The Netherlands in numbers 2024 (GHG, bn kg CO2-eq; 2023 marked provisional);
#   CBS news 2021 week 10 (2020 first estimate 166 Mt); RIVM VZinfo Monitor Missies G&Z, centrale missie;
#   CBS materials news December 2024 / 'Groeiend naar een groene economie?'.
PUBLISHED = [
    ("BKG_TOTAAL", "1990", "totaal", 1, 228.1, "definitief"),
    ("BKG_TOTAAL", "2015", "totaal", 1, 200.4, "definitief"),
    ("BKG_TOTAAL", "2023", "totaal", 1, 149.5, "voorlopig"),
    ("BKG_TOTAAL", "2020", "totaal", 1, 168.8, "definitief"),
    ("BKG_TOTAAL", "2020", "totaal", 2, 166.0, "voorlopig"),
    ("GLV_GEBOORTE", "2021", "geslacht:man", 1, 65.4, "definitief"),
    ("GLV_GEBOORTE", "2022", "geslacht:vrouw", 1, 62.3, "definitief"),
    ("GLV_OPLEIDING", "2019-2022", "geslacht:man|opleiding:laag", 1, 57.2, "definitief"),
    ("GLV_OPLEIDING", "2019-2022", "geslacht:man|opleiding:hoog", 1, 70.5, "definitief"),
    ("GLV_INKOMEN", "2017-2020", "geslacht:vrouw|inkomen:hoogste", 1, 72.4, "definitief"),
    ("MAT_CONSUMPTIE", "2022", "totaal", 1, 182.0, "onbekend"),
    ("MAT_INZET", "2014", "totaal", 1, 390.0, "onbekend"),
]


@pytest.mark.parametrize(("indicator", "period", "breakdown", "rank", "value", "status"), PUBLISHED)
def test_snapshot_values_match_their_publication(warehouse, indicator, period, breakdown, rank, value, status):
    row = warehouse.execute(
        "select value, observation_status from marts.fct_observations "
        "where indicator_key = ? and period_label = ? and breakdown = ? and vintage_rank = ?",
        [indicator, period, breakdown, rank],
    ).fetchone()
    assert row == (value, status)


def test_the_three_headline_indicators_are_there(warehouse):
    indicators = {r[0] for r in warehouse.execute("select distinct indicator_key from marts.fct_observations").fetchall()}
    assert {"BKG_TOTAAL", "GLV_GEBOORTE", "GLV_OPLEIDING", "MAT_CONSUMPTIE"} <= indicators
    years = warehouse.execute(
        "select min(period_year), max(period_year), count(*) from marts.fct_observations where indicator_key = 'BKG_TOTAAL' and is_latest"
    ).fetchone()
    assert years == (1990, 2023, 34)


def test_every_observation_carries_its_provenance(warehouse):
    missing = warehouse.execute(
        "select count(*) from marts.fct_observations where publisher is null or source_table is null "
        "or period_label is null or release_label is null or observation_status is null or retrieved_on is null "
        "or vintage_key is null or file_name is null"
    ).fetchone()
    assert missing == (0,)
    assert warehouse.execute("select count(*) from marts.fct_observations").fetchone()[0] >= 70


def test_the_2020_revision_is_listed(warehouse):
    assert warehouse.execute(
        "select previous_value, value, previous_status, observation_status, change_kind "
        "from marts.fct_observation_revisions where indicator_key = 'BKG_TOTAAL' and period_label = '2020'"
    ).fetchall() == [(166.0, 168.8, "voorlopig", "definitief", "waarde en status")]


def test_every_stored_note_is_the_full_text_of_its_snapshot_cell(warehouse):
    """Notes once lost everything after an unquoted ';'; the stored note must equal the file's cell."""
    import csv

    from dagster_project.settings import SNAPSHOT_DIR

    expected = {}
    for path in sorted(SNAPSHOT_DIR.glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                key = (path.name, row["indicator"], row["periode"], row["uitsplitsing"] or "totaal")
                expected[key] = row["opmerking"] or None
    stored = {(f, i, p, b): n for f, i, p, b, n in warehouse.execute(
        "select v.file_name, o.indicator_code, o.period_label, o.breakdown, o.note from raw_observations.observations o "
        "join raw_observations.vintages v using (vintage_id) where v.source_kind = 'snapshot'").fetchall()}
    assert stored == expected
    assert any(";" in (note or "") for note in stored.values())  # the notes that were cut are whole
