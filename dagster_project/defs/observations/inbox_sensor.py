"""Pick up files that M&E staff drop in the inbox and run the load and the models after it."""

import hashlib

import dagster as dg

from dagster_project.defs.observations.assets import OBSERVATION_KEYS, VALIDATION_RESULTS_KEY
from dagster_project.defs.observations.observation_store import DeliveryFolders, pending_deliveries
from dagster_project.settings import delivery_root

deliveries_job = dg.define_asset_job(
    "leveringen_verwerken",
    selection=dg.AssetSelection.assets(*OBSERVATION_KEYS, VALIDATION_RESULTS_KEY).downstream(),
    description="Laadt de bestanden uit de inbox als nieuwe versies en bouwt de modellen erna opnieuw.",
)


@dg.sensor(job=deliveries_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def inbox_sensor(context: dg.SensorEvaluationContext):
    files = pending_deliveries(DeliveryFolders.under(delivery_root()))
    if not files:
        return dg.SkipReason("De inbox is leeg.")
    # The same set of files gives the same run key, so a slow run is never started twice for it.
    fingerprint = hashlib.sha256(
        "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files).encode()
    ).hexdigest()[:16]
    return dg.RunRequest(run_key=fingerprint, tags={"leveringen": ", ".join(p.name for p in files)[:500]})


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[deliveries_job], sensors=[inbox_sensor])
