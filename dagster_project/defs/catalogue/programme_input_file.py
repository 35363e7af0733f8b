"""Read the reviewed programme and instrument figures (data/reference/inzet.yml) as tables."""

from pathlib import Path

import pandas as pd
import yaml

from dagster_project.defs.catalogue.catalogue_file import Catalogue, CatalogueError, typed_frame
from dagster_project.safe_text import unsafe_texts

NOT_APPLICABLE = "-2"  # the dimensions' "not tied to one theme/cluster" member
PRECISIONS = {"exact", "ongeveer", "bijna"}
# What kind of figure (inzet.yml, `soort`): an estimate, money planned beforehand, a portfolio snapshot,
# a grant or honoured project budget (a commitment), or what was realised as reported afterwards.
KINDS = {"raming", "begroting", "portfolio-opname", "toekenning", "realisatie"}


def read_programme_inputs(path: Path, catalogue: Catalogue) -> dict[str, pd.DataFrame]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    instruments = raw.get("instrumenten") or []
    figures = raw.get("cijfers") or []
    sources = set(catalogue.sources["code"])
    themes = set(catalogue.themes["code"]) | {NOT_APPLICABLE}
    clusters = set(catalogue.key_technology_clusters["code"]) | {NOT_APPLICABLE}
    instrument_codes = {i.get("code") for i in instruments}
    problems: list[str] = unsafe_texts(raw)
    rows = []
    for number, f in enumerate(figures, start=1):
        where = f"cijfer {number} ({f.get('instrument')}, {f.get('maat')})"
        for field in ("instrument", "maat", "maat_naam", "waarde", "eenheid", "periode", "bron", "citaat"):
            if f.get(field) in (None, ""):
                problems.append(f"{where}: veld '{field}' ontbreekt of is leeg.")
        if f.get("instrument") not in instrument_codes:
            problems.append(f"{where}, veld 'instrument': '{f.get('instrument')}' staat niet onder 'instrumenten'.")
        if not isinstance(f.get("waarde"), (int, float)) or isinstance(f.get("waarde"), bool):
            problems.append(f"{where}, veld 'waarde': '{f.get('waarde')}' is geen getal.")
        checks = (("bron", sources), ("thema", themes), ("cluster", clusters), ("nauwkeurigheid", PRECISIONS), ("soort", KINDS))
        for field, allowed in checks:
            if str(f.get(field)) not in {str(a) for a in allowed}:
                problems.append(
                    f"{where}, veld '{field}': '{f.get(field)}' is onbekend. Gebruik een van: "
                    f"{', '.join(sorted(str(a) for a in allowed))}."
                )
        rows.append(
            {
                key: f.get(key)
                for key in (
                    "instrument",
                    "maat",
                    "maat_naam",
                    "waarde",
                    "eenheid",
                    "nauwkeurigheid",
                    "thema",
                    "cluster",
                    "periode",
                    "soort",
                    "bron",
                    "citaat",
                )
            }
        )
    if problems:
        raise CatalogueError(path, problems)
    return {
        "programme_instruments": typed_frame([{"code": i["code"], "naam": i["naam"]} for i in instruments], {}),
        "programme_inputs": typed_frame(rows, {"waarde": "Float64", "periode": "Int64"}),
    }
