"""The delivery template as M&E staff fill it in: Dutch CSV and Excel, read exactly or refused clearly."""

import io
from datetime import date, datetime

import openpyxl
import pytest

from dagster_project.defs.observations.delivery_file import (
    DeliveryError,
    parse_number,
    parse_release,
    read_delivery,
)

HEADER = "indicator;regio;periode;uitsplitsing;waarde;eenheid;status;bron_uitgever;bron_tabel;publicatiedatum;opgehaald_op"
# Real figures: RIVM VZinfo, Monitor Missies Gezondheid en Zorg (healthy life expectancy, men).
VZINFO = "RIVM (VZinfo), bron CBS StatLine;Monitor Missies Gezondheid en Zorg: Centrale missie"


def _csv(*rows: str, bom: bool = False) -> bytes:
    text = "\r\n".join([HEADER, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def test_dutch_csv_with_bom_semicolons_and_decimal_comma():
    content = _csv(f"GLV_GEBOORTE;NL;2021;geslacht:man;65,4;jaren;definitief;{VZINFO};onbekend;24-11-2026", bom=True)
    rows = read_delivery("levering.csv", content)
    assert rows.loc[0, ["indicator_code", "period_year", "breakdown", "value"]].tolist() == ["GLV_GEBOORTE", 2021, "geslacht:man", 65.4]
    assert rows.loc[0, "retrieved_on"] == date(2026, 11, 24)
    assert rows.loc[0, "release_precision"] == "onbekend"


def test_multi_year_period_is_placed_at_its_last_year():
    content = _csv(f"GLV_OPLEIDING;NL;2019-2022;geslacht:man|opleiding:laag;57,2;jaren;definitief;{VZINFO};onbekend;24-11-2026")
    rows = read_delivery("levering.csv", content)
    assert (rows.loc[0, "period_label"], rows.loc[0, "period_year"]) == ("2019-2022", 2022)


@pytest.mark.parametrize(("text", "decimal_comma", "expected"), [
    ("149,5", True, 149.5), ("1.234,5", True, 1234.5), ("228.1", True, 228.1), ("1.234", True, 1234.0),
    ("228.1", False, 228.1), (" 65,4 ", True, 65.4), (57, True, 57.0),
])
def test_numbers_follow_the_files_convention(text, decimal_comma, expected):
    assert parse_number(text, decimal_comma) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("13-03-2024", (date(2024, 3, 13), "dag")), ("2024-03-13", (date(2024, 3, 13), "dag")),
    ("03-2021", (date(2021, 3, 1), "maand")), ("2024", (date(2024, 1, 1), "jaar")),
    ("onbekend", (None, "onbekend")), (45364, (date(2024, 3, 13), "dag")),
    (datetime(2024, 3, 13, 0, 0), (date(2024, 3, 13), "dag")),
])
def test_publication_dates_keep_their_precision(raw, expected):
    assert parse_release(raw) == expected


def _xlsx(rows: list[list], formula_at: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    for row in rows:
        sheet.append(row)
    if formula_at:
        sheet[formula_at] = "=64,8+0"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_with_real_dates_and_serial_dates():
    content = _xlsx([
        ["GLV_GEBOORTE", "NL", 2019, "geslacht:vrouw", 63.2, "jaren", "definitief", *VZINFO.split(";"), "onbekend", datetime(2026, 11, 24)],
        ["GLV_GEBOORTE", "NL", 2020, "geslacht:vrouw", 65.8, "jaren", "definitief", *VZINFO.split(";"), "onbekend", 46350],
    ])
    rows = read_delivery("levering.xlsx", content)
    assert rows["value"].tolist() == [63.2, 65.8]
    assert rows["retrieved_on"].tolist() == [date(2026, 11, 24), date(2026, 11, 24)]


def test_excel_formula_cells_are_refused():
    content = _xlsx([["GLV_GEBOORTE", "NL", 2019, "geslacht:man", 64.8, "jaren", "definitief", *VZINFO.split(";"), "onbekend", None]],
                    formula_at="E2")
    with pytest.raises(DeliveryError) as caught:
        read_delivery("levering.xlsx", content)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.rule) == (2, "waarde", "geen-formules")


def test_a_file_is_one_publication():
    content = _csv(
        f"GLV_GEBOORTE;NL;2021;geslacht:man;65,4;jaren;definitief;{VZINFO};onbekend;24-11-2026",
        f"GLV_GEBOORTE;NL;2022;geslacht:man;63,2;jaren;definitief;{VZINFO};2023;24-11-2026",
    )
    with pytest.raises(DeliveryError) as caught:
        read_delivery("levering.csv", content)
    assert [p.rule for p in caught.value.problems] == ["een-publicatie-per-bestand"]


def test_the_refusal_names_file_row_column_rule_and_what_to_do():
    content = _csv(f"GLV_GEBOORTE;NL;2021;geslacht:man;65.4 jaar;jaren;definitief;{VZINFO};onbekend;24-11-2026")
    with pytest.raises(DeliveryError) as caught:
        read_delivery("gezondheid_2021.csv", content)
    message = str(caught.value)
    assert "Bestand 'gezondheid_2021.csv' is geweigerd" in message
    assert "rij 2, kolom 'waarde': '65.4 jaar' is geen getal" in message
    assert "[regel: getal]" in message
    assert "Wat nu: verbeter het bestand" in message
