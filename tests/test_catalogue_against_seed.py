"""The catalogue must hold every mission and target of Kamerstuk 33 009, nr. 70, word for word."""

import re

import pandas as pd
import pytest

from conftest import KIA_ST_COPY, REPO_ROOT, SEED_COPY

# Counted by hand from the letter (section "Missies op vier maatschappelijke thema's").
ENTRIES_PER_THEME = {"ET": 7, "LWV": 6, "GZ": 5, "V": 8}
OFFICIAL_25_PER_THEME = {"ET": 6, "LWV": 6, "GZ": 5, "V": 8}

# Every mission with the target years the letter gives it (None: the letter names no year).
TARGET_YEARS = {
    "ET-BKG": {2030, 2050},
    "ET-BKG-ELEK": {2050},
    "ET-BKG-GEBOUWD": {2050},
    "ET-BKG-INDUSTRIE": {2050},
    "ET-BKG-MOBILITEIT": {2050},
    "ET-BKG-LANDBOUW": {2050},
    "ET-CIRC": {2030, 2050},
    "LWV-KRINGLOOP": {2030},
    "LWV-KLIMAATNEUTRAAL": {2050},
    "LWV-KLIMAATBESTENDIG": {2050},
    "LWV-VOEDSEL": {2030},
    "LWV-WATEREN": {2030, 2050},
    "LWV-DELTA": {2100},
    "GZ-CENTRAAL": {2040},
    "GZ-LEEFSTIJL": {2040},
    "GZ-EIGEN-LEEFOMGEVING": {2030},
    "GZ-PARTICIPATIE": {2030},
    "GZ-DEMENTIE": {2030},
    "V-CRIMINALITEIT": {2030},
    "V-MARITIEM": {2035},
    "V-RUIMTE": {2030},
    "V-CYBER": {2024},  # "binnen vijf jaar" from the letter of 26 April 2019
    "V-GENETWERKT": {2030},
    "V-INNOVEREN": {None},
    "V-DATA": {2030},
    "V-PROFESSIONAL": {2030},
}

# Targets the letter quantifies: code -> (kind, direction, value, base year).
QUANTIFIED = {
    "ET-BKG:2030": ("relatief", "omlaag", -49, 1990),
    "ET-BKG:2050": ("relatief", "omlaag", -95, 1990),
    "ET-CIRC:2030": ("relatief", "omlaag", -50, None),
    "GZ-CENTRAAL:2040:GEZONDE-JAREN": ("absoluut", "omhoog", 5, None),
    "GZ-CENTRAAL:2040:VERSCHIL": ("relatief", "omlaag", -30, None),
    "GZ-LEEFSTIJL:2040": ("relatief", "omlaag", -30, None),
    "GZ-EIGEN-LEEFOMGEVING:2030": ("relatief", "omhoog", 50, None),
    "GZ-PARTICIPATIE:2030": ("relatief", "omhoog", 25, None),
    "GZ-DEMENTIE:2030": ("relatief", "omhoog", 25, None),
    "V-CYBER:2024:GCI": ("rangorde", "omlaag", 10, None),
    "V-CYBER:2024:NCSI": ("rangorde", "omlaag", 10, None),
    "V-PROFESSIONAL:2030": ("rangorde", "omlaag", 10, None),
}

QUALITATIVE_ONLY = {
    "LWV-KRINGLOOP",
    "LWV-KLIMAATBESTENDIG",
    "LWV-VOEDSEL",
    "LWV-WATEREN",
    "LWV-DELTA",
    "V-CRIMINALITEIT",
    "V-MARITIEM",
    "V-RUIMTE",
    "V-GENETWERKT",
    "V-INNOVEREN",
    "V-DATA",
}


def _year(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _squash(text: str) -> str:
    """Compare texts without whitespace and hyphens, so PDF line breaks ("klimaat-\\nneutrale") don't matter."""
    return re.sub(r"[\s\-]+", "", text)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return _squash(SEED_COPY.read_text(encoding="utf-8"))


def test_entries_per_theme_match_the_letter(catalogue):
    assert catalogue.missions.groupby("thema").size().to_dict() == ENTRIES_PER_THEME


def test_the_government_count_of_25(catalogue):
    counted = catalogue.missions[catalogue.missions["telt_mee_in_25"]]
    assert len(counted) == 25
    assert counted.groupby("thema").size().to_dict() == OFFICIAL_25_PER_THEME
    assert catalogue.missions.set_index("code").loc["ET-BKG", "telt_mee_in_25"] == False  # noqa: E712


def test_every_mission_and_its_target_years_is_present(catalogue):
    years = catalogue.targets.groupby("missie")["doeljaar"].agg(lambda s: {_year(v) for v in s})
    assert set(catalogue.missions["code"]) == set(TARGET_YEARS)
    assert years.to_dict() == TARGET_YEARS


@pytest.mark.parametrize("column", ["missietekst"])
def test_mission_texts_are_verbatim_from_the_letter(catalogue, seed_text, column):
    missing = [
        code for code, text in zip(catalogue.missions["code"], catalogue.missions[column]) if _squash(text) not in seed_text
    ]
    assert missing == []


# Targets that come from a later document than the letter: the amended Klimaatwet (2030 and 2050).
FROM_ELSEWHERE = {"ET-BKG:2030:KLIMAATWET": "KST-36169-6", "ET-BKG:2050:KLIMAATWET": "GRANTHAM-CLIMATE-LAWS-NL"}


def test_target_texts_are_verbatim_from_their_source(catalogue, seed_text):
    from_letter = catalogue.targets[catalogue.targets["bron"] == "KST-33009-70"]
    elsewhere = catalogue.targets[catalogue.targets["bron"] != "KST-33009-70"]
    assert dict(zip(elsewhere["code"], elsewhere["bron"])) == FROM_ELSEWHERE
    missing = [code for code, text in zip(from_letter["code"], from_letter["doeltekst"]) if _squash(text) not in seed_text]
    assert missing == []


def test_quantified_targets_carry_the_letters_numbers(catalogue):
    targets = catalogue.targets.set_index("code")
    for code, (kind, direction, value, base_year) in QUANTIFIED.items():
        row = targets.loc[code]
        assert (row["kwantificering"], row["richting"], row["doelwaarde"]) == (kind, direction, value), code
        assert _year(row["basisjaar"]) == base_year, code


def test_the_2030_climate_target_was_raised_to_55_percent(catalogue):
    targets = catalogue.targets.set_index("code")
    assert targets.loc["ET-BKG:2030:KLIMAATWET", "doelwaarde"] == -55
    assert bool(targets.loc["ET-BKG:2030:KLIMAATWET", "geldend"]) is True
    assert bool(targets.loc["ET-BKG:2030", "geldend"]) is False


def test_the_2050_climate_target_became_climate_neutrality(catalogue):
    # the amended Klimaatwet replaced -95 % by climate neutrality: net zero, judged on the straight path to zero
    targets = catalogue.targets.set_index("code")
    new = targets.loc["ET-BKG:2050:KLIMAATWET"]
    assert (new["kwantificering"], new["doelwaarde"], new["richting"], bool(new["geldend"])) == ("nul", 0, "omlaag", True)
    assert bool(targets.loc["ET-BKG:2050", "geldend"]) is False


def test_qualitative_missions_are_kept_and_marked(catalogue):
    kinds = catalogue.targets.groupby("missie")["kwantificering"].agg(set)
    for code in QUALITATIVE_ONLY:
        assert kinds[code] == {"kwalitatief"}, code
    assert (catalogue.targets.loc[catalogue.targets["kwantificering"] == "kwalitatief", "doelwaarde"].isna()).all()


def test_climate_neutral_agriculture_is_one_mission_under_two_themes(catalogue):
    missions = catalogue.missions.set_index("code")
    assert missions.loc["LWV-KLIMAATNEUTRAAL", "identiek_aan"] == "ET-BKG-LANDBOUW"
    assert (missions.loc["LWV-KLIMAATNEUTRAAL", "thema"], missions.loc["ET-BKG-LANDBOUW", "thema"]) == ("LWV", "ET")


def test_sub_missions_hang_under_their_parent(catalogue):
    parents = catalogue.missions.dropna(subset=["hoofdmissie"]).groupby("hoofdmissie").size().to_dict()
    assert parents == {"ET-BKG": 5, "GZ-CENTRAAL": 4}


def test_key_technology_clusters_are_the_eight_of_the_kia_st(catalogue):
    kia = KIA_ST_COPY.read_text(encoding="utf-8")
    listed = kia[kia.index("clusters van technologieën5 aangewezen") : kia.index("Deze clusters vormen samen")]
    names = [line.strip("• \n") for line in listed.splitlines() if line.strip().startswith("•")]
    assert len(names) == 8
    assert list(catalogue.key_technology_clusters["naam"]) == names


def test_repository_copy_of_the_letter_is_the_shared_seed():
    shared = REPO_ROOT.parent / "shared" / "seeds" / "004_ae85c0aad31e7cf4.txt"
    if not shared.exists():
        pytest.skip("../shared/seeds is not next to this clone")
    assert shared.read_bytes() == SEED_COPY.read_bytes()
