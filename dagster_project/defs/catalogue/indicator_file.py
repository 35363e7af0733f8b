"""Read the reviewed indicator and region reference (data/reference/indicatoren.yml) as tables.

Besides the fields themselves, every link from an indicator to a catalogue target (`doelen`) is
checked for sense (docs/indicator-toevoegen.md): an indicator that cannot reach its target in
principle would give a verdict ("Doel bereikt", "Op koers") that means nothing.
"""

from pathlib import Path

import pandas as pd

from dagster_project.defs.catalogue.catalogue_file import Catalogue, CatalogueError, typed_frame
from dagster_project.reference import PERIOD_TYPES, period_length, read_indicator_file
from dagster_project.safe_text import unsafe_texts

# A unit that is itself a change against something: a relative change of it says nothing.
CHANGE_WORDS = ("verschil", "t.o.v.", "ten opzichte van", "mutatie", "groei", "verandering", "procentpunt", "%-punt")
_MOVES = {"omlaag": ("een daling", "lager beter"), "omhoog": ("een stijging", "hoger beter")}
# `meet_doel`: does the indicator measure its mission's target as worded (exact), or only approximate
# it (proxy, with `toelichting_proxy` saying in one Dutch sentence what it misses)?
MEASUREMENT_FITS = ("exact", "proxy")


def read_indicators(path: Path, catalogue: Catalogue) -> dict[str, pd.DataFrame]:
    raw = read_indicator_file(path)
    missions = set(catalogue.missions["code"])
    targets = {t["code"]: t for t in catalogue.targets.to_dict("records")}
    published = {i.get("code"): i for i in raw["indicatoren"]}
    problems, indicators, links = unsafe_texts(raw), [], []
    for i in raw["indicatoren"] + (raw.get("afgeleide_indicatoren") or []):
        where = f"indicator '{i.get('code')}'"
        if i.get("missie") not in missions:
            problems.append(f"{where}, veld 'missie': missie '{i.get('missie')}' staat niet in de missiecatalogus.")
        if i.get("richting") not in ("omlaag", "omhoog"):
            problems.append(f"{where}, veld 'richting': gebruik omlaag of omhoog.")
        for target in i.get("doelen") or []:
            if target not in targets:
                problems.append(f"{where}, veld 'doelen': doel '{target}' staat niet in de missiecatalogus.")
            else:
                problems.extend(link_problems(i, targets[target]))
            links.append({"indicator": i["code"], "doel": target})
        source = i.get("afgeleid_van")
        if source is not None:
            parts = {part for b in published.get(source, {}).get("uitsplitsingen") or [] for part in b.split("|")}
            if source not in published:
                problems.append(f"{where}, veld 'afgeleid_van': '{source}' is geen gepubliceerde indicator.")
            for field in ("hoog", "laag"):
                if i.get(field) not in parts:
                    problems.append(f"{where}, veld '{field}': '{i.get(field)}' is geen uitsplitsing van {source}.")
            kind, length = _inherited_period(i, published.get(source) or {}, where, problems)
        else:
            kind, length = _period(i, where, problems)
        fit, proxy_note = _measurement_fit(i, where, problems)
        interval, interval_source = _release_interval(i, where, problems)
        bounds = i.get("grenzen") or {}
        indicators.append(
            {
                "code": i["code"],
                "naam": i["naam"],
                "naam_en": i["naam_en"],
                "eenheid": i["eenheid"],
                "richting": i["richting"],
                "natuurlijke_grens": i.get("natuurlijke_grens"),
                "eigenaar": i.get("eigenaar"),
                "missie": i.get("missie"),
                "uitsplitsingen": "; ".join(i.get("uitsplitsingen") or ["totaal"]),
                "min": bounds.get("min"),
                "max": bounds.get("max"),
                "afgeleid_van": source,
                "afleiding_hoog": i.get("hoog"),
                "afleiding_laag": i.get("laag"),
                "actualiteit_maanden": (i.get("actualiteit") or {}).get("maanden_na_periode"),
                "actualiteit_bron": (i.get("actualiteit") or {}).get("bron"),
                "periodetype": kind,
                "periodelengte": length,
                "meet_doel": fit,
                "toelichting_proxy": proxy_note,
                "ritme_jaren": interval,
                "ritme_bron": interval_source,
                # do the provinces add up to the national figure (counts, mass) or not (shares, survey %)?
                "regio_optelbaar": i.get("regio_optelbaar"),
            }
        )
    if problems:
        raise CatalogueError(path, problems)
    return {
        "indicators": typed_frame(
            indicators,
            {
                "natuurlijke_grens": "Float64",
                "min": "Float64",
                "max": "Float64",
                "actualiteit_maanden": "Int64",
                "periodelengte": "Int64",
                "ritme_jaren": "Int64",
                "regio_optelbaar": "boolean",
            },
        ),
        "indicator_targets": typed_frame(links, {}),
        "regions": typed_frame(raw["regios"], {}),
    }


def _period(i: dict, where: str, problems: list[str]) -> tuple[str | None, int | None]:
    """A published indicator's `periodetype` and `periodelengte`, checked."""
    kind, length = i.get("periodetype"), i.get("periodelengte")
    if kind in (None, ""):
        problems.append(
            f"{where}, veld 'periodetype': ontbreekt. Gebruik jaar (één jaar per waarde, zoals 2023) "
            "of meerjarig (één waarde per periode van meerdere jaren, zoals 2019-2022)."
        )
        return None, None
    if kind not in PERIOD_TYPES:
        problems.append(f"{where}, veld 'periodetype': '{kind}' is onbekend. Gebruik jaar of meerjarig.")
        return None, None
    if kind == "jaar" and length not in (None, 1):
        problems.append(
            f"{where}, veld 'periodelengte': een jaarreeks heeft geen periodelengte; "
            "laat het veld weg of maak de indicator meerjarig."
        )
    if kind == "meerjarig" and period_length(i) is None:
        problems.append(
            f"{where}, veld 'periodelengte': een meerjarige indicator noemt het aantal jaren per periode "
            f"(een geheel getal van 2 of meer, bijvoorbeeld 4 voor 2019-2022); nu: '{length}'."
        )
    return kind, period_length(i)


def _measurement_fit(i: dict, where: str, problems: list[str]) -> tuple[str | None, str | None]:
    """`meet_doel` (exact or proxy) and, for a proxy, `toelichting_proxy`, checked."""
    fit, note = i.get("meet_doel"), i.get("toelichting_proxy")
    note = note.strip() if isinstance(note, str) else note
    if fit not in MEASUREMENT_FITS:
        problems.append(
            f"{where}, veld 'meet_doel': {'ontbreekt' if fit in (None, '') else f'{fit!r} is onbekend'}. "
            "Gebruik exact (de indicator meet het doel zoals het in de brief staat) of proxy (de indicator "
            "benadert het doel), en zet bij proxy in 'toelichting_proxy' wat hij niet meet."
        )
        return None, None
    if fit == "proxy" and not (isinstance(note, str) and note):
        problems.append(
            f"{where}, veld 'toelichting_proxy': ontbreekt. Een proxy zegt in één zin wat hij van het doel "
            "niet meet (bijvoorbeeld: 'meet slachtofferschap van veelvoorkomende criminaliteit, niet van "
            "georganiseerde misdaad')."
        )
    if fit == "exact" and note not in (None, ""):
        problems.append(
            f"{where}, veld 'toelichting_proxy': alleen bij meet_doel: proxy. Een exacte indicator meet het doel "
            "zoals het er staat; laat het veld weg, of maak de indicator een proxy als hij iets mist."
        )
    return fit, note if fit == "proxy" else None


def _release_interval(i: dict, where: str, problems: list[str]) -> tuple[int | None, str | None]:
    """`ritme_jaren` (a measurement every so many years; left out for a yearly series) and its `ritme_bron`."""
    years, source = i.get("ritme_jaren"), i.get("ritme_bron")
    if years is None:
        if source not in (None, ""):
            problems.append(f"{where}, veld 'ritme_bron': staat er zonder 'ritme_jaren'; vul beide in of laat beide weg.")
        return None, None
    if not isinstance(years, int) or isinstance(years, bool) or years < 2:
        problems.append(
            f"{where}, veld 'ritme_jaren': '{years}' is geen geheel getal van 2 of meer. Vul het alleen in voor een "
            "indicator die minder vaak dan jaarlijks verschijnt (3 = eens per drie jaar); laat het weg bij een jaarreeks."
        )
        return None, None
    if not (isinstance(source, str) and source.strip()):
        problems.append(f"{where}, veld 'ritme_bron': ontbreekt. Zeg waar het ritme van eens per {years} jaar staat.")
    return years, source


def _inherited_period(i: dict, source: dict, where: str, problems: list[str]) -> tuple[str | None, int | None]:
    """A derived indicator has the period type of its source; a declaration of its own must agree."""
    kind, length = source.get("periodetype"), period_length(source)
    for field, own, inherited in (("periodetype", i.get("periodetype"), kind), ("periodelengte", i.get("periodelengte"), length)):
        if own is not None and own != inherited and not (field == "periodelengte" and kind == "jaar" and own == 1):
            problems.append(
                f"{where}, veld '{field}': een afgeleide indicator neemt het periodetype over van "
                f"{i.get('afgeleid_van')} ({_period_words(kind, length)}); laat het veld weg."
            )
    return (kind, length) if kind in PERIOD_TYPES else (None, None)


def _period_words(kind: str | None, length: int | None) -> str:
    if kind == "jaar":
        return "jaar"
    if kind == "meerjarig":
        return f"meerjarig, {length} jaar" if length else "meerjarig"
    return "geen periodetype"


def is_share(unit: str | None) -> bool:
    """A share or percentage ('%', '% van het totaal'): bounded by 0 and 100, not an amount."""
    return "%" in (unit or "")


def is_change_unit(unit: str | None) -> bool:
    """A unit that is itself a change or difference against something ('% t.o.v. 1990', 'mutatie')."""
    text = (unit or "").casefold()
    return any(word in text for word in CHANGE_WORDS)


def _unit_fits(target_unit: str | None, unit: str | None) -> bool:
    """The target's unit starts with the indicator's unit, as a whole word: 'jaren in goede
    gezondheid (verschil met basisjaar)' fits 'jaren', 'positie NCSI' fits 'positie'."""
    target_unit, unit = (target_unit or "").strip().casefold(), (unit or "").strip().casefold()
    if not unit or not target_unit.startswith(unit):
        return False
    rest = target_unit[len(unit) :]
    return rest == "" or rest[0] in " (,;:"


def _zero(target_unit: str | None) -> str:
    return f"{target_unit} naar 0" if target_unit else "doelwaarde 0"


def link_problems(indicator: dict, target: dict) -> list[str]:
    """Why this indicator cannot measure this target (empty when the link makes sense).

    (a) direction: a target's `richting` (when set, also on a qualitative target) is the indicator's `richting`;
    (b) `nul`: an amount that can reach zero (`natuurlijke_grens: 0`), not a share in %;
    (c) `absoluut`, `rangorde`: the target's unit starts with the indicator's unit;
    (d) `relatief` (change in % against a base year): an amount with a natural zero or any level,
        a share too (a relative change of a share: 40 % -> 50 % is +25 %), but not a unit that is
        itself a change (a percentage change of '% t.o.v. 1990' means nothing) without a natural zero;
    (e) `kwalitatief`: any indicator that moves the right way (a).
    """
    code, target_code = indicator.get("code"), target.get("code")
    where = f"indicator '{code}', veld 'doelen': doel '{target_code}'"
    kind = target.get("kwantificering")
    unit, direction, limit = indicator.get("eenheid"), indicator.get("richting"), indicator.get("natuurlijke_grens")
    target_direction, target_unit = target.get("richting"), target.get("eenheid")
    target_direction = None if pd.isna(target_direction) else target_direction
    target_unit = None if pd.isna(target_unit) else target_unit
    problems = []
    if target_direction in _MOVES and direction in _MOVES and target_direction != direction:
        asked, moves = _MOVES[target_direction], _MOVES[direction]
        problems.append(
            f"{where} vraagt {asked[0]} (richting {target_direction}), maar voor {code} is {moves[1]} "
            f"(richting {direction}): {moves[0]} kan geen {asked[0].removeprefix('een ')} halen. "
            "Koppel een indicator die met het doel mee beweegt, of corrigeer 'richting'."
        )
    if kind == "nul":
        if is_share(unit):
            problems.append(
                f"{where} is een nuldoel ({_zero(target_unit)}), maar {code} is een aandeel ('{unit}'): "
                "een aandeel meet niet of de hoeveelheid zelf nul wordt. Koppel een hoeveelheid die nul kan worden "
                "(met natuurlijke_grens: 0), bijvoorbeeld de uitstoot zelf."
            )
        elif limit != 0:
            problems.append(
                f"{where} is een nuldoel ({_zero(target_unit)}), maar {code} heeft geen natuurlijke grens 0 "
                f"(natuurlijke_grens: {'leeg' if limit is None else limit}): alleen een hoeveelheid die nul kan worden "
                "kan een nuldoel halen. Zet natuurlijke_grens: 0 als dat klopt, of koppel een andere indicator."
            )
    elif kind in ("absoluut", "rangorde"):
        if not _unit_fits(target_unit, unit):
            what = "een absoluut doel" if kind == "absoluut" else "een rangorde-doel"
            problems.append(
                f"{where} is {what} in '{target_unit}', maar {code} is in '{unit}': de eenheid van het doel moet "
                "beginnen met de eenheid van de indicator (zoals 'jaren in goede gezondheid (verschil met basisjaar)' "
                "bij 'jaren')."
            )
    elif kind == "relatief" and is_change_unit(unit) and limit != 0:
        problems.append(
            f"{where} is een relatief doel ({target_unit or '% t.o.v. basisjaar'}), maar {code} is zelf al een "
            f"verandering ('{unit}') zonder natuurlijke grens 0: een procentuele verandering daarvan zegt niets. "
            "Koppel de indicator van het niveau zelf (bijvoorbeeld de uitstoot, niet de daling ervan)."
        )
    return problems
