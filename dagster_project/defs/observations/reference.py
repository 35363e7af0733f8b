"""What an observation may contain, from data/reference/indicatoren.yml: the published indicators
(unit, breakdowns, plausible range) and the regions. The Great Expectations suites are built from it."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml


@dataclass(frozen=True)
class IndicatorRule:
    unit: str
    breakdowns: frozenset[str]
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class Reference:
    indicators: dict[str, IndicatorRule]
    regions: frozenset[str]
    today: date = field(default_factory=date.today)


def load_reference(path: Path, today: date | None = None) -> Reference:
    # Only `indicatoren`: derived indicators are computed by the warehouse and never delivered.
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Reference(
        indicators={
            i["code"]: IndicatorRule(
                unit=i["eenheid"],
                breakdowns=frozenset(i.get("uitsplitsingen") or ["totaal"]),
                minimum=(i.get("grenzen") or {}).get("min"),
                maximum=(i.get("grenzen") or {}).get("max"),
            )
            for i in raw["indicatoren"]
        },
        regions=frozenset(r["code"] for r in raw["regios"]),
        today=today or date.today(),
    )
