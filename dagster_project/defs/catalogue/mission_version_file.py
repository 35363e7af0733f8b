"""Read the 2023 revision of the missions (data/reference/missies_2023.yml) and its crosswalk from the
2019 catalogue, as tables.

The 2019 catalogue (missiecatalogus.yml) stays the one that indicators attach to; an indicator rolls up
to a 2023 mission through the crosswalk, so it is entered once and counted in either version.
"""

from pathlib import Path

import pandas as pd
import yaml

from dagster_project.defs.catalogue.catalogue_file import (
    Catalogue,
    CatalogueError,
    check_target,
    require_fields,
    typed_frame,
    unique_codes,
)
from dagster_project.safe_text import unsafe_texts

VERSION_2019 = "2019"
VERSION_2023 = "2023"
# What became of a 2019 mission in 2023: taken over (possibly reworded), merged into a broader mission,
# dropped, or not said by any source that could be read (the last two map to no 2023 mission).
CROSSWALK_STATUSES = {"overgenomen", "samengevoegd", "vervallen", "onbekend"}
UNMAPPED = {"vervallen", "onbekend"}


def read_mission_versions(path: Path, catalogue: Catalogue) -> dict[str, pd.DataFrame]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missions = raw.get("missies_2023") or []
    crosswalk = raw.get("crosswalk_2019_2023") or []
    sources = set(catalogue.sources["code"])
    themes = set(catalogue.themes["code"])
    problems: list[str] = unsafe_texts(raw)
    if not missions:
        problems.append("sectie 'missies_2023' ontbreekt of is leeg.")

    codes = [m.get("code") for m in missions]
    unique_codes(codes, "missie", problems)
    mission_rows, target_rows = [], []
    for m in missions:
        where = f"missie {m.get('code')}"
        require_fields(m, ("code", "thema", "naam", "missietekst", "bron"), where, problems)
        if m.get("thema") not in themes:
            problems.append(
                f"{where}, veld 'thema': '{m.get('thema')}' is onbekend. Gebruik een van: {', '.join(sorted(themes))}."
            )
        if m.get("bron") not in sources:
            problems.append(f"{where}, veld 'bron': '{m.get('bron')}' staat niet onder 'bronnen' in missiecatalogus.yml.")
        if m.get("hoofdmissie") not in (None, *codes):
            problems.append(f"{where}, veld 'hoofdmissie': '{m.get('hoofdmissie')}' is geen missie uit 'missies_2023'.")
        mission_rows.append(
            {
                "code": m.get("code"),
                "thema": m.get("thema"),
                "hoofdmissie": m.get("hoofdmissie"),
                "naam": m.get("naam"),
                "missietekst": m.get("missietekst"),
                "bron": m.get("bron"),
                "opmerking": m.get("opmerking"),
            }
        )
        # the same rules as for a target of 2019 (catalogue_file.check_target)
        target_rows += [check_target(d, m, sources, problems) for d in m.get("doelen") or []]
    unique_codes([d["code"] for d in target_rows], "doel", problems)

    # Every 2019 entry says where it went: a 2023 mission, or dropped.
    known_2019 = list(catalogue.missions["code"])
    walked = [c.get("missie_2019") for c in crosswalk]
    for code in sorted(set(known_2019) - set(walked)):
        problems.append(f"crosswalk: 2019-missie {code} ontbreekt; geef de 2023-missie of status 'vervallen'.")
    for code in sorted({c for c in walked if walked.count(c) > 1}):
        problems.append(f"crosswalk: 2019-missie {code} staat er meer dan eens in.")
    crosswalk_rows = []
    for c in crosswalk:
        where = f"crosswalk {c.get('missie_2019')}"
        if c.get("missie_2019") not in known_2019:
            problems.append(f"{where}: '{c.get('missie_2019')}' is geen missie uit missiecatalogus.yml.")
        if c.get("status") not in CROSSWALK_STATUSES:
            problems.append(
                f"{where}, veld 'status': '{c.get('status')}' is onbekend. Gebruik een van: {', '.join(sorted(CROSSWALK_STATUSES))}."
            )
        if c.get("status") in UNMAPPED and c.get("missie_2023") is not None:
            problems.append(f"{where}: een {c.get('status')} missie wijst naar geen 2023-missie (missie_2023: null).")
        if c.get("status") in UNMAPPED and not c.get("toelichting"):
            problems.append(f"{where}: zeg in 'toelichting' waarom de missie {c.get('status')} is.")
        if c.get("status") not in UNMAPPED and c.get("missie_2023") not in codes:
            problems.append(f"{where}, veld 'missie_2023': '{c.get('missie_2023')}' is geen missie uit 'missies_2023'.")
        crosswalk_rows.append({k: c.get(k) for k in ("missie_2019", "missie_2023", "status", "toelichting")})

    if problems:
        raise CatalogueError(path, problems)
    return {
        "missions_2023": typed_frame(mission_rows, {}),
        "targets_2023": typed_frame(
            target_rows,
            {"doeljaar": "Int64", "basisjaar": "Int64", "doelwaarde": "Float64", "doeljaar_afgeleid": "bool", "geldend": "bool"},
        ),
        "mission_crosswalk": typed_frame(crosswalk_rows, {}),
    }
