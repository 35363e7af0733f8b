"""CBS StatLine (OData v3) -> files in the delivery template, one per table release.

Fetching and converting are separate: `fetch_table` talks to the network and saves every response
as it came, `table_to_delivery` turns saved responses into template rows. Tests run the conversion
on saved responses; with no network, `fetch_table` raises SourceUnavailable and nothing changes.
"""

import csv
import io
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

from dagster_project.defs.observations.delivery_file import TEMPLATE_COLUMNS

BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"


class SourceUnavailable(RuntimeError):
    """CBS could not be reached; the warehouse keeps what it has."""


class SeriesMismatch(ValueError):
    """The table no longer has a measure or member the configuration names."""


@dataclass(frozen=True)
class Series:
    table: str
    title: str
    indicator: str
    unit: str
    measure: str
    filters: dict[str, str]
    breakdown_by: dict[str, dict[str, str]]


def read_series(path: Path) -> list[Series]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Series(
            table=s["tabel"],
            title=s["titel"],
            indicator=s["indicator"],
            unit=s["eenheid"],
            measure=s["meetwaarde"],
            filters=s.get("filters") or {},
            breakdown_by=s.get("uitsplitsing_naar") or {},
        )
        for s in raw["reeksen"]
    ]


def _get_json(url: str, timeout: float) -> dict:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "missiemonitor"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise SourceUnavailable(
            f"Geen verbinding met CBS StatLine ({url}): {getattr(exc, 'reason', exc)}. "
            "Het warehouse houdt de cijfers die het al had; probeer het later opnieuw."
        ) from exc


def fetch_table(series: Series, save_dir: Path, base_url: str = BASE_URL, timeout: float = 15) -> Path:
    """Download what the conversion needs and save each response unchanged in one JSON file."""
    table_url = f"{base_url}/{series.table}"
    responses = {
        "TableInfos": _get_json(f"{table_url}/TableInfos?$format=json", timeout),
        "DataProperties": _get_json(f"{table_url}/DataProperties?$format=json", timeout),
        "Perioden": _get_json(f"{table_url}/Perioden?$format=json", timeout),
        "TypedDataSet": _get_json(f"{table_url}/TypedDataSet?$format=json", timeout),
    }
    for dimension in {*series.filters, *series.breakdown_by}:
        responses[dimension] = _get_json(f"{table_url}/{dimension}?$format=json", timeout)
    modified = (responses["TableInfos"]["value"][0].get("Modified") or "onbekend")[:10]
    save_dir.mkdir(parents=True, exist_ok=True)
    target = save_dir / f"{series.table}_{modified}.json"
    target.write_text(
        json.dumps(
            {"url": table_url, "opgehaald_op": date.today().isoformat(), "responses": responses}, ensure_ascii=False, indent=1
        ),
        encoding="utf-8",
    )
    return target


def _members(responses: dict, dimension: str) -> dict[str, str]:
    """Title -> key of a dimension's members (CBS pads keys with spaces)."""
    if dimension not in responses:
        raise SeriesMismatch(f"dimensie '{dimension}' ontbreekt in de opgeslagen antwoorden.")
    return {m["Title"].strip(): m["Key"].strip() for m in responses[dimension]["value"]}


def table_to_delivery(saved: dict, series: Series) -> tuple[str, bytes]:
    """Turn saved responses into a delivery file (name, UTF-8 CSV bytes) in the template format."""
    responses = saved["responses"]
    info = responses["TableInfos"]["value"][0]
    topics = {p["Title"].strip(): p["Key"] for p in responses["DataProperties"]["value"] if p.get("Type") == "Topic"}
    if series.measure not in topics:
        raise SeriesMismatch(
            f"CBS-tabel {series.table} heeft geen meetwaarde '{series.measure}' (wel: {', '.join(sorted(topics))}). "
            "Pas data/reference/cbs_tabellen.yml aan."
        )
    measure_key = topics[series.measure]
    filters = {}
    for dimension, title in series.filters.items():
        members = _members(responses, dimension)
        if title not in members:
            raise SeriesMismatch(f"CBS-tabel {series.table}: dimensie '{dimension}' heeft geen '{title}'.")
        filters[dimension] = members[title]
    breakdowns = {}
    for dimension, mapping in series.breakdown_by.items():
        members = _members(responses, dimension)
        for title, code in mapping.items():
            if title not in members:
                raise SeriesMismatch(f"CBS-tabel {series.table}: dimensie '{dimension}' heeft geen '{title}'.")
            breakdowns[(dimension, members[title])] = code
    statuses = {p["Key"].strip(): p.get("Status", "") for p in responses["Perioden"]["value"]}

    modified = (info.get("Modified") or "")[:10]
    release = datetime.strptime(modified, "%Y-%m-%d").strftime("%d-%m-%Y") if modified else "onbekend"
    retrieved = datetime.strptime(saved["opgehaald_op"], "%Y-%m-%d").strftime("%d-%m-%Y")
    lines = [TEMPLATE_COLUMNS]
    for row in responses["TypedDataSet"]["value"]:
        period = row["Perioden"].strip()
        match = re.fullmatch(r"(\d{4})JJ00", period)
        value = row.get(measure_key)
        if not match or value is None:
            continue  # only annual figures, and CBS leaves unpublished cells empty
        if any(row[d].strip() != key for d, key in filters.items()):
            continue
        codes = [breakdowns.get((d, row[d].strip())) for d in series.breakdown_by]
        if None in codes:
            continue
        status = {"definitief": "definitief", "voorlopig": "voorlopig"}.get(statuses.get(period, "").strip().lower(), "onbekend")
        lines.append(
            [
                series.indicator,
                "NL",
                match.group(1),
                "|".join(codes) or "totaal",
                f"{value}".replace(".", ","),
                series.unit,
                status,
                "CBS",
                f"StatLine {series.table} ({info.get('Title', series.title)})",
                saved["url"],
                release,
                retrieved,
                "opgehaald met de CBS StatLine-connector",
            ]
        )
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(lines)
    return f"cbs_{series.table}_{modified or 'onbekend'}.csv", buffer.getvalue().encode("utf-8")
