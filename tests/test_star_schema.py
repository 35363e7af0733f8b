"""The M&E star schema on the real snapshot: targets, progress, mission and theme roll-ups, inputs."""

import re

import pytest
import yaml

from dagster_project.settings import PROGRAMME_INPUT_FILE, REPO_ROOT

pytestmark = pytest.mark.slow


def test_every_mission_of_the_catalogue_is_in_the_mission_roll_up(warehouse, catalogue):
    rolled_up = {r[0] for r in warehouse.execute("select mission_key from marts.fct_mission_status").fetchall()}
    assert rolled_up == set(catalogue.missions["code"])
    assert len(rolled_up) == 26


def test_missions_without_an_indicator_are_reported_as_such(warehouse):
    rows = dict(warehouse.execute(
        "select mission_key, status_code from marts.fct_mission_status where not has_indicator").fetchall())
    assert {"V-CYBER", "LWV-DELTA", "GZ-DEMENTIE", "ET-BKG-ELEK"} <= set(rows)
    assert set(rows.values()) == {"geen_indicator"}
    coverage = warehouse.execute(
        "select sum(missions_with_indicator), sum(mission_count), sum(missions_without_indicator) from marts.fct_theme_status"
    ).fetchone()
    assert coverage == (3, 26, 23)  # ET-BKG, ET-CIRC and GZ-CENTRAAL have indicators today


def test_climate_neutral_agriculture_has_the_same_status_under_both_themes(warehouse):
    rows = dict(warehouse.execute(
        "select mission_key, status_code from marts.fct_mission_status "
        "where mission_key in ('ET-BKG-LANDBOUW', 'LWV-KLIMAATNEUTRAAL')").fetchall())
    assert rows["ET-BKG-LANDBOUW"] == rows["LWV-KLIMAATNEUTRAAL"]


def test_the_2030_ghg_target_in_megatonnes_comes_from_the_1990_value_of_the_same_vintage(warehouse):
    row = warehouse.execute(
        "select target_base_value, target_value_absolute, unit from marts.fct_targets "
        "where target_key = 'ET-BKG:2030:KLIMAATWET' and is_latest_vintage").fetchone()
    assert row == (228.1, 102.645, "mld kg CO2-eq")  # 228.1 x (1 - 0.55)


def test_ghg_progress_against_the_klimaatwet_target(warehouse):
    rows = dict(warehouse.execute(
        "select base_year_setting, (base_year_used, current_year, progress_ratio, status_code, status_nl) "
        "from marts.fct_progress where target_key = 'ET-BKG:2030:KLIMAATWET' and is_latest_vintage").fetchall())
    # Hand-computed: (149.5/200.4)^(1/8)-1 = -3.60%/yr observed; (102.645/200.4)^(1/15)-1 = -4.36%/yr needed.
    assert rows[2015] == (2015, 2023, 0.8245, "matige_vooruitgang", "Vooruitgang, versnelling nodig")
    # From 2019 the pace was enough: the base year changes the verdict, so both are kept.
    assert rows[2019][3] == "substantiele_vooruitgang"


def test_the_mission_status_follows_the_next_target_not_a_later_one(warehouse):
    row = warehouse.execute(
        "select status_code, headline_target_key, latest_value, target_year, target_value_absolute "
        "from marts.fct_mission_status where mission_key = 'ET-BKG'").fetchone()
    assert row == ("matige_vooruitgang", "ET-BKG:2030:KLIMAATWET", 149.5, 2030, 102.645)
    # the replaced -49% target is assessed but does not count
    counted = warehouse.execute(
        "select target_is_current from marts.fct_progress where target_key = 'ET-BKG:2030' limit 1").fetchone()
    assert counted == (False,)


def test_a_target_without_a_base_year_is_kept_with_its_reason(warehouse):
    row = warehouse.execute(
        "select has_absolute_value, target_value_missing_reason from marts.fct_targets "
        "where target_key = 'GZ-CENTRAAL:2040:GEZONDE-JAREN' and is_latest_vintage limit 1").fetchone()
    assert row[0] is False and "geen basisjaar" in row[1]
    status = warehouse.execute(
        "select distinct method_variant, status_nl from marts.fct_progress "
        "where target_key = 'GZ-CENTRAAL:2040:GEZONDE-JAREN' and is_latest_vintage and is_primary_base_year").fetchall()
    assert status == [("zonder_doelwaarde", "Verslechtering")]  # 64.8 (2019) -> 63.2 (2022) for men, 63.2 -> 62.3 for women


def test_the_health_gap_is_derived_from_published_values_of_one_vintage(warehouse):
    rows = warehouse.execute(
        "select breakdown, value, is_derived, vintage_key from marts.fct_observations "
        "where indicator_key = 'GLV_VERSCHIL_OPLEIDING' and period_label = '2019-2022' order by breakdown").fetchall()
    assert [(b, v, d) for b, v, d, _ in rows] == [("geslacht:man", 13.3, True), ("geslacht:vrouw", 14.8, True)]
    source = warehouse.execute(
        "select distinct vintage_key from marts.fct_observations "
        "where indicator_key = 'GLV_OPLEIDING' and period_label = '2019-2022'").fetchall()
    assert {r[3] for r in rows} == {s[0] for s in source}


def test_theme_status_is_the_worst_of_its_assessed_missions(warehouse):
    themes = dict(warehouse.execute("select theme_key, status_code from marts.fct_theme_status").fetchall())
    assert themes == {"ET": "matige_vooruitgang", "GZ": "verslechtering", "LWV": "geen_indicator", "V": "geen_indicator"}


def test_programme_inputs_are_the_document_figures(warehouse):
    rows = dict(warehouse.execute(
        "select instrument_code || ':' || measure_code || ':' || cluster_key, value from marts.fct_programme_inputs").fetchall())
    assert rows["KIA-ST-MJP:aantal_programmas:-2"] == 51
    assert rows["KIA-ST-MJP:budget_totaal:-2"] == 4165
    assert rows["KIA-ST-MJP:budget_gecommitteerd:-2"] == 2248
    assert rows["WBSO:budgettair_belang:-2"] == 1281
    assert rows["INNOVATIEBOX:budgettair_belang:-2"] == 1561
    linked = warehouse.execute(
        "select theme_key, value_label_nl from marts.fct_programme_inputs where measure_code = 'aandeel_voorstellen_met_thema'").fetchall()
    assert linked == [("ET", "bijna 90% van de voorstellen")]


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("-\n", "")).strip()


def test_every_programme_figure_is_quoted_from_its_document():
    catalogue = yaml.safe_load((REPO_ROOT / "data/reference/missiecatalogus.yml").read_text(encoding="utf-8"))
    files = {s["code"]: s.get("bestand") for s in catalogue["bronnen"]}
    for figure in yaml.safe_load(PROGRAMME_INPUT_FILE.read_text(encoding="utf-8"))["cijfers"]:
        document = _normalised((REPO_ROOT / files[figure["bron"]]).read_text(encoding="utf-8"))
        quoted = figure["citaat"].split(" Voetnoot ")[0]
        assert _normalised(quoted) in document, (figure["instrument"], figure["maat"])


def test_no_measure_is_nan(warehouse):
    # NaN is not a number a dashboard can show or compare; missing is NULL, with a reason beside it
    for table in ("fct_progress", "fct_targets", "fct_observations", "fct_mission_status"):
        columns = [name for name, kind, *_ in warehouse.execute(f"describe marts.{table}").fetchall() if kind == "DOUBLE"]
        nan = " or ".join(f"isnan({c})" for c in columns)
        assert warehouse.execute(f"select count(*) from marts.{table} where {nan}").fetchone() == (0,), table


def test_the_chart_series_hold_the_published_observations_and_the_target_line(warehouse):
    points = dict(warehouse.execute(
        "select series_label_nl || ' ' || year, value from marts.fct_indicator_chart_series "
        "where indicator_key = 'BKG_TOTAAL' and breakdown = 'totaal'").fetchall())
    assert points["Waarneming 1990"] == 228.1  # CBS, The Netherlands in numbers 2024
    assert points["Doel 2030 2030"] == pytest.approx(228.1 * 0.45)  # -55 % against 1990
    assert points["Rechte lijn naar doel 2030 2030"] == pytest.approx(228.1 * 0.45)


def test_source_coverage_counts_every_observation_once(warehouse):
    assert warehouse.execute("select sum(observation_count) from marts.fct_source_coverage").fetchone() == \
        warehouse.execute("select count(*) from marts.fct_observations").fetchone()
