"""Load the reviewed reference data (missions, targets, indicators, regions) into raw_catalogue."""

import hashlib

import dagster as dg
import pandas as pd

from dagster_project.defs.catalogue.catalogue_file import CatalogueError, read_catalogue
from dagster_project.defs.catalogue.indicator_file import read_indicators
from dagster_project.defs.catalogue.mission_version_file import read_mission_versions
from dagster_project.defs.catalogue.municipality_file import read_municipalities
from dagster_project.defs.catalogue.outlook_file import read_outlooks
from dagster_project.defs.catalogue.programme_input_file import read_programme_inputs
from dagster_project.defs.resources import WarehouseResource
from dagster_project.settings import (
    CATALOGUE_FILE,
    INDICATOR_FILE,
    MISSION_VERSION_FILE,
    MUNICIPAL_CHANGES_FILE,
    MUNICIPALITY_FILE,
    OUTLOOK_FILE,
    PROGRAMME_INPUT_FILE,
    REPO_ROOT,
)

RAW_SCHEMA = "raw_catalogue"
# Asset keys match the dbt source `catalogue` (dbt/models/staging/catalogue/_catalogue__sources.yml),
# so dagster-dbt draws the lineage from these tables into the staging models.
SOURCE_NAME = "catalogue"

_DESCRIPTIONS = {
    "documents": "Documenten waaruit de missies en doelen komen (uitgever, kenmerk, datum).",
    "themes": "De vier maatschappelijke thema's.",
    "missions": "Alle missies en deelmissies uit Kamerstuk 33 009, nr. 70, met de letterlijke missietekst.",
    "missions_2023": "De missies zoals het kabinet ze in 2023 herijkte, letterlijk, met hun bron.",
    "targets_2023": "De doelen van de herijkte missies, letterlijk, met jaar en getal waar de bron die geeft.",
    "mission_crosswalk": "Waar elke missie van 2019 in 2023 bleef: overgenomen, samengevoegd of vervallen, met reden.",
    "targets": "Eén rij per missie x doeljaar x doelmaat, met doeltekst en waar de brief het kwantificeert de doelwaarde.",
    "key_technology_clusters": "De acht clusters van sleuteltechnologieën uit de KIA-ST.",
    "indicators": "Indicatoren per missie: eenheid, gewenste richting, eigenaar, toegestane uitsplitsingen en bereik.",
    "indicator_targets": "Welke doelen uit de missiecatalogus elke indicator meet.",
    "regions": "Nederland, de twaalf provincies en de gemeenten (GMxxxx), met CBS-regiocodes.",
    "municipal_changes": "Gemeentelijke herindelingen: oude gemeentecode, nieuwe, datum en bron; splitsingen gemarkeerd.",
    "programme_instruments": "Programma's en instrumenten die in de missies investeren (KIA-ST-MJP's, WBSO, Innovatiebox).",
    "programme_inputs": "Cijfers over die programma's en instrumenten, letterlijk uit de brondocumenten, met citaat.",
    "outlooks": "Officiële ramingen van een doeljaar (zoals de PBL Klimaat- en Energieverkenning), per editie; geen waarnemingen.",
}
REFERENCE_FILES = (
    CATALOGUE_FILE,
    INDICATOR_FILE,
    MUNICIPALITY_FILE,
    MUNICIPAL_CHANGES_FILE,
    PROGRAMME_INPUT_FILE,
    OUTLOOK_FILE,
    MISSION_VERSION_FILE,
)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(dg.AssetKey([SOURCE_NAME, table]), description=text, group_name="catalogus", kinds={"duckdb"})
        for table, text in _DESCRIPTIONS.items()
    ],
    can_subset=False,
)
def mission_catalogue(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Read the reviewed reference files, check them, and replace the raw tables in one transaction."""
    try:
        tables = reference_tables()
    except CatalogueError as exc:
        # A Failure shows the Dutch explanation itself in the UI, not a Python traceback.
        raise dg.Failure(description=str(exc), metadata={"problemen": len(exc.problems)}) from exc
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in REFERENCE_FILES)).hexdigest()
    write_tables(warehouse, tables)
    for table, frame in tables.items():
        yield dg.MaterializeResult(
            asset_key=dg.AssetKey([SOURCE_NAME, table]),
            metadata={
                "rijen": dg.MetadataValue.int(len(frame)),
                "bestanden": ", ".join(str(p.relative_to(REPO_ROOT)) for p in REFERENCE_FILES),
                "sha256": digest,
                "voorbeeld": dg.MetadataValue.md(frame.head(5).to_markdown(index=False)),
            },
        )


def reference_tables() -> dict[str, pd.DataFrame]:
    """Every raw_catalogue table, read and checked from the reviewed reference files."""
    catalogue = read_catalogue(CATALOGUE_FILE)
    indicators = read_indicators(INDICATOR_FILE, catalogue)
    return {
        **catalogue.tables(),
        **indicators,
        **read_municipalities(MUNICIPALITY_FILE, MUNICIPAL_CHANGES_FILE, indicators["regions"]),
        **read_programme_inputs(PROGRAMME_INPUT_FILE, catalogue),
        **read_outlooks(OUTLOOK_FILE, catalogue, indicators["indicators"]),
        **read_mission_versions(MISSION_VERSION_FILE, catalogue),
    }


def write_tables(warehouse: WarehouseResource, tables: dict[str, pd.DataFrame]) -> None:
    # All tables in one transaction: a failure leaves the previous catalogue whole.
    with warehouse.connect() as conn:
        conn.execute("begin transaction")
        conn.execute(f"create schema if not exists {RAW_SCHEMA}")
        for table, frame in tables.items():
            conn.register("_frame", frame)
            conn.execute(f"create or replace table {RAW_SCHEMA}.{table} as select * from _frame")
            conn.unregister("_frame")
        conn.execute("commit")
