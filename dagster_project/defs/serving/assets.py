"""The serving copy as an asset: it follows every mart, so it is published only after dbt built and
tested them (a failed blocking check upstream means no new copy: the dashboards keep the last one)."""

import dagster as dg

from dagster_project.defs.serving.serving_copy import publish
from dagster_project.defs.transform.project import dbt_project
from dagster_project.settings import serving_path, warehouse_path


def _mart_keys() -> list[dg.AssetKey]:
    import json

    manifest = json.loads(dbt_project.manifest_path.read_text())
    return [dg.AssetKey(["marts", node["name"]]) for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["config"].get("schema") == "marts"]


@dg.asset(
    key=dg.AssetKey(["publicatie", "serving_copy"]),
    deps=_mart_keys(),
    group_name="publicatie",
    kinds={"duckdb"},
    description="Kopie van de gevalideerde marts die de dashboards (alleen-lezen) gebruiken; atomair vervangen.",
)
def serving_copy(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    counts = publish(warehouse_path(), serving_path())
    context.log.info(f"Dashboards lezen nu {serving_path()} ({len(counts)} tabellen).")
    return dg.MaterializeResult(metadata={
        "bestand": dg.MetadataValue.path(str(serving_path())),
        "tabellen": len(counts),
        "rijen per tabel": dg.MetadataValue.json(counts),
    })
