"""Refresh indicators from CBS StatLine when the network is there; say so plainly when it is not."""

import json
import os

import dagster as dg

from dagster_project.defs.sources.cbs_statline import (
    BASE_URL,
    SeriesMismatch,
    SourceUnavailable,
    fetch_table,
    read_series,
    table_to_delivery,
)
from dagster_project.settings import CBS_SERIES_FILE, cbs_download_dir

CBS_ASSET_KEY = dg.AssetKey(["bronnen", "cbs_statline"])
CBS_URL_ENV = "MISSIEMONITOR_CBS_URL"  # another OData v3 base URL, e.g. a mirror


@dg.asset(
    key=CBS_ASSET_KEY,
    group_name="bronnen",
    kinds={"python"},
    description="Haalt de CBS StatLine-reeksen uit data/reference/cbs_tabellen.yml op en zet ze klaar als versie.",
)
def cbs_statline(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    folder = cbs_download_dir()
    fetched, offline = [], []
    for series in read_series(CBS_SERIES_FILE):
        try:
            saved_path = fetch_table(series, folder / "antwoorden", base_url=os.environ.get(CBS_URL_ENV, BASE_URL))
        except SourceUnavailable as exc:
            context.log.warning(str(exc))
            offline.append(series.table)
            continue
        try:
            name, content = table_to_delivery(json.loads(saved_path.read_text(encoding="utf-8")), series)
        except SeriesMismatch as exc:
            raise dg.Failure(description=str(exc)) from exc
        (folder / name).write_bytes(content)
        fetched.append(name)
    return dg.MaterializeResult(
        metadata={
            "status": "offline: bestaande cijfers blijven staan" if offline and not fetched else "bijgewerkt",
            "opgehaald": ", ".join(fetched) or "-",
            "niet bereikbaar": ", ".join(offline) or "-",
        }
    )
