"""Formula and markup text is refused wherever text enters: deliveries (tests/test_delivery_file.py) and
the reviewed reference files, each with a message naming the file, the entry and the field."""

from pathlib import Path

import pytest
import yaml

from dagster_project.defs.catalogue.catalogue_file import CatalogueError, read_catalogue
from dagster_project.defs.catalogue.programme_input_file import read_programme_inputs
from dagster_project.safe_text import unsafe_text_reason
from dagster_project.settings import CATALOGUE_FILE, PROGRAMME_INPUT_FILE


def _copy(tmp_path: Path, source: Path, change) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / source.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('=HYPERLINK("http://voorbeeld.invalid")', False),
        ("+31 procent", False),
        ("-5 procent", False),
        ("@SOM", False),
        ("\tinspringen", False),
        ("<img src=x onerror=alert(1)>", False),
        ("R&amp;D", False),
        ("-2", True),
        ("-55", True),
        ("+3,5", True),
        ("CO2 < 100 Mt", True),
        ("ca. -5 procent", True),
        ("Fryslân; Groningen", True),
    ],
)
def test_the_rule(text, safe):
    assert (unsafe_text_reason(text) is None) is safe


def test_a_formula_in_the_catalogue_is_refused_naming_the_field(tmp_path):
    def poison(data):
        data["missies"][0]["opmerking"] = '=HYPERLINK("http://voorbeeld.invalid";"klik")'

    with pytest.raises(CatalogueError) as caught:
        read_catalogue(_copy(tmp_path, CATALOGUE_FILE, poison))
    [problem] = caught.value.problems
    assert problem.startswith("missies[1].opmerking:") and "als formule" in problem


def test_markup_in_the_programme_inputs_is_refused(tmp_path):
    def poison(data):
        data["cijfers"][0]["citaat"] = "<script>alert(1)</script>"

    with pytest.raises(CatalogueError) as caught:
        read_programme_inputs(_copy(tmp_path, PROGRAMME_INPUT_FILE, poison), read_catalogue(CATALOGUE_FILE))
    assert any(p.startswith("cijfers[1].citaat:") and "HTML-opmaak" in p for p in caught.value.problems)


def test_the_shipped_reference_files_pass(catalogue):
    read_programme_inputs(PROGRAMME_INPUT_FILE, catalogue)


def test_markup_in_the_indicator_reference_is_refused(tmp_path, catalogue):
    from dagster_project.defs.catalogue.indicator_file import read_indicators
    from dagster_project.settings import INDICATOR_FILE

    def poison(data):
        data["indicatoren"][0]["eigenaar"] = "CBS <b>StatLine</b>"

    with pytest.raises(CatalogueError) as caught:
        read_indicators(_copy(tmp_path, INDICATOR_FILE, poison), catalogue)
    assert any(p.startswith("indicatoren[1].eigenaar:") and "HTML-opmaak" in p for p in caught.value.problems)
    assert "Het referentiebestand indicatoren.yml is niet geladen" in str(caught.value)
