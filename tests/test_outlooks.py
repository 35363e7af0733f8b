"""Official outlooks (data/reference/uitzichten.yml): the reader's rules in Dutch, and the mart that
holds each edition with its source beside the target (the conversion arithmetic itself is a dbt unit
test in dbt/models/intermediate/int_outlooks_converted.yml)."""

import re

import pandas as pd
import pytest
import yaml

from dagster_project.defs.catalogue.catalogue_file import CatalogueError
from dagster_project.defs.catalogue.indicator_file import read_indicators
from dagster_project.defs.catalogue.outlook_file import read_outlooks
from dagster_project.settings import INDICATOR_FILE, OUTLOOK_FILE

# The editions loaded, as docs/bronnen/onderzoek/energie_klimaat.md (section 4) read them: the range of
# the projected reduction in 2030 against 1990, and the chance of reaching -55 % where PBL gives one.
EDITIONS = {2022: (39, 50, None), 2024: (44, 52, 5), 2025: (45, 53, 5)}


@pytest.fixture(scope="module")
def indicators(catalogue):
    return read_indicators(INDICATOR_FILE, catalogue)["indicators"]


def _write(tmp_path, change) -> object:
    data = yaml.safe_load(OUTLOOK_FILE.read_text(encoding="utf-8"))
    change(data["uitzichten"][0])
    path = tmp_path / "uitzichten.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_shipped_outlooks_are_read(catalogue, indicators):
    frame = read_outlooks(OUTLOOK_FILE, catalogue, indicators)["outlooks"]
    rows = {
        int(r["editie"]): (
            r["laag"],
            r["hoog"],
            None if pd.isna(r["kans_op_doel_hoogstens_pct"]) else r["kans_op_doel_hoogstens_pct"],
        )
        for r in frame.to_dict("records")
    }
    assert rows == EDITIONS
    # every range is quoted from its source: both ends appear in the quoted sentence
    for r in frame.to_dict("records"):
        numbers = set(re.findall(r"\d+", r["citaat"]))
        assert {str(int(r["laag"])), str(int(r["hoog"]))} <= numbers, r["code"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda u: u.update(doel="ET-BKG:2031"), "veld 'doel': 'ET-BKG:2031' staat niet in de missiecatalogus"),
        (lambda u: u.update(indicator="BKG_ONBEKEND"), "veld 'indicator': 'BKG_ONBEKEND' staat niet in de indicatorenlijst"),
        (lambda u: u.update(laag=60), "'laag' (60) is groter dan 'hoog' (50)"),
        (lambda u: u.update(hoog="50%"), "veld 'hoog': '50%' is geen getal"),
        (lambda u: u.update(eenheid="Mton"), "veld 'eenheid': 'Mton' is niet de eenheid van BKG_TOTAAL"),
        (lambda u: u.update(referentiejaar=None), "heeft een 'referentiejaar' nodig"),
        (lambda u: u.update(jaar=2031), "de raming is voor 2031, het doel 'ET-BKG:2030:KLIMAATWET' voor 2030"),
        (
            lambda u: u.update(publicatiedatum=None, publicatiedatum_tekst=None),
            "geef 'publicatiedatum', of 'publicatiedatum_tekst'",
        ),
        (lambda u: u.pop("citaat"), "veld 'citaat' ontbreekt of is leeg"),
        (lambda u: u.update(bron="PBL"), "onbekend veld 'bron'"),
        (lambda u: u.update(kans_op_doel_hoogstens_pct=120), "ligt niet tussen 0 en 100"),
    ],
)
def test_a_wrong_outlook_is_refused_with_a_dutch_reason_naming_entry_and_field(tmp_path, catalogue, indicators, change, expected):
    with pytest.raises(CatalogueError) as caught:
        read_outlooks(_write(tmp_path, change), catalogue, indicators)
    assert any(expected in p and p.startswith("uitzicht 1 ('PBL-KEV-2022'") for p in caught.value.problems), caught.value.problems
    assert "uitzichten.yml is niet geladen" in str(caught.value)


def test_a_formula_or_markup_in_an_outlook_is_refused(tmp_path, catalogue, indicators):
    with pytest.raises(CatalogueError) as caught:
        read_outlooks(_write(tmp_path, lambda u: u.update(citaat="=HYPERLINK(1)")), catalogue, indicators)
    assert any(p.startswith("uitzichten[1].citaat:") and "als formule" in p for p in caught.value.problems)
    with pytest.raises(CatalogueError) as caught:
        read_outlooks(_write(tmp_path, lambda u: u.update(opmerking="<b>vet</b>")), catalogue, indicators)
    assert any(p.startswith("uitzichten[1].opmerking:") and "HTML-opmaak" in p for p in caught.value.problems)


@pytest.mark.slow
def test_the_mart_holds_every_edition_with_its_source_beside_the_target(warehouse):
    rows = warehouse.execute(
        "select edition, stated_low, stated_high, chance_of_target_at_most_pct, publisher_short, url, quote_text, "
        "is_target_within_range, is_derived, reference_value, value_min, value_max, unit, reference_value_vintage_key "
        "from marts.fct_outlooks where target_key = 'ET-BKG:2030:KLIMAATWET' and indicator_key = 'BKG_TOTAAL' "
        "order by edition"
    ).fetchall()
    assert {r[0]: (r[1], r[2], r[3]) for r in rows} == EDITIONS
    # 1990 in the vintage the dashboards show: the same value the -55 % target line is computed from
    [(latest_1990, latest_vintage)] = warehouse.execute(
        "select value, vintage_key from marts.fct_observations where indicator_key = 'BKG_TOTAAL' and region_key = 'NL' "
        "and breakdown = 'totaal' and period_label = '1990' and is_latest"
    ).fetchall()
    for edition, low, high, _, publisher, url, quote, within, derived, reference, value_min, value_max, unit, vintage in rows:
        assert publisher == "PBL" and url.startswith("https://") and str(low).split(".")[0] in quote, edition
        assert within is False, edition  # 55 % lies above every range: none of the three editions expects the target
        assert (derived, reference, unit, vintage) == (True, latest_1990, "mld kg CO2-eq", latest_vintage)
        assert value_min == pytest.approx(latest_1990 * (1 - high / 100), abs=1e-3)
        assert value_max == pytest.approx(latest_1990 * (1 - low / 100), abs=1e-3)


@pytest.mark.slow
def test_the_chart_series_draw_each_edition_beside_target_and_trend(warehouse):
    kinds = dict(
        warehouse.execute(
            "select series_kind, count(*) from marts.fct_indicator_chart_series "
            "where indicator_key = 'BKG_TOTAAL' and breakdown = 'totaal' and year = 2030 group by series_kind"
        ).fetchall()
    )
    assert kinds["raming"] == 2 * len(EDITIONS)  # low and high end per edition
    assert {"doel", "trend"} <= set(kinds)
    labels = {
        label
        for (label,) in warehouse.execute(
            "select series_label_nl from marts.fct_indicator_chart_series where series_kind = 'raming'"
        ).fetchall()
    }
    assert "Klimaat- en Energieverkenning 2024 (PBL), raming 2030 (ondergrens)" in labels
