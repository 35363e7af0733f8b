"""Every link indicator -> target in indicatoren.yml must make sense, or the reference is refused.

The case that went wrong: a renewable-electricity share (%, higher is better) linked to "a fully
CO2-free electricity system in 2050" (a zero target, lower is better) was accepted, and the overview
said "Doel bereikt". No observation values are involved: these are checks on the reference alone.
"""

from pathlib import Path

import dagster as dg
import pytest
import yaml

from dagster_project.defs.catalogue import assets as catalogue_assets
from dagster_project.defs.catalogue.catalogue_file import CatalogueError
from dagster_project.defs.catalogue.indicator_file import link_problems, read_indicators
from dagster_project.defs.resources import WarehouseResource
from dagster_project.settings import INDICATOR_FILE

# The indicator from the incident (hypothetical code; no figures needed to refuse it).
SHARE = {
    "code": "HE_AANDEEL_ELEKTRICITEIT",
    "naam": "Aandeel hernieuwbare elektriciteit in het elektriciteitsverbruik",
    "naam_en": "Renewable share of electricity consumption",
    "eenheid": "%",
    "periodetype": "jaar",
    "richting": "omhoog",
    "natuurlijke_grens": 0,
    "eigenaar": "CBS",
    "missie": "ET-BKG-ELEK",
    "meet_doel": "proxy",
    "toelichting_proxy": "Een aandeel hernieuwbaar meet niet of de uitstoot zelf nul wordt.",
    "doelen": ["ET-BKG-ELEK:2050"],
    "uitsplitsingen": ["totaal"],
    "grenzen": {"min": 0, "max": 100},
}


def _indicator(**fields) -> dict:
    """A hypothetical published indicator: the share above with some fields changed."""
    return {**SHARE, **fields}


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(INDICATOR_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "indicatoren.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _with(*indicators: dict):
    return lambda data: data["indicatoren"].extend(indicators)


def _problems(path: Path, catalogue) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        read_indicators(path, catalogue)
    assert "indicatoren.yml" in str(caught.value)
    return caught.value.problems


def _target(catalogue, code: str) -> dict:
    [row] = [t for t in catalogue.targets.to_dict("records") if t["code"] == code]
    return row


def test_todays_reference_passes(catalogue):
    tables = read_indicators(INDICATOR_FILE, catalogue)
    assert len(tables["indicator_targets"]) >= 7


def test_a_share_that_must_rise_is_refused_for_a_zero_emission_target(tmp_path, catalogue):
    problems = _problems(_write(tmp_path, _with(SHARE)), catalogue)

    assert problems == [
        "indicator 'HE_AANDEEL_ELEKTRICITEIT', veld 'doelen': doel 'ET-BKG-ELEK:2050' vraagt een daling (richting omlaag), "
        "maar voor HE_AANDEEL_ELEKTRICITEIT is hoger beter (richting omhoog): een stijging kan geen daling halen. "
        "Koppel een indicator die met het doel mee beweegt, of corrigeer 'richting'.",
        "indicator 'HE_AANDEEL_ELEKTRICITEIT', veld 'doelen': doel 'ET-BKG-ELEK:2050' is een nuldoel "
        "(CO2-uitstoot elektriciteitssysteem naar 0), maar HE_AANDEEL_ELEKTRICITEIT is een aandeel ('%'): een aandeel "
        "meet niet of de hoeveelheid zelf nul wordt. Koppel een hoeveelheid die nul kan worden (met natuurlijke_grens: 0), "
        "bijvoorbeeld de uitstoot zelf.",
    ]


def test_the_catalogue_asset_fails_with_the_dutch_message_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogue_assets, "INDICATOR_FILE", _write(tmp_path, _with(SHARE)))
    warehouse = tmp_path / "warehouse.duckdb"

    result = dg.materialize(
        [catalogue_assets.mission_catalogue],
        raise_on_error=False,
        resources={"warehouse": WarehouseResource(path=str(warehouse))},
    )

    assert not result.success
    [failure] = [e for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_FAILURE]
    text = failure.step_failure_data.user_failure_data.description
    assert "een stijging kan geen daling halen" in text and "is een aandeel ('%')" in text
    assert "HE_AANDEEL_ELEKTRICITEIT" in text and "ET-BKG-ELEK:2050" in text
    assert result.get_asset_materialization_events() == []


# (a) direction ----------------------------------------------------------------------------------


def test_direction_an_indicator_that_must_fall_cannot_reach_a_rise(tmp_path, catalogue):
    def falling(data):
        next(i for i in data["indicatoren"] if i["code"] == "GLV_GEBOORTE")["richting"] = "omlaag"

    assert _problems(_write(tmp_path, falling), catalogue) == [
        "indicator 'GLV_GEBOORTE', veld 'doelen': doel 'GZ-CENTRAAL:2040:GEZONDE-JAREN' vraagt een stijging (richting omhoog), "
        "maar voor GLV_GEBOORTE is lager beter (richting omlaag): een daling kan geen stijging halen. "
        "Koppel een indicator die met het doel mee beweegt, of corrigeer 'richting'."
    ]


def test_direction_also_counts_for_a_qualitative_target_that_names_one(catalogue):
    # LWV-KRINGLOOP:2030 is qualitative but says which way (omlaag); (e) accepts any indicator otherwise
    target = _target(catalogue, "LWV-KRINGLOOP:2030")
    assert len(link_problems(_indicator(richting="omhoog"), target)) == 1
    assert link_problems(_indicator(richting="omlaag"), target) == []
    assert link_problems(_indicator(richting="omhoog"), _target(catalogue, "V-DATA:2030")) == []


# (b) zero targets -------------------------------------------------------------------------------


def test_zero_target_needs_an_amount_that_can_reach_zero(catalogue):
    target = _target(catalogue, "ET-BKG-ELEK:2050")
    emissions = _indicator(code="BKG_ELEKTRICITEIT", eenheid="mld kg CO2-eq", richting="omlaag", natuurlijke_grens=0)
    assert link_problems(emissions, target) == []
    [problem] = link_problems({**emissions, "natuurlijke_grens": None}, target)
    assert "is een nuldoel" in problem and "geen natuurlijke grens 0 (natuurlijke_grens: leeg)" in problem
    [problem] = link_problems({**emissions, "eenheid": "% van 1990"}, target)
    assert "is een aandeel ('% van 1990')" in problem


# (c) absolute and rank targets ------------------------------------------------------------------


def test_absolute_target_unit_starts_with_the_indicator_unit(catalogue):
    target = _target(catalogue, "GZ-CENTRAAL:2040:GEZONDE-JAREN")  # 'jaren in goede gezondheid (verschil met basisjaar)'
    years = _indicator(code="GLV_X", eenheid="jaren", natuurlijke_grens=None)
    assert link_problems(years, target) == []
    assert link_problems({**years, "eenheid": "Jaren"}, target) == []
    [problem] = link_problems({**years, "eenheid": "%"}, target)
    assert problem == (
        "indicator 'GLV_X', veld 'doelen': doel 'GZ-CENTRAAL:2040:GEZONDE-JAREN' is een absoluut doel in "
        "'jaren in goede gezondheid (verschil met basisjaar)', maar GLV_X is in '%': de eenheid van het doel moet "
        "beginnen met de eenheid van de indicator (zoals 'jaren in goede gezondheid (verschil met basisjaar)' bij 'jaren')."
    )
    # a whole word: 'jaar' is not the start of 'jaren ...'
    assert len(link_problems({**years, "eenheid": "jaar"}, target)) == 1


def test_rank_target_unit_starts_with_the_indicator_unit(catalogue):
    target = _target(catalogue, "V-CYBER:2024:NCSI")  # 'positie National Cyber Security Index', omlaag
    rank = _indicator(code="V_NCSI", eenheid="positie", richting="omlaag", natuurlijke_grens=None)
    assert link_problems(rank, target) == []
    [problem] = link_problems({**rank, "eenheid": "score"}, target)
    assert "is een rangorde-doel in 'positie National Cyber Security Index', maar V_NCSI is in 'score'" in problem


# (d) relative targets ---------------------------------------------------------------------------


def test_relative_target_takes_a_level_or_a_share_but_not_a_change(catalogue):
    target = _target(catalogue, "ET-BKG:2030:KLIMAATWET")  # -55 % t.o.v. 1990, omlaag
    level = _indicator(code="X", eenheid="mld kg CO2-eq", richting="omlaag", natuurlijke_grens=0)
    assert link_problems(level, target) == []
    assert link_problems({**level, "natuurlijke_grens": None}, target) == []  # a level unit without a stated limit
    assert link_problems({**level, "eenheid": "%"}, target) == []  # a share: a relative change of the share
    [problem] = link_problems({**level, "eenheid": "% t.o.v. 1990", "natuurlijke_grens": None}, target)
    assert "is een relatief doel (% t.o.v. basisjaar), maar X is zelf al een verandering ('% t.o.v. 1990')" in problem
    # a gap with a natural zero is a level of its own (the -30 % target on the health gap)
    gap = _indicator(code="GAP", eenheid="jaren (verschil hoog-laag)", richting="omlaag", natuurlijke_grens=0)
    assert link_problems(gap, _target(catalogue, "GZ-CENTRAAL:2040:VERSCHIL")) == []


def test_a_share_may_carry_a_relative_target(catalogue):
    # GZ-PARTICIPATIE: "het deel dat ... kan meedoen ... met 25% toegenomen" is itself a share with a relative target
    share = _indicator(code="GZ_MEEDOEN", eenheid="% van mensen met een chronische ziekte", richting="omhoog")
    assert link_problems(share, _target(catalogue, "GZ-PARTICIPATIE:2030")) == []


# (e) and all at once ----------------------------------------------------------------------------


def test_every_bad_link_is_reported_at_once(tmp_path, catalogue):
    wrong_unit = _indicator(code="GLV_PROCENT", eenheid="%", missie="GZ-CENTRAAL", doelen=["GZ-CENTRAAL:2040:GEZONDE-JAREN"])
    problems = _problems(_write(tmp_path, _with(SHARE, wrong_unit)), catalogue)
    assert [p.split("'")[1] for p in problems] == ["HE_AANDEEL_ELEKTRICITEIT", "HE_AANDEEL_ELEKTRICITEIT", "GLV_PROCENT"]


def test_derived_indicators_are_checked_too(tmp_path, catalogue):
    def rising_gap(data):
        data["afgeleide_indicatoren"][0]["richting"] = "omhoog"

    [problem] = _problems(_write(tmp_path, rising_gap), catalogue)
    assert problem.startswith(
        "indicator 'GLV_VERSCHIL_OPLEIDING', veld 'doelen': doel 'GZ-CENTRAAL:2040:VERSCHIL' vraagt een daling"
    )
