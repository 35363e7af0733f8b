"""Read and check the reviewed outlooks (data/reference/uitzichten.yml): official projections of a
target year, such as the PBL Klimaat- en Energieverkenning's range for 2030.

An outlook is not an observation, so it gets a table of its own (raw_catalogue.outlooks) and never
enters the observation tables or the verdicts. Every problem is reported at once, in Dutch, naming
the entry and the field, like the other reference files.
"""

import datetime as dt
from pathlib import Path

import pandas as pd
import yaml

from dagster_project.defs.catalogue.catalogue_file import Catalogue, CatalogueError, typed_frame
from dagster_project.safe_text import unsafe_texts

# A range in percent against a reference year is converted with the indicator's value in that year;
# any other unit must be the indicator's own, so the range can be drawn as it is.
PERCENT_REDUCTION = "% reductie t.o.v. referentiejaar"
REQUIRED = ("code", "uitgever", "uitgever_kort", "reeks", "editie", "titel", "url", "doel", "indicator", "jaar")
REQUIRED += ("beleid", "eenheid", "laag", "hoog", "citaat")
FIELDS = REQUIRED + ("publicatiedatum", "publicatiedatum_tekst", "referentiejaar", "kans_op_doel_hoogstens_pct")
FIELDS += ("kans_tekst", "opmerking")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def read_outlooks(path: Path, catalogue: Catalogue, indicators: pd.DataFrame) -> dict[str, pd.DataFrame]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogueError(path, [f"het bestand is geen leesbare YAML (UTF-8): {exc}"]) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("uitzichten"), list):
        raise CatalogueError(path, ["sectie 'uitzichten' ontbreekt; zet de ramingen als lijst onder 'uitzichten:'."])

    targets = {t["code"]: t for t in catalogue.targets.to_dict("records")}
    units = dict(zip(indicators["code"], indicators["eenheid"]))
    problems: list[str] = unsafe_texts(raw)
    rows, seen = [], set()
    for number, u in enumerate(raw["uitzichten"], start=1):
        if not isinstance(u, dict):
            problems.append(f"uitzicht {number}: geen veldenlijst (code, uitgever, doel, ...).")
            continue
        where = f"uitzicht {number} ('{u.get('code')}', doel '{u.get('doel')}')"
        for field in REQUIRED:
            if u.get(field) in (None, ""):
                problems.append(f"{where}: veld '{field}' ontbreekt of is leeg.")
        unknown = sorted(set(u) - set(FIELDS))
        if unknown:
            problems.append(f"{where}: onbekend veld {', '.join(repr(f) for f in unknown)}. Gebruik alleen: {', '.join(FIELDS)}.")
        key = (u.get("code"), u.get("doel"), u.get("indicator"))
        if key in seen:
            problems.append(f"{where}: staat twee keer in het bestand (zelfde code, doel en indicator).")
        seen.add(key)

        target = targets.get(u.get("doel"))
        if u.get("doel") is not None and target is None:
            problems.append(f"{where}, veld 'doel': '{u.get('doel')}' staat niet in de missiecatalogus.")
        if u.get("indicator") is not None and u.get("indicator") not in units:
            problems.append(f"{where}, veld 'indicator': '{u.get('indicator')}' staat niet in de indicatorenlijst.")
        for field in ("editie", "jaar", "referentiejaar"):
            value = u.get(field)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2100):
                problems.append(f"{where}, veld '{field}': '{value}' is geen jaar.")
        if target is not None and isinstance(u.get("jaar"), int) and target.get("doeljaar") not in (None, u["jaar"]):
            problems.append(
                f"{where}, veld 'jaar': de raming is voor {u['jaar']}, het doel '{u['doel']}' voor {target['doeljaar']}."
            )

        low, high = u.get("laag"), u.get("hoog")
        for field, value in (("laag", low), ("hoog", high), ("kans_op_doel_hoogstens_pct", u.get("kans_op_doel_hoogstens_pct"))):
            if value is not None and not _is_number(value):
                problems.append(f"{where}, veld '{field}': '{value}' is geen getal (decimale punt, zonder %-teken).")
        if _is_number(low) and _is_number(high) and low > high:
            problems.append(f"{where}: 'laag' ({low}) is groter dan 'hoog' ({high}).")
        chance = u.get("kans_op_doel_hoogstens_pct")
        if _is_number(chance) and not 0 <= chance <= 100:
            problems.append(f"{where}, veld 'kans_op_doel_hoogstens_pct': {chance} ligt niet tussen 0 en 100.")

        unit = u.get("eenheid")
        if unit == PERCENT_REDUCTION:
            if u.get("referentiejaar") is None:
                problems.append(f"{where}: een bandbreedte in '{PERCENT_REDUCTION}' heeft een 'referentiejaar' nodig.")
            for field, value in (("laag", low), ("hoog", high)):
                if _is_number(value) and not 0 <= value <= 100:
                    problems.append(f"{where}, veld '{field}': een reductie van {value} % ligt niet tussen 0 en 100.")
        elif unit is not None and u.get("indicator") in units and unit != units[u["indicator"]]:
            problems.append(
                f"{where}, veld 'eenheid': '{unit}' is niet de eenheid van {u['indicator']} ('{units[u['indicator']]}') "
                f"en ook geen '{PERCENT_REDUCTION}'."
            )

        published = u.get("publicatiedatum")
        if published is None and not u.get("publicatiedatum_tekst"):
            problems.append(f"{where}: geef 'publicatiedatum', of 'publicatiedatum_tekst' als de dag niet bekend is.")
        if published is not None and not isinstance(published, dt.date):
            problems.append(f"{where}, veld 'publicatiedatum': '{published}' is geen datum (JJJJ-MM-DD).")
        url = u.get("url")
        if url is not None and not str(url).startswith(("https://", "http://")):
            problems.append(f"{where}, veld 'url': '{url}' is geen webadres (begint niet met https://).")
        rows.append({field: u.get(field) for field in FIELDS})

    if not rows and not problems:
        problems.append("sectie 'uitzichten' is leeg.")
    if problems:
        raise CatalogueError(path, problems)
    return {
        "outlooks": typed_frame(
            rows,
            {
                "editie": "Int64",
                "jaar": "Int64",
                "referentiejaar": "Int64",
                "laag": "Float64",
                "hoog": "Float64",
                "kans_op_doel_hoogstens_pct": "Float64",
                "publicatiedatum": "datetime64[s]",
            },
        )
    }
