"""Read and check the reviewed mission catalogue (data/reference/missiecatalogus.yml).

Pure functions, no warehouse: the asset writes what `read_catalogue` returns. Every problem is
collected and reported at once, in Dutch, naming the entry and the field, because the people who
edit this file are M&E staff, not programmers.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from dagster_project.safe_text import unsafe_texts

QUANTIFICATIONS = {"relatief", "absoluut", "nul", "rangorde", "kwalitatief"}
DIRECTIONS = {"omlaag", "omhoog", None}
FIRST_TARGET_YEAR, LAST_TARGET_YEAR = 2019, 2100


class CatalogueError(ValueError):
    """The catalogue file breaks one or more rules; `problems` lists each in plain Dutch."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"Het referentiebestand {path.name} is niet geladen: {len(problems)} probleem/problemen.\n"
            f"{lines}\nPas het bestand aan en laad opnieuw; de vorige versie in het warehouse blijft staan."
        )


@dataclass(frozen=True)
class Catalogue:
    sources: pd.DataFrame
    themes: pd.DataFrame
    missions: pd.DataFrame
    targets: pd.DataFrame
    key_technology_clusters: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Raw table name -> rows, in the order they are written."""
        return {
            "documents": self.sources,
            "themes": self.themes,
            "missions": self.missions,
            "targets": self.targets,
            "key_technology_clusters": self.key_technology_clusters,
        }


def require_fields(entry: dict, fields: tuple[str, ...], where: str, problems: list[str]) -> None:
    for field in fields:
        if entry.get(field) in (None, ""):
            problems.append(f"{where}: veld '{field}' ontbreekt of is leeg.")


def unique_codes(codes: list[str], what: str, problems: list[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            problems.append(f"{what} '{code}' komt meer dan één keer voor; elke code moet uniek zijn.")
        seen.add(code)


def read_catalogue(path: Path) -> Catalogue:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogueError(path, [f"het bestand is geen leesbare YAML (UTF-8): {exc}"]) from exc
    if not isinstance(raw, dict):
        raise CatalogueError(path, ["het bestand bevat geen secties (bronnen, themas, missies, ...)."])

    problems: list[str] = unsafe_texts(raw)
    for section in ("bronnen", "themas", "missies", "sleuteltechnologieclusters"):
        if not isinstance(raw.get(section), list) or not raw[section]:
            problems.append(f"sectie '{section}' ontbreekt of is leeg.")
    if problems:
        raise CatalogueError(path, problems)

    sources = raw["bronnen"]
    themes = raw["themas"]
    missions = raw["missies"]
    clusters = raw["sleuteltechnologieclusters"]

    for s in sources:
        require_fields(s, ("code", "uitgever", "titel", "kenmerk"), f"bron '{s.get('code')}'", problems)
        if not s.get("datum") and not s.get("datum_tekst"):
            # An undated document stays usable, but says so in words instead of a guessed date.
            problems.append(f"bron '{s.get('code')}': geef 'datum', of 'datum_tekst' als het document geen datum noemt.")
    for t in themes:
        require_fields(t, ("code", "naam", "naam_en", "volgorde"), f"thema '{t.get('code')}'", problems)
    for c in clusters:
        require_fields(c, ("code", "naam", "volgorde"), f"sleuteltechnologiecluster '{c.get('code')}'", problems)
    unique_codes([s.get("code") for s in sources], "bron", problems)
    unique_codes([t.get("code") for t in themes], "thema", problems)
    unique_codes([m.get("code") for m in missions], "missie", problems)
    unique_codes([c.get("code") for c in clusters], "sleuteltechnologiecluster", problems)

    source_codes = {s.get("code") for s in sources}
    theme_codes = {t.get("code") for t in themes}
    missions_by_code = {m.get("code"): m for m in missions}
    mission_rows, target_rows = [], []
    for m in missions:
        where = f"missie '{m.get('code')}'"
        require_fields(m, ("code", "thema", "naam", "missietekst"), where, problems)
        if m.get("thema") not in theme_codes:
            problems.append(
                f"{where}, veld 'thema': onbekend thema '{m.get('thema')}'. Gebruik een van: {', '.join(sorted(theme_codes))}."
            )
        for field in ("hoofdmissie", "identiek_aan"):
            other = m.get(field)
            if other is not None and other not in missions_by_code:
                problems.append(f"{where}, veld '{field}': missie '{other}' bestaat niet in de catalogus.")
        parent = missions_by_code.get(m.get("hoofdmissie"))
        if parent is not None and parent.get("thema") != m.get("thema"):
            problems.append(f"{where}: de hoofdmissie '{parent['code']}' hoort bij een ander thema.")
        coverage_note = m.get("dekking_toelichting")
        if coverage_note is not None and not (isinstance(coverage_note, str) and coverage_note.strip()):
            problems.append(
                f"{where}, veld 'dekking_toelichting': leeg of geen tekst. Zeg in het Nederlands wat er gezocht is "
                "en waarom er (nog) geen gepubliceerde indicator past, of laat het veld weg."
            )
        targets = m.get("doelen") or []
        if not targets:
            problems.append(f"{where}: geen doelen; elke missie heeft minstens één doel (ook als het kwalitatief is).")
        mission_rows.append(
            {
                "code": m.get("code"),
                "thema": m.get("thema"),
                "hoofdmissie": m.get("hoofdmissie"),
                "naam": m.get("naam"),
                "missietekst": m.get("missietekst"),
                "telt_mee_in_25": bool(m.get("telt_mee_in_25", True)),
                "identiek_aan": m.get("identiek_aan"),
                "ministeries": m.get("ministeries"),
                "bron": m.get("bron", "KST-33009-70"),
                "opmerking": m.get("opmerking"),
                "dekking_toelichting": coverage_note.strip() if isinstance(coverage_note, str) else None,
            }
        )
        for d in targets:
            target_rows.append(check_target(d, m, source_codes, problems))
    unique_codes([d["code"] for d in target_rows], "doel", problems)
    for row in mission_rows:
        if row["bron"] not in source_codes:
            problems.append(f"missie '{row['code']}', veld 'bron': onbekende bron '{row['bron']}'.")

    if problems:
        raise CatalogueError(path, problems)

    return Catalogue(
        sources=typed_frame(
            [
                {k: s.get(k) for k in ("code", "uitgever", "titel", "kenmerk", "datum", "datum_tekst", "url", "bestand")}
                for s in sources
            ],
            {"datum": "datetime64[s]"},
        ),
        themes=typed_frame([{k: t[k] for k in ("code", "naam", "naam_en", "volgorde")} for t in themes], {"volgorde": "Int64"}),
        missions=typed_frame(mission_rows, {"telt_mee_in_25": "bool"}),
        targets=typed_frame(
            target_rows,
            {"doeljaar": "Int64", "basisjaar": "Int64", "doelwaarde": "Float64", "doeljaar_afgeleid": "bool", "geldend": "bool"},
        ),
        key_technology_clusters=typed_frame(
            [{k: c[k] for k in ("code", "naam", "volgorde")} for c in clusters], {"volgorde": "Int64"}
        ),
    )


def typed_frame(rows: list[dict], types: dict[str, str]) -> pd.DataFrame:
    """Text columns become strings even when every value is empty, so the warehouse gets VARCHAR, not NULL-typed columns."""
    frame = pd.DataFrame(rows)
    return frame.astype({col: types.get(col, "string") for col in frame.columns})


def check_target(d: dict, mission: dict, source_codes: set, problems: list[str]) -> dict:
    where = f"doel '{d.get('code')}' (missie '{mission.get('code')}')"
    require_fields(d, ("code", "doeltekst", "kwantificering"), where, problems)
    year, kind = d.get("doeljaar"), d.get("kwantificering")
    if year is None:
        if not d.get("doeljaar_tekst"):
            problems.append(f"{where}: geen doeljaar; zet dan in 'doeljaar_tekst' wat de bron zegt.")
    elif not isinstance(year, int) or not FIRST_TARGET_YEAR <= year <= LAST_TARGET_YEAR:
        problems.append(f"{where}, veld 'doeljaar': '{year}' is geen jaar tussen {FIRST_TARGET_YEAR} en {LAST_TARGET_YEAR}.")
    if kind not in QUANTIFICATIONS:
        problems.append(
            f"{where}, veld 'kwantificering': '{kind}' is onbekend. Gebruik een van: {', '.join(sorted(QUANTIFICATIONS))}."
        )
    if d.get("richting") not in DIRECTIONS:
        problems.append(f"{where}, veld 'richting': '{d.get('richting')}' is onbekend. Gebruik omlaag, omhoog of laat leeg.")
    if kind in QUANTIFICATIONS - {"kwalitatief"}:
        for field in ("doelwaarde", "eenheid", "richting"):
            if d.get(field) is None:
                problems.append(f"{where}: een {kind} doel heeft een '{field}' nodig.")
    elif kind == "kwalitatief" and d.get("doelwaarde") is not None:
        problems.append(f"{where}: een kwalitatief doel heeft geen 'doelwaarde'.")
    source = d.get("bron", mission.get("bron", "KST-33009-70"))
    if source not in source_codes:
        problems.append(f"{where}, veld 'bron': onbekende bron '{source}'.")
    return {
        "code": d.get("code"),
        "missie": mission.get("code"),
        "doeljaar": year,
        "doeljaar_tekst": d.get("doeljaar_tekst") or (str(year) if year is not None else None),
        "doeljaar_afgeleid": bool(d.get("doeljaar_afgeleid", False)),
        "doeltekst": d.get("doeltekst"),
        "kwantificering": kind,
        "richting": d.get("richting"),
        "doelwaarde": d.get("doelwaarde"),
        "eenheid": d.get("eenheid"),
        "basisjaar": d.get("basisjaar"),
        "geldend": bool(d.get("geldend", True)),
        "bron": source,
        "opmerking": d.get("opmerking"),
    }
