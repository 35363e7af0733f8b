"""Read the reviewed indicator and region reference (data/reference/indicatoren.yml) as tables."""

from pathlib import Path

import pandas as pd
import yaml

from dagster_project.defs.catalogue.catalogue_file import Catalogue, CatalogueError, typed_frame


def read_indicators(path: Path, catalogue: Catalogue) -> dict[str, pd.DataFrame]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    missions, targets = set(catalogue.missions["code"]), set(catalogue.targets["code"])
    published = {i.get("code"): i for i in raw["indicatoren"]}
    problems, indicators, links = [], [], []
    for i in raw["indicatoren"] + (raw.get("afgeleide_indicatoren") or []):
        where = f"indicator '{i.get('code')}'"
        if i.get("missie") not in missions:
            problems.append(f"{where}, veld 'missie': missie '{i.get('missie')}' staat niet in de missiecatalogus.")
        if i.get("richting") not in ("omlaag", "omhoog"):
            problems.append(f"{where}, veld 'richting': gebruik omlaag of omhoog.")
        for target in i.get("doelen") or []:
            if target not in targets:
                problems.append(f"{where}, veld 'doelen': doel '{target}' staat niet in de missiecatalogus.")
            links.append({"indicator": i["code"], "doel": target})
        source = i.get("afgeleid_van")
        if source is not None:
            parts = {part for b in published.get(source, {}).get("uitsplitsingen") or [] for part in b.split("|")}
            if source not in published:
                problems.append(f"{where}, veld 'afgeleid_van': '{source}' is geen gepubliceerde indicator.")
            for field in ("hoog", "laag"):
                if i.get(field) not in parts:
                    problems.append(f"{where}, veld '{field}': '{i.get(field)}' is geen uitsplitsing van {source}.")
        bounds = i.get("grenzen") or {}
        indicators.append({
            "code": i["code"], "naam": i["naam"], "naam_en": i["naam_en"], "eenheid": i["eenheid"],
            "richting": i["richting"], "natuurlijke_grens": i.get("natuurlijke_grens"), "eigenaar": i.get("eigenaar"),
            "missie": i.get("missie"), "uitsplitsingen": "; ".join(i.get("uitsplitsingen") or ["totaal"]),
            "min": bounds.get("min"), "max": bounds.get("max"),
            "afgeleid_van": source, "afleiding_hoog": i.get("hoog"), "afleiding_laag": i.get("laag"),
            "actualiteit_maanden": (i.get("actualiteit") or {}).get("maanden_na_periode"),
            "actualiteit_bron": (i.get("actualiteit") or {}).get("bron"),
        })
    if problems:
        raise CatalogueError(path, problems)
    return {
        "indicators": typed_frame(indicators, {"natuurlijke_grens": "Float64", "min": "Float64", "max": "Float64",
                                                "actualiteit_maanden": "Int64"}),
        "indicator_targets": typed_frame(links, {}),
        "regions": typed_frame(raw["regios"], {}),
    }
