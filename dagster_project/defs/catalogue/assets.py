"""Load the reviewed mission catalogue into the warehouse's raw_catalogue schema."""

import hashlib

import dagster as dg

from dagster_project.defs.catalogue.catalogue_file import Catalogue, CatalogueError, read_catalogue
from dagster_project.defs.resources import WarehouseResource
from dagster_project.settings import CATALOGUE_FILE, REPO_ROOT

RAW_SCHEMA = "raw_catalogue"
# Asset keys match the dbt source `catalogue` (dbt/models/staging/catalogue/_catalogue__sources.yml),
# so dagster-dbt draws the lineage from these tables into the staging models.
SOURCE_NAME = "catalogue"

_DESCRIPTIONS = {
    "documents": "Documenten waaruit de missies en doelen komen (uitgever, kenmerk, datum).",
    "themes": "De vier maatschappelijke thema's.",
    "missions": "Alle missies en deelmissies uit Kamerstuk 33 009, nr. 70, met de letterlijke missietekst.",
    "targets": "Eén rij per missie x doeljaar x doelmaat, met doeltekst en waar de brief het kwantificeert de doelwaarde.",
    "key_technology_clusters": "De acht clusters van sleuteltechnologieën uit de KIA-ST.",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(dg.AssetKey([SOURCE_NAME, table]), description=text, group_name="catalogus", kinds={"duckdb"})
        for table, text in _DESCRIPTIONS.items()
    ],
    can_subset=False,
)
def mission_catalogue(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Read data/reference/missiecatalogus.yml, check it, and replace the raw tables in one transaction."""
    try:
        catalogue = read_catalogue(CATALOGUE_FILE)
    except CatalogueError as exc:
        # A Failure shows the Dutch explanation itself in the UI, not a Python traceback.
        raise dg.Failure(description=str(exc), metadata={"problemen": len(exc.problems)}) from exc
    digest = hashlib.sha256(CATALOGUE_FILE.read_bytes()).hexdigest()
    write_catalogue(warehouse, catalogue)
    for table, frame in catalogue.tables().items():
        yield dg.MaterializeResult(
            asset_key=dg.AssetKey([SOURCE_NAME, table]),
            metadata={
                "rijen": dg.MetadataValue.int(len(frame)),
                "bestand": dg.MetadataValue.path(str(CATALOGUE_FILE.relative_to(REPO_ROOT))),
                "sha256": digest,
                "voorbeeld": dg.MetadataValue.md(frame.head(5).to_markdown(index=False)),
            },
        )


def write_catalogue(warehouse: WarehouseResource, catalogue: Catalogue) -> None:
    # All tables in one transaction: a failure leaves the previous catalogue whole.
    with warehouse.connect() as conn:
        conn.execute("begin transaction")
        conn.execute(f"create schema if not exists {RAW_SCHEMA}")
        for table, frame in catalogue.tables().items():
            conn.register("_frame", frame)
            conn.execute(f"create or replace table {RAW_SCHEMA}.{table} as select * from _frame")
            conn.unregister("_frame")
        conn.execute("commit")
