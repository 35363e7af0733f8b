"""What follows from the reference files alone, for tests that must hold for any valid reference.

Tests that compare the warehouse with these functions keep passing when an indicator (with its
figures) or a snapshot file is added as README "Adding an indicator" says, because they compute the
expectation from the same files the pipeline reads instead of writing down today's contents.
"""

from pathlib import Path

import yaml


def _read(path: Path) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def indicator_entries(indicator_file: Path) -> list[dict]:
    """Every indicator of indicatoren.yml: the published ones and the derived ones."""
    data = _read(indicator_file)
    return [*(data.get("indicatoren") or []), *(data.get("afgeleide_indicatoren") or [])]


def mission_indicators(indicator_file: Path, catalogue_file: Path) -> dict[str, set[str]]:
    """The indicators of every mission entry (README, "Van indicator naar missie en thema"): those
    listed under the mission or measuring one of its targets; an entry identical to another
    (identiek_aan) is measured by the other's indicators."""
    missions = _read(catalogue_file)["missies"]
    mission_of_target = {target["code"]: mission["code"] for mission in missions for target in mission.get("doelen") or []}
    measuring: dict[str, set[str]] = {}
    for entry in indicator_entries(indicator_file):
        for mission in {entry["missie"], *(mission_of_target[code] for code in entry.get("doelen") or [])}:
            measuring.setdefault(mission, set()).add(entry["code"])
    return {mission["code"]: measuring.get(mission.get("identiek_aan") or mission["code"], set()) for mission in missions}


def missions_with_an_indicator(indicator_file: Path, catalogue_file: Path) -> set[str]:
    """Mission entries that have an indicator. Whether it has figures yet does not matter: with an
    indicator but nothing to assess, a mission is "onvoldoende gegevens", not "geen indicator"."""
    return {mission for mission, codes in mission_indicators(indicator_file, catalogue_file).items() if codes}


def indicators_without_a_release_rhythm(indicator_file: Path) -> set[str]:
    """Indicators whose entry gives no `actualiteit`: their freshness can only be 'ritme onbekend'."""
    return {entry["code"] for entry in indicator_entries(indicator_file) if not entry.get("actualiteit")}


def set_indicator_fields(code: str, **fields):
    """A change to a parsed indicatoren.yml: set (or with None: remove) fields of one indicator entry."""

    def change(data):
        entry = next(i for i in data["indicatoren"] + data["afgeleide_indicatoren"] if i["code"] == code)
        for field, value in fields.items():
            if value is None:
                entry.pop(field, None)
            else:
                entry[field] = value

    return change


def indicator_file_problems(path: Path, catalogue) -> list[str]:
    """The Dutch problems for which the indicator reader refuses `path` (it must refuse it)."""
    import pytest

    from dagster_project.defs.catalogue.catalogue_file import CatalogueError
    from dagster_project.defs.catalogue.indicator_file import read_indicators

    with pytest.raises(CatalogueError) as caught:
        read_indicators(path, catalogue)
    return caught.value.problems


CHANGED_MINIMUM = -123456.0


def with_one_range_changed(reference):
    """The reference as after an edit of one rule in indicatoren.yml: the first indicator with a
    plausible range gets the minimum CHANGED_MINIMUM."""
    from dataclasses import replace

    code = next(c for c, r in sorted(reference.indicators.items()) if r.minimum is not None)
    changed = replace(reference.indicators[code], minimum=CHANGED_MINIMUM)
    return replace(reference, indicators={**reference.indicators, code: changed})
