"""Pick up files that M&E staff drop in the inbox and run the load and the models after it.

Every file leaves the inbox in the run that sees it (loaded, or quarantined with a report), so files
still waiting after a run ended mean the run itself failed (the warehouse was locked, the catalogue
was refused, a crash). The sensor then tries again after a back-off; after the last attempt it moves
the files to quarantine with a report instead of leaving the inbox blocked for every later delivery.
"""

import hashlib
import json
import time
from datetime import datetime

import dagster as dg

from dagster_project.contract import DELIVERIES_JOB, OBSERVATION_KEYS, REPORT_KEY, VALIDATION_RESULTS_KEY
from dagster_project.defs.observations.observation_store import DeliveryFolders, pending_deliveries, set_aside
from dagster_project.settings import delivery_root

# Seconds to wait before attempt 2, 3 and 4; after attempt 4 the files go to quarantine.
RETRY_AFTER_SECONDS = (60, 5 * 60, 15 * 60)
MAX_ATTEMPTS = len(RETRY_AFTER_SECONDS) + 1

deliveries_job = dg.define_asset_job(
    DELIVERIES_JOB,
    # Everything a delivered file changes, but not the report: the daily refresh writes that.
    selection=dg.AssetSelection.assets(*OBSERVATION_KEYS, VALIDATION_RESULTS_KEY).downstream()
    - dg.AssetSelection.assets(REPORT_KEY),
    description="Laadt de bestanden uit de inbox als nieuwe versies en bouwt de modellen erna opnieuw "
    "(de voortgangsrapportage volgt bij de dagelijkse verversing).",
)


def _fingerprint(files) -> str:
    return hashlib.sha256("|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files).encode()).hexdigest()[
        :16
    ]


@dg.sensor(job=deliveries_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def inbox_sensor(context: dg.SensorEvaluationContext):
    folders = DeliveryFolders.under(delivery_root())
    files = pending_deliveries(folders)
    if not files:
        return dg.SensorResult(skip_reason=dg.SkipReason("De inbox is leeg."), cursor="")
    fingerprint = _fingerprint(files)
    state = json.loads(context.cursor) if context.cursor else {}
    now = time.time()
    names = ", ".join(p.name for p in files)[:500]
    if state.get("fingerprint") != fingerprint:
        # New files: one run for this set. The same set gives the same run key, so it is never started twice.
        state = {"fingerprint": fingerprint, "attempt": 1, "requested_at": now}
        return _request(state, names)

    attempt = state["attempt"]
    runs = context.instance.get_runs(filters=dg.RunsFilter(tags={"dagster/run_key": _run_key(state)}), limit=1)
    if not runs or not runs[0].is_finished:
        return dg.SensorResult(skip_reason=dg.SkipReason(f"Poging {attempt} voor {names} loopt nog."), cursor=json.dumps(state))
    if attempt >= MAX_ATTEMPTS:
        report = (
            f"Dit bestand bleef na {attempt} pogingen in de inbox staan: de verwerking zelf mislukte "
            f"(laatste run {runs[0].run_id}, status {runs[0].status.value}). Dit is een interne fout — meld dit aan de "
            "beheerder, met dit rapport. Het bestand is byte voor byte bewaard; er is niets uit geladen."
        )
        for path in files:
            stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
            set_aside(folders, path, f"{stamp}_na_{attempt}_pogingen_{path.name}", report)
        context.log.error(f"Na {attempt} mislukte pogingen in quarantaine gezet: {names}")
        return dg.SensorResult(skip_reason=dg.SkipReason(f"In quarantaine na {attempt} pogingen: {names}"), cursor="")
    wait = RETRY_AFTER_SECONDS[attempt - 1]
    if now < state["requested_at"] + wait:
        retry_at = datetime.fromtimestamp(state["requested_at"] + wait).strftime("%H:%M:%S")
        return dg.SensorResult(
            skip_reason=dg.SkipReason(f"Poging {attempt} voor {names} is mislukt; volgende poging om {retry_at}."),
            cursor=json.dumps(state),
        )
    state = {**state, "attempt": attempt + 1, "requested_at": now}
    return _request(state, names)


def _run_key(state: dict) -> str:
    return f"{state['fingerprint']}-poging-{state['attempt']}"


def _request(state: dict, names: str) -> dg.SensorResult:
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=_run_key(state), tags={"leveringen": names, "poging": str(state["attempt"])})],
        cursor=json.dumps(state),
    )


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[deliveries_job], sensors=[inbox_sensor])
