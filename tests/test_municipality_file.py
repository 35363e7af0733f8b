"""The municipalities and their boundary changes (data/reference/gemeenten.csv and
gemeentelijke_herindelingen.csv): read beside the regions of indicatoren.yml, and refused as a whole,
with a Dutch message, when a code is not a CBS code, a change names an unknown municipality, or a split
is not marked as one."""

import csv
from pathlib import Path

import pytest

from dagster_project.defs.catalogue.catalogue_file import CatalogueError, read_catalogue
from dagster_project.defs.catalogue.indicator_file import read_indicators
from dagster_project.defs.catalogue.municipality_file import read_municipalities
from dagster_project.reference import load_reference
from dagster_project.settings import CATALOGUE_FILE, INDICATOR_FILE, MUNICIPAL_CHANGES_FILE, MUNICIPALITY_FILE


@pytest.fixture(scope="module")
def regions():
    return read_indicators(INDICATOR_FILE, read_catalogue(CATALOGUE_FILE))["regions"]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_the_reference_files_are_read_as_regions_of_level_gemeente_and_a_mapping(regions):
    tables = read_municipalities(MUNICIPALITY_FILE, MUNICIPAL_CHANGES_FILE, regions)
    levels = tables["regions"]["niveau"].value_counts().to_dict()
    assert levels == {"gemeente": 405, "provincie": 12, "land": 1}
    changes = tables["municipal_changes"]
    assert len(changes) == 69
    split = changes[changes["oude_code"] == "GM0788"]  # Haaren: Boxtel, Oisterwijk, Tilburg, Vught
    assert sorted(split["nieuwe_code"]) == ["GM0757", "GM0824", "GM0855", "GM0865"]
    assert split[split["opvolger_tabel33"]]["nieuwe_code"].tolist() == ["GM0824"]
    # a delivery may name a municipality
    assert {"NL", "PV20", "GM0363", "GM0788"} <= load_reference(INDICATOR_FILE).regions


def test_a_code_that_is_not_a_cbs_municipality_code_is_refused(tmp_path, regions):
    rows = _rows(MUNICIPALITY_FILE)
    rows[0]["code"] = "0003"
    with pytest.raises(CatalogueError) as caught:
        read_municipalities(_write(tmp_path / "gemeenten.csv", rows), MUNICIPAL_CHANGES_FILE, regions)
    assert "gemeente '0003', veld 'code': gebruik de CBS-gemeentecode, GM en vier cijfers (GM0363)." in caught.value.problems


def test_a_change_to_an_unknown_municipality_is_refused(tmp_path, regions):
    rows = _rows(MUNICIPAL_CHANGES_FILE)
    rows[0]["nieuwe_code"] = "GM9999"
    with pytest.raises(CatalogueError) as caught:
        read_municipalities(MUNICIPALITY_FILE, _write(tmp_path / "herindelingen.csv", rows), regions)
    assert any("'GM9999' staat niet in gemeenten.csv" in p for p in caught.value.problems)


def test_a_split_must_be_marked_with_one_successor(tmp_path, regions):
    rows = _rows(MUNICIPAL_CHANGES_FILE)
    for row in rows:
        if row["oude_code"] == "GM0788":
            row["soort"], row["opvolger_tabel33"] = "samenvoeging", "ja"
    with pytest.raises(CatalogueError) as caught:
        read_municipalities(MUNICIPALITY_FILE, _write(tmp_path / "herindelingen.csv", rows), regions)
    assert any(p.startswith("gemeente 'GM0788': precies één regel") for p in caught.value.problems)
    assert any(p.startswith("gemeente 'GM0788' is over 4 gemeenten verdeeld") for p in caught.value.problems)
