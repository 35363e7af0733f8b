"""A broken catalogue is refused as a whole, with a message that names the entry, field and fix."""

from pathlib import Path

import pytest
import yaml

from dagster_project.defs.catalogue.catalogue_file import CatalogueError, read_catalogue
from dagster_project.settings import CATALOGUE_FILE


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "missiecatalogus.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _mission(data, code):
    return next(m for m in data["missies"] if m["code"] == code)


def _problems(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(path)
    assert "missiecatalogus.yml" in str(caught.value)
    return caught.value.problems


def test_unknown_theme_names_the_mission_and_the_allowed_themes(tmp_path):
    path = _write(tmp_path, lambda d: _mission(d, "V-CYBER").update(thema="DIGITAAL"))
    assert _problems(path) == ["missie 'V-CYBER', veld 'thema': onbekend thema 'DIGITAAL'. Gebruik een van: ET, GZ, LWV, V."]


def test_duplicate_mission_code(tmp_path):
    path = _write(tmp_path, lambda d: _mission(d, "V-DATA").update(code="V-CYBER"))
    assert any("missie 'V-CYBER' komt meer dan één keer voor" in p for p in _problems(path))


def test_quantified_target_without_value(tmp_path):
    path = _write(tmp_path, lambda d: _mission(d, "GZ-DEMENTIE")["doelen"][0].pop("doelwaarde"))
    assert _problems(path) == ["doel 'GZ-DEMENTIE:2030' (missie 'GZ-DEMENTIE'): een relatief doel heeft een 'doelwaarde' nodig."]


def test_target_year_out_of_range(tmp_path):
    path = _write(tmp_path, lambda d: _mission(d, "V-RUIMTE")["doelen"][0].update(doeljaar=3030))
    assert _problems(path) == [
        "doel 'V-RUIMTE:2030' (missie 'V-RUIMTE'), veld 'doeljaar': '3030' is geen jaar tussen 2019 en 2100."
    ]


def test_mission_without_targets_is_refused_not_dropped(tmp_path):
    path = _write(tmp_path, lambda d: _mission(d, "LWV-DELTA").update(doelen=[]))
    assert _problems(path) == [
        "missie 'LWV-DELTA': geen doelen; elke missie heeft minstens één doel (ook als het kwalitatief is)."
    ]


def test_parent_in_another_theme(tmp_path):
    path = _write(tmp_path, lambda d: _mission(d, "GZ-DEMENTIE").update(hoofdmissie="ET-BKG"))
    assert _problems(path) == ["missie 'GZ-DEMENTIE': de hoofdmissie 'ET-BKG' hoort bij een ander thema."]


def test_every_problem_is_reported_at_once(tmp_path):
    def two_faults(d):
        _mission(d, "V-CYBER").update(thema="X")
        _mission(d, "V-RUIMTE")["doelen"][0].update(kwantificering="ongeveer")

    assert len(_problems(_write(tmp_path, two_faults))) == 2


def test_unreadable_yaml(tmp_path):
    path = tmp_path / "missiecatalogus.yml"
    path.write_text("missies: [\n  - code: X\n", encoding="utf-8")
    [problem] = _problems(path)
    assert problem.startswith("het bestand is geen leesbare YAML (UTF-8)")
