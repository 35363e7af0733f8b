"""The M&E star schema on the real snapshot: targets, progress, mission and theme roll-ups, inputs.

Rules about the built tables that hold for any data (every mission entry rolled up, a theme takes
its worst mission's status, identical missions share a status, coverage adds up, no NaN, source
coverage counts every observation once) are dbt tests (dbt/tests/, dbt/models/marts/*.yml): they
run in every `dbt build` as Dagster asset checks, and tests/test_pipeline.py asserts they all
passed. What stays here is what dbt cannot know: verdicts and figures compared with their
publication or computed by hand, and the reference files against the marts.
"""

import re

import pytest
import yaml

from dagster_project.settings import CATALOGUE_FILE, INDICATOR_FILE, PROGRAMME_INPUT_FILE, REPO_ROOT

from reference_rules import mission_indicators, missions_with_an_indicator

pytestmark = pytest.mark.slow

# Published figures are checked in the vintage (file) they were published in, not in "the latest"
# one, so a newer snapshot file or delivery of the same series does not break these tests.
GHG_2024 = "cbs_nederland_in_cijfers_2024__broeikasgassen.csv"  # CBS, The Netherlands in numbers 2024
HEALTH = "rivm_vzinfo_monitor_missies_gz__gezonde_levensverwachting.csv"  # RIVM VZinfo, Monitor Missies G&Z


def _vintage(warehouse, file_name: str) -> str:
    [(vintage,)] = warehouse.execute("select vintage_key from marts.dim_vintage where file_name = ?", [file_name]).fetchall()
    return vintage


def test_a_mission_has_an_indicator_exactly_when_the_reference_links_one(warehouse):
    # Computed from the reference files, so adding an indicator (README "Adding an indicator") moves
    # its mission out of "geen indicator" here too instead of breaking a hard-coded list.
    indicators = mission_indicators(INDICATOR_FILE, CATALOGUE_FILE)
    linked = missions_with_an_indicator(INDICATOR_FILE, CATALOGUE_FILE)
    rows = {
        mission: (has, status)
        for mission, has, status in warehouse.execute(
            "select mission_key, has_indicator, status_code from marts.fct_mission_status"
        ).fetchall()
    }
    assert {m for m, (has, _) in rows.items() if has} == linked
    assert dict(warehouse.execute("select mission_key, indicator_codes from marts.fct_mission_status").fetchall()) == {
        mission: ", ".join(sorted(codes)) or None for mission, codes in indicators.items()
    }
    assert {status for m, (_, status) in rows.items() if m not in linked} <= {"geen_indicator"}
    coverage = warehouse.execute(
        "select sum(missions_with_indicator), sum(mission_count), sum(missions_without_indicator) from marts.fct_theme_status"
    ).fetchone()
    assert coverage == (len(linked), len(rows), len(rows) - len(linked))


def test_the_2030_ghg_target_in_megatonnes_comes_from_the_1990_value_of_the_same_vintage(warehouse):
    row = warehouse.execute(
        "select target_base_value, target_value_absolute, unit, base_value_vintage_key from marts.fct_targets "
        "where target_key = 'ET-BKG:2030:KLIMAATWET' and vintage_key = ?",
        [_vintage(warehouse, GHG_2024)],
    ).fetchone()
    assert row == (228.1, 102.645, "mld kg CO2-eq", _vintage(warehouse, GHG_2024))  # 228.1 x (1 - 0.55)


def test_ghg_progress_against_the_klimaatwet_target(warehouse):
    rows = dict(
        warehouse.execute(
            "select base_year_setting, (base_year_used, current_year, progress_ratio, status_code, status_nl) "
            "from marts.fct_progress where target_key = 'ET-BKG:2030:KLIMAATWET' and vintage_key = ?",
            [_vintage(warehouse, GHG_2024)],
        ).fetchall()
    )
    # Hand-computed: (149.5/200.4)^(1/8)-1 = -3.60%/yr observed; (102.645/200.4)^(1/15)-1 = -4.36%/yr needed.
    assert rows[2015] == (2015, 2023, 0.8245, "matige_vooruitgang", "Vooruitgang, versnelling nodig")
    # From 2019 the pace was enough: the base year changes the verdict, so both are kept.
    assert rows[2019][3] == "substantiele_vooruitgang"


def test_the_mission_status_follows_the_next_target_not_a_later_one(warehouse):
    # ET-BKG has targets for 2030 and 2050: its verdict is that of the next target year ahead of the
    # data (2030 while the data end before it), taken from the latest vintage, base year 2015.
    status, indicator, target, vintage, breakdown, latest_year, latest_value, target_year, target_value = warehouse.execute(
        "select status_code, headline_indicator_key, headline_target_key, headline_vintage_key, headline_breakdown, "
        "latest_year, latest_value, target_year, target_value_absolute "
        "from marts.fct_mission_status where mission_key = 'ET-BKG'"
    ).fetchone()
    ahead = warehouse.execute(
        "select min(target_year) from marts.fct_progress where indicator_key = ? and vintage_key = ? and is_latest_vintage "
        "and is_primary_base_year and target_is_current and region_key = 'NL' and breakdown = ? and target_year >= ?",
        [indicator, vintage, breakdown, latest_year],
    ).fetchone()[0]
    assert target_year == ahead
    assert warehouse.execute(
        "select status_code, current_value, target_value_absolute from marts.fct_progress where indicator_key = ? "
        "and target_key = ? and vintage_key = ? and is_primary_base_year and region_key = 'NL' and breakdown = ?",
        [indicator, target, vintage, breakdown],
    ).fetchall() == [(status, latest_value, target_value)]
    # the replaced -49% target is assessed but does not count
    counted = warehouse.execute(
        "select target_is_current from marts.fct_progress where target_key = 'ET-BKG:2030' limit 1"
    ).fetchone()
    assert counted == (False,)


def test_a_target_without_a_base_year_is_kept_with_its_reason(warehouse):
    # the circular-economy halving: no base year in the letter, none verified since, none chosen for ET
    row = warehouse.execute(
        "select has_absolute_value, is_base_year_chosen, target_value_missing_reason from marts.fct_targets "
        "where target_key = 'ET-CIRC:2030' and is_latest_vintage limit 1"
    ).fetchone()
    assert row[:2] == (False, False) and "geen basisjaar" in row[2]
    assert warehouse.execute(
        "select distinct method_variant from marts.fct_progress where target_key = 'ET-CIRC:2030'"
    ).fetchall() == [("zonder_doelwaarde",)]


def test_health_targets_use_the_chosen_base_year_and_say_so(warehouse):
    # The letter names no base year for GZ; the project chose 2019 (dbt var target_base_year_chosen).
    # Five healthy years more than in 2019: 64.8 + 5 (men), 63.2 + 5 (women), RIVM VZinfo.
    rows = dict(
        warehouse.execute(
            "select breakdown, (target_base_year, is_base_year_chosen, target_base_period_label, target_value_absolute) "
            "from marts.fct_targets where target_key = 'GZ-CENTRAAL:2040:GEZONDE-JAREN' and vintage_key = ?",
            [_vintage(warehouse, HEALTH)],
        ).fetchall()
    )
    assert rows["geslacht:man"] == (2019, True, "2019", pytest.approx(69.8))
    assert rows["geslacht:vrouw"] == (2019, True, "2019", pytest.approx(68.2))
    # a multi-year series takes the period that starts in the base year: the gap 2019-2022 (13.3 years for men) - 30 %
    gap = warehouse.execute(
        "select target_base_period_label, target_base_value, target_value_absolute, base_year_note_nl from marts.fct_targets "
        "where target_key = 'GZ-CENTRAAL:2040:VERSCHIL' and indicator_key = 'GLV_VERSCHIL_OPLEIDING' "
        "and breakdown = 'geslacht:man' and vintage_key = ?",
        [_vintage(warehouse, HEALTH)],
    ).fetchone()
    assert gap[:3] == ("2019-2022", pytest.approx(13.3), pytest.approx(13.3 * 0.7))
    assert "keuze van de Missiemonitor" in gap[3]
    # with a target value the verdict may be worded against it: 64.8 (2019) -> 63.2 (2022) moves away from 69.8
    status = warehouse.execute(
        "select distinct method_variant, status_nl from marts.fct_progress "
        "where target_key = 'GZ-CENTRAAL:2040:GEZONDE-JAREN' and vintage_key = ? and is_primary_base_year "
        "and breakdown in ('geslacht:man', 'geslacht:vrouw')",
        [_vintage(warehouse, HEALTH)],
    ).fetchall()
    assert status == [("met_doelwaarde", "Verslechtering")]
    # a series without a 2019 value in that vintage gets no target value, and says why
    reasons = {
        reason
        for (reason,) in warehouse.execute(
            "select target_value_missing_reason from marts.fct_targets "
            "where target_key = 'GZ-CENTRAAL:2040:GEZONDE-JAREN' and not has_absolute_value"
        ).fetchall()
    }
    assert reasons <= {"Geen periode die begint in het gekozen basisjaar 2019 in deze versie van de reeks."}


def test_the_health_gap_is_derived_from_published_values_of_one_vintage(warehouse):
    # 70.5 - 57.2 (men) and 70.4 - 55.6 (women), high minus low education, RIVM VZinfo 2019-2022
    rows = warehouse.execute(
        "select breakdown, value, is_derived from marts.fct_observations where indicator_key = 'GLV_VERSCHIL_OPLEIDING' "
        "and period_label = '2019-2022' and vintage_key = ? order by breakdown",
        [_vintage(warehouse, HEALTH)],
    ).fetchall()
    assert rows == [("geslacht:man", 13.3, True), ("geslacht:vrouw", 14.8, True)]
    # every derived value sits in a vintage that holds the published values it is computed from
    orphans = warehouse.execute(
        "select count(*) from marts.fct_observations d where d.indicator_key = 'GLV_VERSCHIL_OPLEIDING' and not exists ("
        "select 1 from marts.fct_observations s where s.indicator_key = 'GLV_OPLEIDING' "
        "and s.vintage_key = d.vintage_key and s.period_label = d.period_label)"
    ).fetchone()
    assert orphans == (0,)


def test_programme_inputs_are_the_document_figures(warehouse):
    rows = dict(
        warehouse.execute(
            "select instrument_code || ':' || measure_code || ':' || cluster_key, value from marts.fct_programme_inputs"
        ).fetchall()
    )
    assert rows["KIA-ST-MJP:aantal_programmas:-2"] == 51
    assert rows["KIA-ST-MJP:budget_totaal:-2"] == 4165
    assert rows["KIA-ST-MJP:budget_gecommitteerd:-2"] == 2248
    assert rows["WBSO:budgettair_belang:-2"] == 1281
    assert rows["INNOVATIEBOX:budgettair_belang:-2"] == 1561
    linked = warehouse.execute(
        "select theme_key, value_label_nl from marts.fct_programme_inputs where measure_code = 'aandeel_voorstellen_met_thema'"
    ).fetchall()
    assert linked == [("ET", "bijna 90% van de voorstellen")]


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("-\n", "")).strip()


def test_every_programme_figure_is_quoted_from_its_document():
    """Where the document is stored in the repository the quote must be in it; a source read on the web
    only (no stored copy) must at least say where: an address, or in words where it was found."""
    catalogue = yaml.safe_load((REPO_ROOT / "data/reference/missiecatalogus.yml").read_text(encoding="utf-8"))
    sources = {s["code"]: s for s in catalogue["bronnen"]}
    checked = 0
    for figure in yaml.safe_load(PROGRAMME_INPUT_FILE.read_text(encoding="utf-8"))["cijfers"]:
        source = sources[figure["bron"]]
        assert figure["citaat"].strip(), (figure["instrument"], figure["maat"])
        if not source.get("bestand"):
            assert source.get("url") or source.get("datum_tekst"), source["code"]
            continue
        document = _normalised((REPO_ROOT / source["bestand"]).read_text(encoding="utf-8"))
        quoted = figure["citaat"].split(" Voetnoot ")[0]
        assert _normalised(quoted) in document, (figure["instrument"], figure["maat"])
        checked += 1
    assert checked >= 12  # the KIA-ST and letter figures, whose documents are stored


def test_the_chart_series_hold_the_published_observations_and_the_target_line(warehouse):
    # the chart draws the latest published value of every year, and the -55 % target from the 1990 one
    points = dict(
        warehouse.execute(
            "select series_label_nl || ' ' || year, value from marts.fct_indicator_chart_series "
            "where indicator_key = 'BKG_TOTAAL' and breakdown = 'totaal'"
        ).fetchall()
    )
    latest = dict(
        warehouse.execute(
            "select period_year, value from marts.fct_observations "
            "where indicator_key = 'BKG_TOTAAL' and region_key = 'NL' and breakdown = 'totaal' and is_latest"
        ).fetchall()
    )
    assert {int(label.split()[-1]): value for label, value in points.items() if label.startswith("Waarneming ")} == latest
    assert points["Doel 2030 2030"] == pytest.approx(latest[1990] * 0.45)  # -55 % against 1990
    assert points["Rechte lijn naar doel 2030 2030"] == pytest.approx(latest[1990] * 0.45)
