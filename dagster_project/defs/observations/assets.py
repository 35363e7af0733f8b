"""The observation store: the bundled snapshot and every inbox delivery, each an immutable vintage."""

import dagster as dg

from dagster_project.contract import OBSERVATION_KEYS, VALIDATION_RESULTS_KEY
from dagster_project.defs.observations.observation_store import (
    DeliveryFolders,
    ensure_tables,
    load_folder,
    process_inbox,
)
from dagster_project.defs.quality.gx_project import build_open_docs
from dagster_project.defs.resources import WarehouseResource
from dagster_project.defs.sources.assets import CBS_ASSET_KEY
from dagster_project.reference import load_reference
from dagster_project.settings import INDICATOR_FILE, SNAPSHOT_DIR, cbs_download_dir, delivery_root


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            OBSERVATION_KEYS[0],
            description="Eén rij per versie (vintage): bron, publicatiedatum, status en herkomst.",
            group_name="waarnemingen",
            kinds={"duckdb"},
            deps=[CBS_ASSET_KEY],
        ),
        dg.AssetSpec(
            OBSERVATION_KEYS[1],
            description="Alle waarnemingen van alle versies; niets wordt overschreven.",
            group_name="waarnemingen",
            kinds={"duckdb"},
            deps=[CBS_ASSET_KEY],
        ),
        dg.AssetSpec(
            OBSERVATION_KEYS[2],
            description="Elke aangeleverde file: ontvangen, geladen of geweigerd, en waar het origineel staat.",
            group_name="waarnemingen",
            kinds={"duckdb"},
            deps=[CBS_ASSET_KEY],
        ),
        dg.AssetSpec(
            VALIDATION_RESULTS_KEY,
            description="Uitkomst van elke Great Expectations-controle: per bestand en per verwachting.",
            group_name="waarnemingen",
            kinds={"duckdb"},
            deps=[CBS_ASSET_KEY],
        ),
    ],
    can_subset=False,
)
def observation_store(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Load the snapshot files and CBS downloads (once each) and every file waiting in the inbox."""
    reference = load_reference(INDICATOR_FILE)
    folders = DeliveryFolders.under(delivery_root())
    with warehouse.connect() as conn:
        ensure_tables(conn)
        snapshot = load_folder(conn, SNAPSHOT_DIR, "snapshot", reference)
        snapshot += load_folder(conn, cbs_download_dir(), "cbs_api", reference)
        deliveries = process_inbox(conn, folders, reference)
        build_open_docs()  # once for every file validated above, refused ones included
        counts = dict(
            conn.execute(
                "select 'versies', count(*) from raw_observations.vintages union all "
                "select 'waarnemingen', count(*) from raw_observations.observations union all "
                "select 'leveringen', count(*) from raw_observations.deliveries union all "
                "select 'controles', count(*) from raw_quality.validation_results"
            ).fetchall()
        )
    for outcome in snapshot + deliveries:
        (context.log.warning if outcome.outcome == "geweigerd" else context.log.info)(outcome.message)
        for warning in outcome.warnings:
            context.log.warning(f"{outcome.file_name}: {warning}")
    rejected = [o for o in deliveries if o.outcome == "geweigerd"]
    summary = {
        "nieuwe versies": dg.MetadataValue.int(sum(o.outcome == "geladen" for o in snapshot + deliveries)),
        "geweigerde leveringen": dg.MetadataValue.int(len(rejected)),
        "verwerkt": dg.MetadataValue.md("\n".join(f"- {o.message.splitlines()[0]}" for o in snapshot + deliveries) or "-"),
    }
    for key, count_name in zip(
        [*OBSERVATION_KEYS, VALIDATION_RESULTS_KEY], ("versies", "waarnemingen", "leveringen", "controles")
    ):
        yield dg.MaterializeResult(asset_key=key, metadata={"rijen": dg.MetadataValue.int(counts[count_name]), **summary})
