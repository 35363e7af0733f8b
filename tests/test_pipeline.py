"""The whole pipeline, for real: Dagster loads the catalogue into a DuckDB file and dbt builds the dims.

Rules about the built tables (unknown members, relationships, one dim_target row per catalogue
target, dim_theme's counts, every stored observation in the facts, one latest value per series point)
are dbt tests, run by every `dbt build` as asset checks: test_every_dbt_test_passed_as_an_asset_check
is where they fail in the test suite. What stays here is what dbt cannot know: the reference files
against the warehouse, the pipeline's behaviour, and values compared with their publication.
"""

import dagster as dg
import duckdb
import pytest
import yaml

from dagster_project.settings import warehouse_path

from conftest import materialise_all

pytestmark = pytest.mark.slow


def test_every_dbt_test_passed_as_an_asset_check(run):
    evaluations = run.get_asset_check_evaluations()
    assert len(evaluations) >= 30
    assert [e.check_name for e in evaluations if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR] == []
    # the one expected warning: the snapshot's GHG series ends in 2023, newer years are due (see test_data_quality)
    assert {e.check_name for e in evaluations if not e.passed} <= {"assert_no_indicator_is_overdue"}


def test_dim_theme_counts_missions_per_theme(warehouse, catalogue):
    # The counts per theme are the letter's (tests/test_catalogue_against_seed.py checks the catalogue
    # against it: 7, 6, 5, 8 entries); here they must arrive in dim_theme as the catalogue has them.
    missions = catalogue.missions
    expected = {
        theme: (int((missions["thema"] == theme).sum()), int(missions.loc[missions["thema"] == theme, "telt_mee_in_25"].sum()))
        for theme in missions["thema"].unique()
    }
    rows = warehouse.execute(
        "select theme_key, mission_entries, missions_in_official_25 from marts.dim_theme order by sort_order"
    ).fetchall()
    assert {theme: (entries, official) for theme, entries, official in rows if theme not in ("-1", "-2")} == expected
    assert [theme for theme, *_ in rows][-2:] == ["-2", "-1"]


def test_dim_mission_holds_all_26_entries_and_the_unknown_member(warehouse):
    assert warehouse.execute("select count(*) from marts.dim_mission where mission_key <> '-1'").fetchone() == (26,)
    assert warehouse.execute("select count(*) from marts.dim_mission where counts_in_official_25").fetchone() == (25,)
    assert warehouse.execute(
        "select count(distinct canonical_mission_key) from marts.dim_mission where counts_in_official_25"
    ).fetchone() == (24,)  # climate-neutral agriculture, under ET and LWV, is one mission


def test_dim_target_carries_the_letters_figures(warehouse):
    # one row per catalogue target is the dbt test assert_dim_target_holds_every_catalogue_target
    assert warehouse.execute(
        "select target_value, base_year, document_reference from marts.dim_target where target_key = 'ET-BKG:2050'"
    ).fetchone() == (-95.0, 1990, "Kamerstuk 33 009, nr. 70 (vergaderjaar 2018–2019)")


def test_a_broken_catalogue_fails_the_run_and_keeps_the_last_good_tables(run, definitions, tmp_path, monkeypatch):
    from dagster_project.defs.catalogue import assets
    from dagster_project.settings import CATALOGUE_FILE

    with duckdb.connect(str(warehouse_path()), read_only=True) as conn:
        missions_before = conn.execute("select * from marts.dim_mission order by all").fetchall()
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
        assert conn.execute("select * from marts.dim_mission order by all").fetchall() == missions_before


# Published figures, each checked against its source by hand, in the file (vintage) that published
# them: a newer publication of the same series, added later, is another vintage and changes none of these.
GHG_2024 = "cbs_nederland_in_cijfers_2024__broeikasgassen.csv"  # CBS, The Netherlands in numbers 2024 (2023 provisional)
GHG_2021 = "cbs_nieuws_2021_10__broeikasgassen_2020.csv"  # CBS news 2021 week 10 (2020 first estimate 166 Mt)
HEALTH = "rivm_vzinfo_monitor_missies_gz__gezonde_levensverwachting.csv"  # RIVM VZinfo Monitor Missies G&Z, centrale missie
MATERIALS = "cbs_materiaalmonitor_2024__materiaalgebruik.csv"  # CBS December 2024 / 'Groeiend naar een groene economie?'
PUBLISHED = [
    (GHG_2024, "BKG_TOTAAL", "1990", "totaal", 228.1, "definitief"),
    (GHG_2024, "BKG_TOTAAL", "2015", "totaal", 200.4, "definitief"),
    (GHG_2024, "BKG_TOTAAL", "2023", "totaal", 149.5, "voorlopig"),
    (GHG_2024, "BKG_TOTAAL", "2020", "totaal", 168.8, "definitief"),
    (GHG_2021, "BKG_TOTAAL", "2020", "totaal", 166.0, "voorlopig"),
    (HEALTH, "GLV_GEBOORTE", "2021", "geslacht:man", 65.4, "definitief"),
    (HEALTH, "GLV_GEBOORTE", "2022", "geslacht:vrouw", 62.3, "definitief"),
    (HEALTH, "GLV_OPLEIDING", "2019-2022", "geslacht:man|opleiding:laag", 57.2, "definitief"),
    (HEALTH, "GLV_OPLEIDING", "2019-2022", "geslacht:man|opleiding:hoog", 70.5, "definitief"),
    (HEALTH, "GLV_INKOMEN", "2017-2020", "geslacht:vrouw|inkomen:hoogste", 72.4, "definitief"),
    (MATERIALS, "MAT_CONSUMPTIE", "2022", "totaal", 182.0, "onbekend"),
    (MATERIALS, "MAT_INZET", "2014", "totaal", 390.0, "onbekend"),
]


@pytest.mark.parametrize(("file_name", "indicator", "period", "breakdown", "value", "status"), PUBLISHED)
def test_snapshot_values_match_their_publication(warehouse, file_name, indicator, period, breakdown, value, status):
    row = warehouse.execute(
        "select value, observation_status from marts.fct_observations "
        "where indicator_key = ? and period_label = ? and breakdown = ? and file_name = ?",
        [indicator, period, breakdown, file_name],
    ).fetchall()
    assert row == [(value, status)]


def test_the_three_headline_indicators_are_there(warehouse):
    indicators = {r[0] for r in warehouse.execute("select distinct indicator_key from marts.fct_observations").fetchall()}
    assert {"BKG_TOTAAL", "GLV_GEBOORTE", "GLV_OPLEIDING", "MAT_CONSUMPTIE"} <= indicators
    years = warehouse.execute(
        "select min(period_year), max(period_year), count(*) from marts.fct_observations "
        "where indicator_key = 'BKG_TOTAAL' and file_name = ?",
        [GHG_2024],
    ).fetchone()
    assert years == (1990, 2023, 34)


def test_the_2020_revision_is_listed(warehouse):
    # published later wins: the final 2024 figure ranks above the first estimate of March 2021
    ranks = dict(
        warehouse.execute(
            "select file_name, vintage_rank from marts.fct_observations "
            "where indicator_key = 'BKG_TOTAAL' and period_label = '2020'"
        ).fetchall()
    )
    assert ranks[GHG_2024] < ranks[GHG_2021]
    assert warehouse.execute(
        "select previous_value, value, previous_status, observation_status, change_kind "
        "from marts.fct_observation_revisions r join marts.dim_vintage v using (vintage_key) "
        "where r.indicator_key = 'BKG_TOTAAL' and r.period_label = '2020' and v.file_name = ?",
        [GHG_2024],
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
    stored = {
        (f, i, p, b): n
        for f, i, p, b, n in warehouse.execute(
            "select v.file_name, o.indicator_code, o.period_label, o.breakdown, o.note from raw_observations.observations o "
            "join raw_observations.vintages v using (vintage_id) where v.source_kind = 'snapshot'"
        ).fetchall()
    }
    assert stored == expected
    assert any(";" in (note or "") for note in stored.values())  # the notes that were cut are whole
