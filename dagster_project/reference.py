"""What an observation may contain, from data/reference/indicatoren.yml: the published indicators
(unit, breakdowns, plausible range, period type) and the regions. The Great Expectations suites are
built from it."""

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from dagster_project.settings import MUNICIPALITY_FILE

# `periodetype` in indicatoren.yml: one calendar year per value ("2023"), or one value per period of
# `periodelengte` years ("2019-2022" = 4), as the source publishes it.
PERIOD_TYPES = ("jaar", "meerjarig")
_PERIOD = re.compile(r"(\d{4})(?:-(\d{4}))?")


@dataclass(frozen=True)
class IndicatorRule:
    unit: str
    breakdowns: frozenset[str]
    minimum: float | None
    maximum: float | None
    # None when indicatoren.yml does not say: then no period is accepted (the catalogue asset refuses
    # such a reference with a Dutch message; nothing is guessed).
    period_type: str | None = None
    period_length: int | None = None  # years per period: 1 for "jaar", e.g. 4 for a 2019-2022 series

    @property
    def period_kind(self) -> str | None:
        """The kind of period this indicator's rows must have, in the form `period_kind` gives a label."""
        if self.period_type == "jaar":
            return "jaar"
        if self.period_type == "meerjarig" and self.period_length:
            return f"meerjarig:{self.period_length}"
        return None


@dataclass(frozen=True)
class Reference:
    indicators: dict[str, IndicatorRule]
    regions: frozenset[str]
    today: date = field(default_factory=date.today)


def period_kind(label) -> str | None:
    """'2023' -> 'jaar'; '2019-2022' -> 'meerjarig:4' (four years); anything else -> None."""
    match = _PERIOD.fullmatch(str(label)) if label is not None else None
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    return "jaar" if first == last else f"meerjarig:{last - first + 1}"


def describe_period_mismatch(indicator_code: str, label, reference: Reference) -> dict[str, str]:
    """The Dutch words for a row whose period does not fit its indicator, for the GX message
    "{indicator_code} is een {verwachte_reeks}; periode '{period_label}' is {gegeven_periode}. {periode_advies}"."""
    rule = reference.indicators.get(indicator_code)
    kind = period_kind(label)
    match = _PERIOD.fullmatch(str(label)) if label is not None else None
    last = int(match.group(2) or match.group(1)) if match else None
    if rule is None or rule.period_kind is None:
        return {
            "verwachte_reeks": "indicator zonder periodetype in indicatoren.yml",
            "gegeven_periode": "niet te controleren",
            "periode_advies": "Vraag de beheerder van indicatoren.yml om 'periodetype' in te vullen.",
        }
    if kind is None:
        given = "geen jaar of periode"
    elif kind == "jaar":
        given = "één jaar"
    elif rule.period_type == "jaar":
        given = "een meerjarige periode"
    else:
        given = f"een periode van {kind.split(':')[1]} jaar"
    if rule.period_type == "jaar":
        expected = "jaarreeks"
        advice = f"Lever één jaar per rij ({last})." if last else "Lever één jaar per rij (bijvoorbeeld 2023)."
    else:
        length = rule.period_length
        expected = f"reeks van perioden van {length} jaar"
        example = f"{last - length + 1}-{last}" if last else f"{2023 - length}-2022"
        advice = f"Lever per rij een periode van {length} jaar, zoals de bron die publiceert (bijvoorbeeld {example})."
    return {"verwachte_reeks": expected, "gegeven_periode": given, "periode_advies": advice}


def read_indicator_file(path: Path) -> dict:
    """indicatoren.yml as parsed YAML: the one place the file is read (the catalogue's tables and the
    delivery rules are both built from what this returns)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def municipality_codes(path: Path | None = None) -> frozenset[str]:
    """The CBS codes (GMxxxx) of data/reference/gemeenten.csv: regions a row may name besides NL and the provinces."""
    with (path or MUNICIPALITY_FILE).open(encoding="utf-8-sig", newline="") as f:
        return frozenset(row["code"] for row in csv.DictReader(f, delimiter=";"))


def load_reference(path: Path, today: date | None = None) -> Reference:
    # Only `indicatoren`: derived indicators are computed by the warehouse and never delivered.
    raw = read_indicator_file(path)
    return Reference(
        indicators={
            i["code"]: IndicatorRule(
                unit=i["eenheid"],
                breakdowns=frozenset(i.get("uitsplitsingen") or ["totaal"]),
                minimum=(i.get("grenzen") or {}).get("min"),
                maximum=(i.get("grenzen") or {}).get("max"),
                period_type=i.get("periodetype"),
                period_length=period_length(i),
            )
            for i in raw["indicatoren"]
        },
        regions=frozenset(r["code"] for r in raw["regios"]) | municipality_codes(),
        today=today or date.today(),
    )


def period_length(entry: dict) -> int | None:
    """Years per period of one indicatoren.yml entry: 1 for a yearly series, `periodelengte` for a
    multi-year one, None where the entry does not say (or says something invalid)."""
    kind, length = entry.get("periodetype"), entry.get("periodelengte")
    if kind == "jaar":
        return 1
    if kind == "meerjarig" and isinstance(length, int) and not isinstance(length, bool) and length >= 2:
        return length
    return None
