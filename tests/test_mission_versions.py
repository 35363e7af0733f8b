"""The 2023 mission set and its crosswalk from 2019 (data/reference/missies_2023.yml): the rules the
reader enforces, on small test files. Every 2019 entry must say where it went: a 2023 mission, or dropped.

The test files below are made up for these rules (mission names 'Testmissie ...'); they are no source."""

from pathlib import Path

import pytest
import yaml

from dagster_project.defs.catalogue.catalogue_file import CatalogueError
from dagster_project.defs.catalogue.mission_version_file import read_mission_versions


def _file(tmp_path: Path, catalogue, change=None) -> Path:
    source = catalogue.sources["code"].iloc[0]
    codes = list(catalogue.missions["code"])
    data = {
        "missies_2023": [
            {
                "code": "T23-A",
                "thema": "ET",
                "hoofdmissie": None,
                "naam": "Testmissie A",
                "missietekst": "Tekst A",
                "bron": source,
                "doelen": [
                    {
                        "code": "T23-A:2030",
                        "doeljaar": 2030,
                        "doeltekst": "Doel A",
                        "kwantificering": "relatief",
                        "richting": "omlaag",
                        "doelwaarde": -55,
                        "eenheid": "% t.o.v. 1990",
                    }
                ],
            },
            {
                "code": "T23-B",
                "thema": "GZ",
                "hoofdmissie": None,
                "naam": "Testmissie B",
                "missietekst": "Tekst B",
                "bron": source,
            },
        ],
        "crosswalk_2019_2023": [
            {
                "missie_2019": code,
                "missie_2023": "T23-A" if i % 3 == 0 else ("T23-B" if i % 3 == 1 else None),
                "status": "overgenomen" if i % 3 == 0 else ("samengevoegd" if i % 3 == 1 else "vervallen"),
                "toelichting": "test",
            }
            for i, code in enumerate(codes)
        ],
    }
    if change:
        change(data)
    path = tmp_path / "missies_2023.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _problems(tmp_path, catalogue, change) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        read_mission_versions(_file(tmp_path, catalogue, change), catalogue)
    return caught.value.problems


def test_a_complete_file_gives_missions_targets_and_a_crosswalk_of_every_2019_entry(tmp_path, catalogue):
    tables = read_mission_versions(_file(tmp_path, catalogue), catalogue)
    assert list(tables["missions_2023"]["code"]) == ["T23-A", "T23-B"]
    assert list(tables["targets_2023"]["doelwaarde"]) == [-55]
    walked = tables["mission_crosswalk"]
    assert sorted(walked["missie_2019"]) == sorted(catalogue.missions["code"])
    assert walked.loc[walked["status"] == "vervallen", "missie_2023"].isna().all()


def test_a_2019_entry_left_out_of_the_crosswalk_is_refused(tmp_path, catalogue):
    first = catalogue.missions["code"].iloc[0]
    problems = _problems(tmp_path, catalogue, lambda d: d["crosswalk_2019_2023"].pop(0))
    assert problems == [f"crosswalk: 2019-missie {first} ontbreekt; geef de 2023-missie of status 'vervallen'."]


def test_a_crosswalk_to_an_unknown_2023_mission_or_a_dropped_one_with_a_target_is_refused(tmp_path, catalogue):
    def change(data):
        data["crosswalk_2019_2023"][0]["missie_2023"] = "T23-X"
        data["crosswalk_2019_2023"][2]["missie_2023"] = "T23-A"

    problems = _problems(tmp_path, catalogue, change)
    walked = [c["missie_2019"] for c in yaml.safe_load(_file(tmp_path, catalogue).read_text())["crosswalk_2019_2023"]]
    assert problems == [
        f"crosswalk {walked[0]}, veld 'missie_2023': 'T23-X' is geen missie uit 'missies_2023'.",
        f"crosswalk {walked[2]}: een vervallen missie wijst naar geen 2023-missie (missie_2023: null).",
    ]


def test_a_2023_mission_without_a_known_source_is_refused(tmp_path, catalogue):
    problems = _problems(tmp_path, catalogue, lambda d: d["missies_2023"][1].update(bron="ONBEKEND"))
    assert problems == ["missie T23-B, veld 'bron': 'ONBEKEND' staat niet onder 'bronnen' in missiecatalogus.yml."]


def test_the_shipped_crosswalk_places_every_2019_entry_in_a_2023_mission_or_drops_it(catalogue):
    """The reader still accepts 'onbekend' for a file in progress; the file the warehouse ships may not
    use it: every 2019 entry maps to a 2023 mission, or is marked dropped, and says why."""
    from dagster_project.settings import MISSION_VERSION_FILE

    tables = read_mission_versions(MISSION_VERSION_FILE, catalogue)
    walked = tables["mission_crosswalk"]
    assert sorted(walked["missie_2019"]) == sorted(catalogue.missions["code"])
    assert set(walked["status"]) <= {"overgenomen", "samengevoegd", "vervallen"}
    mapped = walked[walked["status"] != "vervallen"]
    assert mapped["missie_2023"].notna().all() and set(mapped["missie_2023"]) <= set(tables["missions_2023"]["code"])
    assert walked["toelichting"].str.len().gt(0).all()
