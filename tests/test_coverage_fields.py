"""The reference fields that say how well a mission is measured: `meet_doel` / `toelichting_proxy` and
`ritme_jaren` / `ritme_bron` per indicator (indicatoren.yml), `dekking_toelichting` per mission
(missiecatalogus.yml). Fast: the readers only, no pipeline."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from dagster_project.defs.catalogue.catalogue_file import CatalogueError, read_catalogue
from dagster_project.defs.catalogue.indicator_file import read_indicators
from dagster_project.settings import CATALOGUE_FILE, INDICATOR_FILE

from reference_rules import indicator_entries, indicator_file_problems, missions_with_an_indicator, set_indicator_fields


def _write(tmp_path: Path, source: Path, change) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / source.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_every_indicator_says_whether_it_measures_its_target_or_approximates_it():
    for entry in indicator_entries(INDICATOR_FILE):
        assert entry.get("meet_doel") in ("exact", "proxy"), entry["code"]
        assert bool(entry.get("toelichting_proxy")) == (entry["meet_doel"] == "proxy"), entry["code"]


def test_the_fields_reach_the_raw_table(catalogue):
    indicators = read_indicators(INDICATOR_FILE, catalogue)["indicators"].set_index("code")
    assert indicators.loc["BKG_TOTAAL", "meet_doel"] == "exact"
    assert indicators.loc["MAT_INZET", "meet_doel"] == "proxy"
    assert indicators.loc["MAT_INZET", "toelichting_proxy"].startswith("De brief definieert grondstoffengebruik niet")
    assert str(indicators["ritme_jaren"].dtype) == "Int64"
    for entry in indicator_entries(INDICATOR_FILE):
        expected = entry.get("ritme_jaren")
        stored = indicators.loc[entry["code"], "ritme_jaren"]
        assert (stored == expected) if expected else stored is pd.NA, entry["code"]
    missions = catalogue.missions.set_index("code")
    assert "dekking_toelichting" in missions.columns


def test_a_missing_or_unknown_measurement_fit_is_refused(tmp_path, catalogue):
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("BKG_TOTAAL", meet_doel=None)), catalogue
    )
    assert problem.startswith("indicator 'BKG_TOTAAL', veld 'meet_doel': ontbreekt. Gebruik exact")
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("BKG_TOTAAL", meet_doel="ongeveer")), catalogue
    )
    assert problem.startswith("indicator 'BKG_TOTAAL', veld 'meet_doel': 'ongeveer' is onbekend.")


def test_a_proxy_says_what_it_misses_and_an_exact_indicator_has_nothing_to_explain(tmp_path, catalogue):
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("MAT_INZET", toelichting_proxy=None)), catalogue
    )
    assert problem.startswith("indicator 'MAT_INZET', veld 'toelichting_proxy': ontbreekt.")
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("MAT_INZET", toelichting_proxy="  ")), catalogue
    )
    assert problem.startswith("indicator 'MAT_INZET', veld 'toelichting_proxy': ontbreekt.")
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("BKG_TOTAAL", toelichting_proxy="Meet iets anders.")), catalogue
    )
    assert problem.startswith("indicator 'BKG_TOTAAL', veld 'toelichting_proxy': alleen bij meet_doel: proxy.")
    # a derived indicator is checked the same way
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("GLV_VERSCHIL_INKOMEN", meet_doel=None)), catalogue
    )
    assert problem.startswith("indicator 'GLV_VERSCHIL_INKOMEN', veld 'meet_doel': ontbreekt.")


def test_a_rhythm_is_whole_years_of_two_or_more_with_its_source(tmp_path, catalogue):
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("BKG_TOTAAL", ritme_jaren=1, ritme_bron="x")), catalogue
    )
    assert problem.startswith("indicator 'BKG_TOTAAL', veld 'ritme_jaren': '1' is geen geheel getal van 2 of meer.")
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("BKG_TOTAAL", ritme_jaren="drie")), catalogue
    )
    assert "veld 'ritme_jaren': 'drie' is geen geheel getal" in problem
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("BKG_TOTAAL", ritme_jaren=3)), catalogue
    )
    assert problem == "indicator 'BKG_TOTAAL', veld 'ritme_bron': ontbreekt. Zeg waar het ritme van eens per 3 jaar staat."
    [problem] = indicator_file_problems(
        _write(tmp_path, INDICATOR_FILE, set_indicator_fields("BKG_TOTAAL", ritme_bron="CBS")), catalogue
    )
    assert problem.startswith("indicator 'BKG_TOTAAL', veld 'ritme_bron': staat er zonder 'ritme_jaren'")


def test_a_coverage_note_is_text(tmp_path):
    def blank(data):
        data["missies"][0]["dekking_toelichting"] = " "

    with pytest.raises(CatalogueError) as caught:
        read_catalogue(_write(tmp_path, CATALOGUE_FILE, blank))
    [problem] = caught.value.problems
    assert problem.startswith("missie 'ET-BKG', veld 'dekking_toelichting': leeg of geen tekst.")


def test_every_mission_without_an_indicator_says_what_was_looked_for_and_why_nothing_fits():
    missions = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))["missies"]
    measured = missions_with_an_indicator(INDICATOR_FILE, CATALOGUE_FILE)
    unexplained = [m["code"] for m in missions if m["code"] not in measured and not m.get("dekking_toelichting")]
    assert unexplained == []
