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
    rows = read_delivery("levering.csv", content).rows
    assert rows.loc[0, ["indicator_code", "period_year", "breakdown", "value"]].tolist() == [
        "GLV_GEBOORTE",
        2021,
        "geslacht:man",
        65.4,
    ]
    assert rows.loc[0, "retrieved_on"] == date(2026, 11, 24)
    assert rows.loc[0, "release_precision"] == "onbekend"


def test_multi_year_period_is_placed_at_its_last_year():
    content = _csv(f"GLV_OPLEIDING;NL;2019-2022;geslacht:man|opleiding:laag;57,2;jaren;definitief;{VZINFO};onbekend;24-11-2026")
    rows = read_delivery("levering.csv", content).rows
    assert (rows.loc[0, "period_label"], rows.loc[0, "period_year"]) == ("2019-2022", 2022)


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("149,5", True, 149.5),
        ("1.234,5", True, 1234.5),
        ("228.1", True, 228.1),
        ("1.234", True, 1234.0),
        ("228.1", False, 228.1),
        (" 65,4 ", True, 65.4),
        (57, True, 57.0),
    ],
)
def test_numbers_follow_the_files_convention(text, decimal_comma, expected):
    assert parse_number(text, decimal_comma) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13-03-2024", (date(2024, 3, 13), "dag")),
        ("2024-03-13", (date(2024, 3, 13), "dag")),
        ("03-2021", (date(2021, 3, 1), "maand")),
        ("2024", (date(2024, 1, 1), "jaar")),
        ("onbekend", (None, "onbekend")),
        (45364, (date(2024, 3, 13), "dag")),
        (datetime(2024, 3, 13, 0, 0), (date(2024, 3, 13), "dag")),
    ],
)
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
    content = _xlsx(
        [
            [
                "GLV_GEBOORTE",
                "NL",
                2019,
                "geslacht:vrouw",
                63.2,
                "jaren",
                "definitief",
                *VZINFO.split(";"),
                "onbekend",
                datetime(2026, 11, 24),
            ],
            ["GLV_GEBOORTE", "NL", 2020, "geslacht:vrouw", 65.8, "jaren", "definitief", *VZINFO.split(";"), "onbekend", 46350],
        ]
    )
    rows = read_delivery("levering.xlsx", content).rows
    assert rows["value"].tolist() == [63.2, 65.8]
    assert rows["retrieved_on"].tolist() == [date(2026, 11, 24), date(2026, 11, 24)]


def test_excel_formula_cells_are_refused():
    content = _xlsx(
        [["GLV_GEBOORTE", "NL", 2019, "geslacht:man", 64.8, "jaren", "definitief", *VZINFO.split(";"), "onbekend", None]],
        formula_at="E2",
    )
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


def _workbook_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_reads_the_sheet_with_the_templates_header_and_says_which():
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Toelichting"
    notes.append(["Gezonde levensverwachting, aangeleverd door de afdeling M&E"])
    data = book.create_sheet("Cijfers")
    data.append(HEADER.split(";"))
    data.append(["GLV_GEBOORTE", "NL", 2019, "geslacht:man", 64.8, "jaren", "definitief", *VZINFO.split(";"), "onbekend", None])
    delivery = read_delivery("levering.xlsx", _workbook_bytes(book))
    assert delivery.sheet == "Cijfers"
    assert delivery.rows["value"].tolist() == [64.8]


def test_excel_without_the_template_header_names_the_sheets_not_the_separator():
    book = openpyxl.Workbook()
    book.active.title = "Toelichting"
    book.active.append(["alleen tekst"])
    with pytest.raises(DeliveryError) as caught:
        read_delivery("levering.xlsx", _workbook_bytes(book))
    message = str(caught.value)
    assert "'Toelichting'" in message and "scheidingsteken" not in message


def test_a_month_typed_into_an_excel_date_cell_keeps_its_month_precision():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    # Excel turns '03-2021' typed in a cell into the date 1 March 2021 shown as mm-yyyy.
    sheet.append(
        [
            "BKG_TOTAAL",
            "NL",
            2020,
            "totaal",
            166,
            "mld kg CO2-eq",
            "voorlopig",
            "CBS",
            "Nieuwsbericht 'Uitstoot broeikasgassen 8 procent lager in 2020'",
            datetime(2021, 3, 1),
            None,
        ]
    )
    sheet["J2"].number_format = "mm-yyyy"
    rows = read_delivery("levering.xlsx", _workbook_bytes(book)).rows
    assert (rows.loc[0, "release_date"], rows.loc[0, "release_precision"]) == (date(2021, 3, 1), "maand")


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_every_line_ending_reads_the_same(ending):
    rows = [
        f"GLV_GEBOORTE;NL;{year};geslacht:man;{value};jaren;definitief;{VZINFO};onbekend;24-11-2026"
        for year, value in ((2019, "64,8"), (2020, "66,4"))
    ]
    content = ending.join([HEADER, *rows]).encode("utf-8")
    assert read_delivery("levering.csv", content).rows["value"].tolist() == [64.8, 66.4]


def test_utf16_with_its_mark_is_read():
    text = "\r\n".join([HEADER, f"GLV_GEBOORTE;NL;2021;geslacht:man;65,4;jaren;definitief;{VZINFO};onbekend;24-11-2026"])
    assert read_delivery("levering.csv", text.encode("utf-16")).rows["value"].tolist() == [65.4]


def test_windows_1252_is_read_with_a_warning_naming_the_character():
    row = f"GLV_GEBOORTE;NL;2021;geslacht:man;65,4;jaren;definitief;{VZINFO};onbekend;24-11-2026;Fryslân telt mee"
    content = "\r\n".join([HEADER + ";opmerking", row]).encode("cp1252")
    delivery = read_delivery("levering.csv", content)
    assert delivery.rows.loc[0, "note"] == "Fryslân telt mee"
    [warning] = delivery.warnings
    assert warning.rule == "codering-windows-1252" and "'â'" in str(warning) and warning.row == 2


def test_a_row_with_more_cells_than_the_header_is_refused_not_cut():
    row = f"GLV_GEBOORTE;NL;2021;geslacht:man;65,4;jaren;definitief;{VZINFO};onbekend;24-11-2026;eerste deel; tweede deel"
    with pytest.raises(DeliveryError) as caught:
        read_delivery("levering.csv", "\r\n".join([HEADER + ";opmerking", row]).encode())
    [problem] = caught.value.problems
    assert (problem.row, problem.rule) == (2, "te-veel-cellen")
    assert "tussen aanhalingstekens" in str(problem)


def test_a_quoted_note_with_semicolons_is_kept_whole():
    row = f'GLV_GEBOORTE;NL;2021;geslacht:man;65,4;jaren;definitief;{VZINFO};onbekend;24-11-2026;"eerste deel; tweede deel"'
    rows = read_delivery("levering.csv", "\r\n".join([HEADER + ";opmerking", row]).encode()).rows
    assert rows.loc[0, "note"] == "eerste deel; tweede deel"


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ('=HYPERLINK("http://voorbeeld.invalid";"klik")', "bron_tabel"),
        ("+31 procent", "opmerking"),
        ("@SUM(A1)", "bron_uitgever"),
        ("<script>alert(1)</script>", "opmerking"),
        ('<a href="http://voorbeeld.invalid">bron</a>', "bron_tabel"),
    ],
)
def test_formula_and_markup_text_is_refused(text, column):
    cells = dict(
        zip(
            HEADER.split(";") + ["opmerking"],
            [
                "GLV_GEBOORTE",
                "NL",
                "2021",
                "geslacht:man",
                "65,4",
                "jaren",
                "definitief",
                *VZINFO.split(";"),
                "onbekend",
                "24-11-2026",
                "gewone tekst",
            ],
        )
    )
    cells[column] = text
    buffer = io.StringIO()
    import csv

    csv.writer(buffer, delimiter=";").writerows([list(cells), list(cells.values())])
    with pytest.raises(DeliveryError) as caught:
        read_delivery("levering.csv", buffer.getvalue().encode())
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.rule) == (2, column, "veilige-tekst")


def test_a_negative_number_is_not_formula_text():
    rows = read_delivery(
        "levering.csv", _csv(f"GLV_GEBOORTE;NL;2021;geslacht:man;-65,4;jaren;definitief;{VZINFO};onbekend;24-11-2026")
    ).rows
    assert rows["value"].tolist() == [-65.4]  # the range check (GX) judges the value, not the reader


@pytest.mark.parametrize(("status", "expected"), [("voorlopig", "voorlopig"), ("onbekend", "voorlopig")])
def test_a_statline_asterisk_marks_the_period_provisional(status, expected):
    rows = read_delivery(
        "levering.csv", _csv(f"GLV_GEBOORTE;NL;2024*;geslacht:man;63,6;jaren;{status};{VZINFO};onbekend;24-11-2026")
    ).rows
    assert (rows.loc[0, "period_label"], rows.loc[0, "period_year"], rows.loc[0, "status"]) == ("2024", 2024, expected)


def test_a_statline_asterisk_on_a_final_figure_is_refused_with_the_reason():
    with pytest.raises(DeliveryError) as caught:
        read_delivery(
            "levering.csv", _csv(f"GLV_GEBOORTE;NL;2024*;geslacht:man;63,6;jaren;definitief;{VZINFO};onbekend;24-11-2026")
        )
    [problem] = caught.value.problems
    assert problem.rule == "voorlopig-sterretje" and "voorlopig" in problem.message


def test_the_template_order_holds_exactly_the_columns_the_reader_knows():
    from dagster_project.defs.observations.delivery_file import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, TEMPLATE_COLUMNS

    assert sorted(TEMPLATE_COLUMNS) == sorted(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
