"""The programme-input file (data/reference/inzet.yml): which kinds of figure (`soort`) it takes, and
that a figure from a source without a stored copy or web address still loads."""

from pathlib import Path

import pytest
import yaml

from dagster_project.defs.catalogue.catalogue_file import CatalogueError
from dagster_project.defs.catalogue.programme_input_file import KINDS, read_programme_inputs
from dagster_project.settings import PROGRAMME_INPUT_FILE


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(PROGRAMME_INPUT_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / PROGRAMME_INPUT_FILE.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _first_kind(kind: str):
    return lambda data: data["cijfers"][0].update(soort=kind)


@pytest.mark.parametrize("kind", ["toekenning", "realisatie"])
def test_a_grant_and_a_realised_figure_are_accepted(tmp_path, catalogue, kind):
    inputs = read_programme_inputs(_write(tmp_path, _first_kind(kind)), catalogue)["programme_inputs"]
    assert inputs["soort"].iloc[0] == kind


def test_an_unknown_kind_is_refused_naming_the_figure_and_the_kinds(tmp_path, catalogue):
    with pytest.raises(CatalogueError) as caught:
        read_programme_inputs(_write(tmp_path, _first_kind("schatting")), catalogue)
    assert caught.value.problems == [
        "cijfer 1 (KIA-ST-MJP, aantal_programmas), veld 'soort': 'schatting' is onbekend. "
        "Gebruik een van: begroting, portfolio-opname, raming, realisatie, toekenning."
    ]


def test_the_shipped_figures_use_only_known_kinds_and_sources(catalogue):
    inputs = read_programme_inputs(PROGRAMME_INPUT_FILE, catalogue)["programme_inputs"]
    assert set(inputs["soort"]) <= KINDS
    assert {"toekenning", "realisatie"} <= set(inputs["soort"])
    assert set(inputs["bron"]) <= set(catalogue.sources["code"])


def test_a_source_without_address_or_copy_still_loads(catalogue):
    # The PPS-oproep KIA LWV news item (start 2025) was read without its address: url and bestand stay empty.
    sources = catalogue.sources.set_index("code")
    undated = sources.loc["TS-AF-2024-100-PROJECTEN"]
    assert undated[["url", "bestand", "datum"]].isna().all() and undated["datum_tekst"]
    inputs = read_programme_inputs(PROGRAMME_INPUT_FILE, catalogue)["programme_inputs"]
    assert (inputs["bron"] == "TS-AF-2024-100-PROJECTEN").sum() == 6
