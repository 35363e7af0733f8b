"""The serving copy as an asset: it follows every mart, so it is published only after dbt built and
tested them (a failed blocking check upstream means no new copy: the dashboards keep the last one)."""

import dagster as dg

from dagster_project.defs.serving.serving_copy import publish
from dagster_project.defs.transform.assets import missiemonitor_dbt_models
from dagster_project.settings import serving_path, warehouse_path

# Every mart the dbt assets build (read from their definition, not from the manifest file again).
MART_KEYS = sorted((key for key in missiemonitor_dbt_models.keys if key.path[0] == "marts"), key=lambda k: k.path)


@dg.asset(
    key=dg.AssetKey(["publicatie", "serving_copy"]),
    deps=MART_KEYS,
    group_name="publicatie",
    kinds={"duckdb"},
    description="Kopie van de gevalideerde marts die de dashboards (alleen-lezen) gebruiken; atomair vervangen.",
)
def serving_copy(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    counts = publish(warehouse_path(), serving_path())
    context.log.info(f"Dashboards lezen nu {serving_path()} ({len(counts)} tabellen).")
    return dg.MaterializeResult(
        metadata={
            "bestand": dg.MetadataValue.path(str(serving_path())),
            "tabellen": len(counts),
            "rijen per tabel": dg.MetadataValue.json(counts),
        }
    )
