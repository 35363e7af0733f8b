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
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

REQUIRED_COLUMNS = (
    "indicator", "regio", "periode", "waarde", "eenheid", "status",
    "bron_uitgever", "bron_tabel", "publicatiedatum",
)
OPTIONAL_COLUMNS = ("uitsplitsing", "bron_url", "opgehaald_op", "opmerking")
STATUSES = {"voorlopig": "voorlopig", "definitief": "definitief", "onbekend": "onbekend",
            "provisional": "voorlopig", "final": "definitief"}
MAX_PROBLEMS_LISTED = 50
# A year of every indicator for every municipality is well under 5 MB; bigger is a mistake or an export
# of something else, and would hold a pipeline run for minutes.
MAX_FILE_BYTES = 20 * 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"
# Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug included).
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(p for p in (f"rij {self.row}" if self.row else None,
                                      f"kolom '{self.column}'" if self.column else None) if p)
        return f"{where + ': ' if where else ''}{self.message} [regel: {self.rule}]"


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
            + "\nWat nu: verbeter het bestand (zie de sjabloonbeschrijving in de README) en zet het opnieuw"
            " in de inbox. Er is niets uit dit bestand geladen; de dashboards tonen de vorige cijfers."
        )


# --- reading the raw table -------------------------------------------------------------------

def _read_csv(content: bytes, problems: list[Problem]) -> tuple[list[str], list[tuple[int, list]], bool]:
    if content.startswith(UTF8_BOM):
        content = content[len(UTF8_BOM):]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        problems.append(Problem(line, None, "codering-utf8",
                                f"het bestand is geen UTF-8 (onleesbaar teken op byte {exc.start}). "
                                "Sla het op als 'CSV UTF-8 (door lijstscheidingsteken gescheiden)'."))
        return [], [], True
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        problems.append(Problem(1, None, "kopregel", "het bestand is leeg of de eerste regel (kolomnamen) ontbreekt."))
        return [], [], True
    header_line = lines[0]
    delimiter = ";" if ";" in header_line else "\t" if "\t" in header_line else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    header = [h.strip().lower() for h in rows[0]]
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    return header, body, delimiter == ";"


def _read_xlsx(content: bytes, problems: list[Problem]) -> tuple[list[str], list[tuple[int, list]], bool]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        problems.append(Problem(None, None, "xlsx-leesbaar", f"het Excel-bestand kan niet worden geopend ({type(exc).__name__})."))
        return [], [], False
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows())
    if not rows:
        problems.append(Problem(1, None, "kopregel", "het eerste werkblad is leeg."))
        return [], [], False
    header = [str(c.value).strip().lower() if c.value is not None else "" for c in rows[0]]
    body = []
    for cells in rows[1:]:
        values, has_formula = [], False
        for cell in cells:
            if cell.data_type == "f":
                has_formula = True
                problems.append(Problem(cell.row, header[cell.column - 1] if cell.column <= len(header) else None,
                                        "geen-formules",
                                        f"cel {cell.coordinate} bevat een formule ({cell.value}). Plak de waarden "
                                        "(Plakken speciaal > Waarden) en lever opnieuw aan."))
            values.append(cell.value)
        # A formula row is reported once, as a formula; its cached value is not read as data.
        if not has_formula and any(v not in (None, "") for v in values):
            body.append((cells[0].row, values))
    return header, body, True


# --- parsing single values -------------------------------------------------------------------

_DUTCH_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


def parse_number(raw, decimal_comma: bool) -> float:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, (int, float)):
        return float(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if decimal_comma:
        if "," in text or _DUTCH_THOUSANDS.match(text):
            text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        raise ValueError
    return float(text)


def parse_period(raw) -> tuple[str, int]:
    """'2023' -> ('2023', 2023); '2019-2022' -> ('2019-2022', 2022): a period is placed at its last year."""
    text = str(int(raw)) if isinstance(raw, (int, float)) and not isinstance(raw, bool) else str(raw).strip()
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
    for pattern, precision in ((r"(\d{1,2})-(\d{1,2})-(\d{4})", "dag"), (r"(\d{4})-(\d{1,2})-(\d{1,2})", "dag"),
                               (r"(\d{1,2})-(\d{4})", "maand"), (r"(\d{4})-(\d{1,2})", "maand"), (r"(\d{4})", "jaar")):
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

def read_delivery(file_name: str, content: bytes) -> pd.DataFrame:
    problems: list[Problem] = []
    if len(content) > MAX_FILE_BYTES:
        raise DeliveryError(file_name, [Problem(None, None, "bestandsgrootte",
                                                f"het bestand is {len(content) / 1024 / 1024:.1f} MB; de grens is "
                                                f"{MAX_FILE_BYTES // 1024 // 1024} MB. Splits het bestand, bijvoorbeeld per indicator of per jaar.")])
    if not content.strip():
        raise DeliveryError(file_name, [Problem(None, None, "niet-leeg", "het bestand is leeg.")])
    suffix = Path(file_name).suffix.lower()
    if suffix == ".csv":
        header, body, decimal_comma = _read_csv(content, problems)
    elif suffix == ".xlsx":
        header, body, decimal_comma = _read_xlsx(content, problems)
    else:
        raise DeliveryError(file_name, [Problem(None, None, "bestandstype",
                                                f"bestandstype '{suffix or '(geen)'}' wordt niet geaccepteerd; lever .csv of .xlsx aan.")])
    if problems and not header:
        raise DeliveryError(file_name, problems)

    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c and c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing:
        hint = " Staat er maar één kolom? Dan klopt het scheidingsteken niet: gebruik ';'." if len(header) == 1 else ""
        problems.append(Problem(1, None, "verplichte-kolommen", f"kolom(men) ontbreken: {', '.join(missing)}.{hint}"))
    for column in unknown:
        problems.append(Problem(1, column, "bekende-kolommen", "onbekende kolom; gebruik alleen de kolommen uit het sjabloon."))
    if missing or unknown:
        raise DeliveryError(file_name, problems)
    if not body:
        raise DeliveryError(file_name, problems or [Problem(None, None, "niet-leeg", "het bestand bevat kolomnamen maar geen rijen.")])

    index = {name: i for i, name in enumerate(header)}
    records = []
    for number, cells in body:
        def cell(column):
            i = index.get(column)
            value = cells[i] if i is not None and i < len(cells) else None
            return value.strip() if isinstance(value, str) else value

        record = _read_row(number, cell, decimal_comma, problems)
        if record is not None:
            records.append(record)

    for column, label in (("publisher", "bron_uitgever"), ("source_table", "bron_tabel"), ("release_label", "publicatiedatum")):
        distinct = {r[column] for r in records}
        if len(distinct) > 1:
            problems.append(Problem(None, label, "een-publicatie-per-bestand",
                                    f"het bestand mengt {len(distinct)} verschillende waarden; één bestand is één publicatie "
                                    "(één versie). Splits het bestand per publicatie."))
    if problems:
        raise DeliveryError(file_name, problems)
    frame = pd.DataFrame(records).drop(columns=["release_label"])
    return frame.astype({"value": "float64", "period_year": "int64", "row_number": "int64"})


def _read_row(number, cell, decimal_comma, problems) -> dict | None:
    start = len(problems)

    def need(column):
        value = cell(column)
        if value in (None, ""):
            problems.append(Problem(number, column, "verplicht", "lege cel; dit veld is verplicht."))
        return value

    indicator, region, period_raw, value_raw = need("indicator"), need("regio"), need("periode"), need("waarde")
    unit, status_raw, publisher, table, release_raw = (need("eenheid"), need("status"), need("bron_uitgever"),
                                                       need("bron_tabel"), need("publicatiedatum"))
    breakdown = cell("uitsplitsing") or "totaal"
    if len(problems) > start:
        return None

    try:
        period_label, period_year = parse_period(period_raw)
    except ValueError:
        problems.append(Problem(number, "periode", "periode-formaat", f"'{period_raw}' is geen jaar (2023) of periode (2019-2022)."))
        period_label, period_year = None, None
    try:
        value = parse_number(value_raw, decimal_comma)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError
    except (ValueError, TypeError):
        problems.append(Problem(number, "waarde", "getal",
                                f"'{value_raw}' is geen getal. Gebruik een decimale komma (149,5) zonder eenheid of tekst."))
        value = None
    status = STATUSES.get(str(status_raw).strip().lower())
    if status is None:
        problems.append(Problem(number, "status", "status", f"status '{status_raw}' is onbekend; gebruik voorlopig, definitief of onbekend."))
    try:
        release_date, release_precision = parse_release(release_raw)
    except (ValueError, TypeError, OverflowError):
        problems.append(Problem(number, "publicatiedatum", "datum",
                                f"'{release_raw}' is geen datum; gebruik dd-mm-jjjj, mm-jjjj, jjjj of 'onbekend'."))
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
        "indicator_code": indicator,
        "region_code": region,
        "period_label": period_label,
        "period_year": period_year,
        "breakdown": breakdown,
        "value": value,
        "unit": unit,
        "status": status,
        "publisher": publisher,
        "source_table": table,
        "source_url": cell("bron_url") or None,
        "release_date": release_date,
        "release_precision": release_precision,
        "release_label": str(release_raw),
        "retrieved_on": retrieved_on,
        "note": cell("opmerking") or None,
    }
