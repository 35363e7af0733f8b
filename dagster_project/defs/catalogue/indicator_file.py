"""Read the reviewed indicator and region reference (data/reference/indicatoren.yml) as tables."""

from pathlib import Path

import pandas as pd
import yaml

from dagster_project.defs.catalogue.catalogue_file import Catalogue, CatalogueError, typed_frame


def read_indicators(path: Path, catalogue: Catalogue) -> dict[str, pd.DataFrame]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    missions, targets = set(catalogue.missions["code"]), set(catalogue.targets["code"])
    problems, indicators, links = [], [], []
    for i in raw["indicatoren"]:
        where = f"indicator '{i.get('code')}'"
        if i.get("missie") not in missions:
            problems.append(f"{where}, veld 'missie': missie '{i.get('missie')}' staat niet in de missiecatalogus.")
        if i.get("richting") not in ("omlaag", "omhoog"):
            problems.append(f"{where}, veld 'richting': gebruik omlaag of omhoog.")
        for target in i.get("doelen") or []:
            if target not in targets:
                problems.append(f"{where}, veld 'doelen': doel '{target}' staat niet in de missiecatalogus.")
            links.append({"indicator": i["code"], "doel": target})
        bounds = i.get("grenzen") or {}
        indicators.append({
            "code": i["code"], "naam": i["naam"], "naam_en": i["naam_en"], "eenheid": i["eenheid"],
            "richting": i["richting"], "natuurlijke_grens": i.get("natuurlijke_grens"), "eigenaar": i.get("eigenaar"),
            "missie": i.get("missie"), "uitsplitsingen": "; ".join(i.get("uitsplitsingen") or ["totaal"]),
            "min": bounds.get("min"), "max": bounds.get("max"),
        })
    if problems:
        raise CatalogueError(path, problems)
    return {
        "indicators": typed_frame(indicators, {"natuurlijke_grens": "Float64", "min": "Float64", "max": "Float64"}),
        "indicator_targets": typed_frame(links, {}),
        "regions": typed_frame(raw["regios"], {}),
    }
