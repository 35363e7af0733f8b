"""Read the municipalities (data/reference/gemeenten.csv) and their boundary changes
(data/reference/gemeentelijke_herindelingen.csv) beside the regions of indicatoren.yml.

A municipality is a region of level `gemeente` with its CBS code (GM and four digits). The boundary
changes are a documented mapping, not a computation: each row says which old municipality went (wholly
or partly) into which new one on which date, with its source. A municipality split over several
others has one row per part (`soort` splitsing_deel), and exactly one of them is the successor RvIG
Tabel 33 names (`opvolger_tabel33: ja`, `soort` splitsing); no share per part is known, so no figure is
ever converted along a split.
"""

import csv
import re
from datetime import date
from pathlib import Path

import pandas as pd

from dagster_project.defs.catalogue.catalogue_file import CatalogueError, require_fields, typed_frame, unique_codes
from dagster_project.safe_text import unsafe_texts

MUNICIPALITY_CODE = re.compile(r"GM\d{4}")
CHANGE_KINDS = ("samenvoeging", "splitsing", "splitsing_deel")


def _rows(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f, delimiter=";"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CatalogueError(path, [f"het bestand is geen leesbare CSV (UTF-8, puntkomma): {exc}"]) from exc


def read_municipalities(list_path: Path, changes_path: Path, regions: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The regions of indicatoren.yml plus every municipality (niveau gemeente), and the boundary changes."""
    municipalities, changes = _rows(list_path), _rows(changes_path)
    problems = unsafe_texts(municipalities)
    for m in municipalities:
        where = f"gemeente '{m.get('code')}'"
        require_fields(m, ("code", "naam", "bron"), where, problems)
        if not MUNICIPALITY_CODE.fullmatch(m.get("code") or ""):
            problems.append(f"{where}, veld 'code': gebruik de CBS-gemeentecode, GM en vier cijfers (GM0363).")
    codes = [m.get("code") for m in municipalities]
    unique_codes(codes, "gemeente", problems)
    for code in set(codes) & set(regions["code"]):
        problems.append(f"gemeente '{code}' staat ook bij de regio's in indicatoren.yml.")
    if problems:
        raise CatalogueError(list_path, problems)

    known = set(codes)
    problems = unsafe_texts(changes)
    parts: dict[str, list[dict]] = {}
    for number, c in enumerate(changes, start=2):
        where = f"regel {number} ({c.get('oude_code')} -> {c.get('nieuwe_code')})"
        require_fields(c, ("oude_code", "nieuwe_code", "datum", "soort", "opvolger_tabel33", "bron"), where, problems)
        for field in ("oude_code", "nieuwe_code"):
            if c.get(field) not in known:
                problems.append(f"{where}, veld '{field}': '{c.get(field)}' staat niet in {list_path.name}.")
        if c.get("oude_code") == c.get("nieuwe_code"):
            problems.append(f"{where}: oude en nieuwe code zijn gelijk.")
        try:
            date.fromisoformat(c.get("datum") or "")
        except ValueError:
            problems.append(f"{where}, veld 'datum': '{c.get('datum')}' is geen datum (jjjj-mm-dd).")
        if c.get("soort") not in CHANGE_KINDS:
            problems.append(f"{where}, veld 'soort': gebruik {', '.join(CHANGE_KINDS)}.")
        if c.get("opvolger_tabel33") not in ("ja", "nee"):
            problems.append(f"{where}, veld 'opvolger_tabel33': gebruik ja of nee.")
        parts.setdefault(c.get("oude_code"), []).append(c)
    for old, rows in parts.items():
        kinds = {r.get("soort") for r in rows}
        successors = [r for r in rows if r.get("opvolger_tabel33") == "ja"]
        if len({r.get("datum") for r in rows}) > 1:
            problems.append(f"gemeente '{old}' heeft meer dan één datum van opheffing.")
        if len(successors) != 1:
            problems.append(
                f"gemeente '{old}': precies één regel hoort opvolger_tabel33 ja te hebben (de code die Tabel 33 noemt)."
            )
        if len(rows) == 1 and kinds != {"samenvoeging"}:
            problems.append(f"gemeente '{old}' gaat naar één gemeente: soort is samenvoeging, geen splitsing.")
        if len(rows) > 1 and (kinds - {"splitsing", "splitsing_deel"} or [r.get("soort") for r in successors] != ["splitsing"]):
            problems.append(
                f"gemeente '{old}' is over {len(rows)} gemeenten verdeeld: de regel van de Tabel 33-opvolger heeft soort "
                "splitsing, de andere splitsing_deel."
            )
    if problems:
        raise CatalogueError(changes_path, problems)

    rows = [{"code": m["code"], "naam": m["naam"], "niveau": "gemeente", "iso": None, "bron": m["bron"]} for m in municipalities]
    return {
        "regions": typed_frame(regions.to_dict("records") + rows, {}),
        "municipal_changes": typed_frame(
            [
                {
                    "oude_code": c["oude_code"],
                    "nieuwe_code": c["nieuwe_code"],
                    "datum": c["datum"],
                    "soort": c["soort"],
                    "opvolger_tabel33": c["opvolger_tabel33"] == "ja",
                    "bron": c["bron"],
                }
                for c in changes
            ],
            {"opvolger_tabel33": "boolean"},
        ),
    }
