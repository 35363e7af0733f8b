"""Read one observation file (CSV or XLSX, the delivery template) into typed rows, or say exactly why not.

The same reader serves the bundled snapshot, deliveries dropped in the inbox and the CBS connector's
output. It owns the *form* of a file: size, type, encoding, separator, columns, required cells,
numbers, periods, dates, status words, formulas, one publication per file. What the values may be
(known indicator, unit, breakdown, region, range, no future years, unique keys) is checked next by
the Great Expectations suites (dagster_project/defs/quality/). It never writes. Every problem names
the file, row, column and rule in plain Dutch.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from dagster_project.contract import Problem
from dagster_project.safe_text import unsafe_text_reason

REQUIRED_COLUMNS = (
    "indicator",
    "regio",
    "periode",
    "waarde",
    "eenheid",
    "status",
    "bron_uitgever",
    "bron_tabel",
    "publicatiedatum",
)
OPTIONAL_COLUMNS = ("uitsplitsing", "bron_url", "opgehaald_op", "opmerking")
# The template's columns in the order of the template (docs/aanleveren.md): what files written for
# the warehouse (the CBS connector's output, test files) use as their header.
TEMPLATE_COLUMNS = (
    "indicator",
    "regio",
    "periode",
    "uitsplitsing",
    "waarde",
    "eenheid",
    "status",
    "bron_uitgever",
    "bron_tabel",
    "bron_url",
    "publicatiedatum",
    "opgehaald_op",
    "opmerking",
)
STATUSES = {
    "voorlopig": "voorlopig",
    "definitief": "definitief",
    "onbekend": "onbekend",
    "provisional": "voorlopig",
    "final": "definitief",
}
MAX_PROBLEMS_LISTED = 50
# A year of every indicator for every municipality is well under 5 MB; bigger is a mistake or an export
# of something else, and would hold a pipeline run for minutes.
MAX_FILE_BYTES = 20 * 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"
# Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug included).
EXCEL_EPOCH = date(1899, 12, 30)


class DeliveryError(ValueError):
    """The file is refused as a whole; nothing of it is loaded."""

    def __init__(self, file_name: str, problems: list[Problem], validation=None):
        self.file_name = file_name
        self.problems = problems
        self.validation = validation  # the Great Expectations report, when the file got that far
        listed = "\n".join(f"  - {p}" for p in problems[:MAX_PROBLEMS_LISTED])
        more = len(problems) - MAX_PROBLEMS_LISTED
        super().__init__(
            f"Bestand '{file_name}' is geweigerd: {len(problems)} probleem/problemen gevonden.\n{listed}"
            + (f"\n  ... en nog {more} problemen." if more > 0 else "")
            + "\nWat nu: verbeter het bestand (zie het sjabloon in docs/aanleveren.md) en zet het opnieuw"
            " in de inbox. Er is niets uit dit bestand geladen; de dashboards tonen de vorige cijfers."
        )


# --- reading the raw table -------------------------------------------------------------------


@dataclass
class RawTable:
    """What a file holds before its cells are parsed: header, numbered rows and how it was read."""

    header: list[str]
    body: list[tuple[int, list]]
    decimal_comma: bool
    warnings: list[Problem] = field(default_factory=list)
    sheet: str | None = None  # the Excel sheet that was read


def _decode(content: bytes, problems: list[Problem], warnings: list[Problem]) -> str | None:
    """The file's text. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are.
    Other bytes are read as Windows-1252, what Dutch Excel writes by default, with a warning that
    names the first cell with a non-ASCII character, so a wrong guess is visible and can be checked."""
    if content.startswith(UTF8_BOM):
        content = content[len(UTF8_BOM) :]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    None,
                    None,
                    "codering",
                    "het bestand begint als UTF-16 maar is afgebroken of beschadigd. "
                    "Sla het opnieuw op als 'CSV UTF-8 (door lijstscheidingsteken gescheiden)'.",
                )
            )
            return None
    if b"\x00" in content:
        line = content[: content.index(b"\x00")].count(b"\n") + 1
        problems.append(
            Problem(
                line,
                None,
                "geen-tekstbestand",
                "het bestand bevat nul-bytes: het is geen tekstbestand (of UTF-16 zonder kenmerk). "
                "Sla het op als 'CSV UTF-8 (door lijstscheidingsteken gescheiden)'.",
            )
        )
        return None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                line,
                None,
                "codering",
                f"het bestand is geen UTF-8 en ook geen Windows-1252: byte 0x{content[exc.start]:02X} op regel {line} "
                "is in geen van beide een teken. Sla het op als 'CSV UTF-8 (door lijstscheidingsteken gescheiden)'.",
            )
        )
        return None
    line = content[: utf8_error.start].count(b"\n") + 1
    text_line = text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""
    odd = next((ch for ch in text_line if ord(ch) > 127), "?")
    warnings.append(
        Problem(
            line,
            None,
            "codering-windows-1252",
            f"het bestand is geen UTF-8 en is gelezen als Windows-1252 (Excel 'CSV (gescheiden door "
            f"lijstscheidingsteken)'); eerste bijzondere teken: '{odd}' op regel {line}. Controleer of tekens als "
            "ë, é en â goed zijn overgekomen; lever voortaan 'CSV UTF-8' aan.",
        )
    )
    return text


def _read_csv(content: bytes, problems: list[Problem]) -> RawTable | None:
    warnings: list[Problem] = []
    text = _decode(content, problems, warnings)
    if text is None:
        return None
    first_line = text.lstrip("\r\n").splitlines()[0] if text.strip("\r\n") else ""
    if not first_line.strip():
        problems.append(Problem(1, None, "kopregel", "het bestand is leeg of de eerste regel (kolomnamen) ontbreekt."))
        return None
    delimiter = max((";", "\t", ","), key=first_line.count) if any(d in first_line for d in ";\t,") else ";"
    # newline="": the csv module itself splits on CR, LF and CRLF (old Mac Excel writes a bare CR).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list]] = []
    number = 0
    try:
        for row in reader:
            number += 1
            rows.append((number, row))
    except csv.Error as exc:
        problems.append(
            Problem(
                number + 1,
                None,
                "csv-opbouw",
                f"regel {reader.line_num} kan niet worden gelezen ({_csv_reason(exc)}). Controleer de "
                'aanhalingstekens (") op die regel: tekst met ; of een aanhalingsteken erin staat tussen '
                'aanhalingstekens, en een aanhalingsteken in de tekst wordt verdubbeld ("").',
            )
        )
        return None
    header_index = next((i for i, (_, row) in enumerate(rows) if any(cell.strip() for cell in row)), None)
    if header_index is None:
        problems.append(Problem(1, None, "kopregel", "het bestand is leeg of de eerste regel (kolomnamen) ontbreekt."))
        return None
    header = [h.strip().lower() for h in rows[header_index][1]]
    body = [(n, row) for n, row in rows[header_index + 1 :] if any(cell.strip() for cell in row)]
    return RawTable(header, body, decimal_comma=delimiter == ";", warnings=warnings)


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return "een cel is langer dan 131.072 tekens"
    if "unexpected end of data" in text:
        return "een aanhalingsteken wordt niet gesloten"
    if "expected" in text and "after" in text:
        return "na een sluitend aanhalingsteken volgt geen scheidingsteken"
    return text


def _xlsx_value(cell):
    """The cell as the template means it. A publication date typed as '03-2021' becomes an Excel
    date cell shown as mm-jjjj; its text form keeps the month precision instead of 1 March."""
    value = cell.value
    if cell.is_date and isinstance(value, (datetime, date)):
        shown = (cell.number_format or "").lower()
        if "d" not in shown and "m" in shown:
            return f"{value.month:02d}-{value.year}"
        if "d" not in shown and "m" not in shown and "y" in shown:
            return f"{value.year}"
    return value


def _read_xlsx(content: bytes, problems: list[Problem]) -> RawTable | None:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        problems.append(
            Problem(
                None,
                None,
                "xlsx-leesbaar",
                f"het Excel-bestand kan niet worden geopend ({type(exc).__name__}). "
                "Open het in Excel, controleer het en sla het opnieuw op als .xlsx.",
            )
        )
        return None
    # The sheet that holds the template's header, wherever it is: a notes sheet may come first.
    found = []
    for sheet in workbook.worksheets:
        rows = [cells for cells in sheet.iter_rows() if any(c.value not in (None, "") for c in cells)]
        header = [str(c.value).strip().lower() if c.value is not None else "" for c in rows[0]] if rows else []
        found.append((sheet.title, rows, header))
        if sum(column in header for column in REQUIRED_COLUMNS) >= len(REQUIRED_COLUMNS) // 2:
            break
    else:
        names = ", ".join(f"'{title}'" for title, _, _ in found) or "(geen)"
        problems.append(
            Problem(
                1,
                None,
                "verplichte-kolommen",
                f"geen werkblad heeft de kolomnamen van het sjabloon in de eerste gevulde rij (werkbladen: {names}). "
                "Zet de kolomnamen (indicator, regio, periode, ...) in rij 1 van het werkblad met de cijfers.",
            )
        )
        return None
    title, rows, header = found[-1]
    body = []
    for cells in rows[1:]:
        values, has_formula = [], False
        for cell in cells:
            if cell.data_type == "f":
                has_formula = True
                problems.append(
                    Problem(
                        cell.row,
                        header[cell.column - 1] if cell.column <= len(header) else None,
                        "geen-formules",
                        f"cel {cell.coordinate} bevat een formule ({cell.value}). Plak de waarden "
                        "(Plakken speciaal > Waarden) en lever opnieuw aan.",
                    )
                )
            values.append(_xlsx_value(cell))
        # A formula row is reported once, as a formula; its cached value is not read as data.
        if not has_formula:
            body.append((cells[0].row, values))
    return RawTable(header, body, decimal_comma=True, sheet=title)


# --- parsing single values -------------------------------------------------------------------

_DUTCH_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


def parse_number(raw, decimal_comma: bool) -> float:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, (int, float)):
        return float(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if "_" in text:  # float() reads '1_000' as 1000; no spreadsheet writes that
        raise ValueError
    if decimal_comma:
        if "," in text or _DUTCH_THOUSANDS.match(text):
            text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        raise ValueError
    return float(text)


def parse_period(raw) -> tuple[str, int]:
    """'2023' -> ('2023', 2023); '2019-2022' -> ('2019-2022', 2022): a period is placed at its last year."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    match = re.fullmatch(r"(\d{4})(?:\s*[-/]\s*(\d{4}))?", text)
    if not match:
        raise ValueError
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if last < first:
        raise ValueError
    return (f"{first}-{last}" if last != first else str(first)), last


def parse_release(raw) -> tuple[date | None, str]:
    """A publication date with its precision: 'dag', 'maand', 'jaar' or 'onbekend'."""
    if isinstance(raw, datetime):
        return raw.date(), "dag"
    if isinstance(raw, date):
        return raw, "dag"
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 1900 <= raw <= 2100 and float(raw).is_integer():
            return date(int(raw), 1, 1), "jaar"
        return EXCEL_EPOCH + timedelta(days=int(raw)), "dag"
    text = str(raw).strip().lower()
    if text == "onbekend":
        return None, "onbekend"
    for pattern, precision in (
        (r"(\d{1,2})-(\d{1,2})-(\d{4})", "dag"),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "dag"),
        (r"(\d{1,2})-(\d{4})", "maand"),
        (r"(\d{4})-(\d{1,2})", "maand"),
        (r"(\d{4})", "jaar"),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            parts = [int(p) for p in match.groups()]
            if precision == "dag":
                day, month, year = parts if parts[2] > 31 else (parts[2], parts[1], parts[0])
                return date(year, month, day), precision
            if precision == "maand":
                month, year = parts if parts[1] > 12 else (parts[1], parts[0])
                return date(year, month, 1), precision
            return date(parts[0], 1, 1), precision
    raise ValueError


# --- the file as a whole ---------------------------------------------------------------------


@dataclass
class Delivery:
    """A file read and parsed: its rows, what was noticed without refusing it, and the sheet read."""

    rows: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    sheet: str | None = None


def read_delivery(file_name: str, content: bytes) -> Delivery:
    """Parse a delivery, or raise DeliveryError naming every problem. Whatever the bytes, nothing else is raised."""
    problems: list[Problem] = []
    if len(content) > MAX_FILE_BYTES:
        raise DeliveryError(
            file_name,
            [
                Problem(
                    None,
                    None,
                    "bestandsgrootte",
                    f"het bestand is {len(content) / 1024 / 1024:.1f} MB; de grens is "
                    f"{MAX_FILE_BYTES // 1024 // 1024} MB. Splits het bestand, bijvoorbeeld per indicator of per jaar.",
                )
            ],
        )
    if not content.strip():
        raise DeliveryError(file_name, [Problem(None, None, "niet-leeg", "het bestand is leeg.")])
    suffix = Path(file_name).suffix.lower()
    if suffix == ".csv":
        table = _read_csv(content, problems)
    elif suffix == ".xlsx":
        table = _read_xlsx(content, problems)
    else:
        raise DeliveryError(
            file_name,
            [
                Problem(
                    None,
                    None,
                    "bestandstype",
                    f"bestandstype '{suffix or '(geen)'}' wordt niet geaccepteerd; lever .csv of .xlsx aan.",
                )
            ],
        )
    if table is None:
        raise DeliveryError(file_name, problems)
    header = table.header

    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c and c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    duplicated = sorted({c for c in header if c and header.count(c) > 1})
    if missing:
        hint = " Staat er maar één kolom? Dan klopt het scheidingsteken niet: gebruik ';'." if len(header) == 1 else ""
        problems.append(Problem(1, None, "verplichte-kolommen", f"kolom(men) ontbreken: {', '.join(missing)}.{hint}"))
    for column in unknown:
        problems.append(Problem(1, column, "bekende-kolommen", "onbekende kolom; gebruik alleen de kolommen uit het sjabloon."))
    for column in duplicated:
        problems.append(Problem(1, column, "bekende-kolommen", "deze kolom staat meer dan één keer in de kopregel."))
    if missing or unknown or duplicated:
        raise DeliveryError(file_name, problems)
    if not table.body:
        raise DeliveryError(
            file_name, problems or [Problem(None, None, "niet-leeg", "het bestand bevat kolomnamen maar geen rijen.")]
        )

    index = {name: i for i, name in enumerate(header) if name}
    records = []
    for number, cells in table.body:
        extra = [c for c in cells[len(header) :] if c not in (None, "") and str(c).strip()]
        if extra:
            # Nothing is dropped silently: an unquoted ';' in a note would otherwise cut it off here.
            problems.append(
                Problem(
                    number,
                    None,
                    "te-veel-cellen",
                    f"de rij heeft {len(cells)} cellen, de kopregel {len(header)}; de rest ('{str(extra[0])[:40]}') "
                    'hoort bij geen kolom. Zet tekst met ; tussen aanhalingstekens ("zoals; dit").',
                )
            )
            continue

        def cell(column, cells=cells):  # this row's cells, bound now
            i = index.get(column)
            value = cells[i] if i is not None and i < len(cells) else None
            return value.strip() if isinstance(value, str) else value

        record = _read_row(number, cell, table.decimal_comma, problems)
        if record is not None:
            records.append(record)
        if len(problems) > MAX_PROBLEMS_LISTED * 4:
            break  # enough to act on; a file of 100,000 broken rows need not be read to the end

    for column, label in (("publisher", "bron_uitgever"), ("source_table", "bron_tabel"), ("release_label", "publicatiedatum")):
        distinct = {r[column] for r in records}
        if len(distinct) > 1:
            problems.append(
                Problem(
                    None,
                    label,
                    "een-publicatie-per-bestand",
                    f"het bestand mengt {len(distinct)} verschillende waarden; één bestand is één publicatie "
                    "(één versie). Splits het bestand per publicatie.",
                )
            )
    if problems:
        raise DeliveryError(file_name, problems)
    frame = pd.DataFrame(records).drop(columns=["release_label"])
    rows = frame.astype({"value": "float64", "period_year": "int64", "row_number": "int64"})
    return Delivery(rows, warnings=table.warnings, sheet=table.sheet)


TEXT_COLUMNS = ("indicator", "regio", "uitsplitsing", "eenheid", "status", "bron_uitgever", "bron_tabel", "bron_url", "opmerking")


def _read_row(number, cell, decimal_comma, problems) -> dict | None:
    start = len(problems)

    def need(column):
        value = cell(column)
        if value in (None, ""):
            problems.append(Problem(number, column, "verplicht", "lege cel; dit veld is verplicht."))
        return value

    for column in TEXT_COLUMNS:
        value = cell(column)
        reason = unsafe_text_reason(value) if isinstance(value, str) else None
        if reason:
            problems.append(Problem(number, column, "veilige-tekst", f"'{value[:40]}': {reason}"))
    indicator, region, period_raw, value_raw = need("indicator"), need("regio"), need("periode"), need("waarde")
    unit, status_raw, publisher, table, release_raw = (
        need("eenheid"),
        need("status"),
        need("bron_uitgever"),
        need("bron_tabel"),
        need("publicatiedatum"),
    )
    breakdown = cell("uitsplitsing") or "totaal"
    if len(problems) > start:
        return None

    status = STATUSES.get(str(status_raw).strip().lower())
    if status is None:
        problems.append(
            Problem(number, "status", "status", f"status '{status_raw}' is onbekend; gebruik voorlopig, definitief of onbekend.")
        )
    # CBS StatLine marks a provisional period with an asterisk ('2024*'): read as provisional.
    period_text = str(period_raw).strip()
    if period_text.endswith("*"):
        period_text = period_text[:-1].rstrip()
        if status == "definitief":
            problems.append(
                Problem(
                    number,
                    "periode",
                    "voorlopig-sterretje",
                    f"periode '{period_raw}' heeft een * (bij CBS: voorlopig cijfer), maar de status is 'definitief'. "
                    "Zet de status op voorlopig, of haal de * weg als het cijfer definitief is.",
                )
            )
        elif status is not None:
            status = "voorlopig"
    try:
        period_label, period_year = parse_period(period_text if isinstance(period_raw, str) else period_raw)
    except (ValueError, TypeError, OverflowError):
        problems.append(
            Problem(
                number,
                "periode",
                "periode-formaat",
                f"'{period_raw}' is geen jaar (2023), periode (2019-2022) of voorlopig CBS-jaar (2024*).",
            )
        )
        period_label, period_year = None, None
    try:
        value = parse_number(value_raw, decimal_comma)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError
    except (ValueError, TypeError, OverflowError):
        problems.append(
            Problem(
                number,
                "waarde",
                "getal",
                f"'{value_raw}' is geen getal. Gebruik een decimale komma (149,5) zonder eenheid of tekst.",
            )
        )
        value = None
    try:
        release_date, release_precision = parse_release(release_raw)
    except (ValueError, TypeError, OverflowError):
        problems.append(
            Problem(
                number,
                "publicatiedatum",
                "datum",
                f"'{release_raw}' is geen datum; gebruik dd-mm-jjjj, mm-jjjj, jjjj of 'onbekend'.",
            )
        )
        release_date, release_precision = None, None
    retrieved_raw = cell("opgehaald_op")
    retrieved_on = None
    if retrieved_raw not in (None, ""):
        try:
            retrieved_on, precision = parse_release(retrieved_raw)
            if precision != "dag":
                raise ValueError
        except (ValueError, TypeError, OverflowError):
            problems.append(Problem(number, "opgehaald_op", "datum", f"'{retrieved_raw}' is geen datum (dd-mm-jjjj)."))
    if len(problems) > start:
        return None
    return {
        "row_number": number,
        "indicator_code": str(indicator),
        "region_code": str(region),
        "period_label": period_label,
        "period_year": period_year,
        "breakdown": str(breakdown),
        "value": value,
        "unit": str(unit),
        "status": status,
        "publisher": str(publisher),
        "source_table": str(table),
        "source_url": str(cell("bron_url")) if cell("bron_url") not in (None, "") else None,
        "release_date": release_date,
        "release_precision": release_precision,
        "release_label": str(release_raw),
        "retrieved_on": retrieved_on,
        "note": str(cell("opmerking")) if cell("opmerking") not in (None, "") else None,
    }
