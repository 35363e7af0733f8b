"""Withdraw a vintage: `make intrekken VERSIE=<versie- of levering-id> REDEN="..." [DOOR=naam]`, or undo
a withdrawal: `make terugzetten VERSIE=... REDEN="..." [DOOR=naam]`.

    .venv/bin/python -m dagster_project.withdraw --versie levering-3f2a9c0b1d4e --reden "verkeerd bestand"
    .venv/bin/python -m dagster_project.withdraw --terugzetten --versie levering-3f2a9c0b1d4e --reden "toch goed"
    .venv/bin/python -m dagster_project.withdraw --lijst

It takes the pipeline lock (`<warehouse>.lock`) as a run does, so it never writes while a refresh
runs (it says so and stops), records the withdrawal in raw_observations.withdrawals (or moves it to
raw_observations.withdrawals_undone) and stops there:
the dashboards change at the next refresh (`make run`, the job `dagelijkse_verversing` in the Dagster
UI, or the daily refresh at 6:00), which rebuilds and tests the models before publishing them. See
docs/aanleveren.md, "Een versie intrekken".
"""

import argparse
import getpass
import sys

import dagster as dg

from dagster_project.defs.observations.withdrawals import (
    HOW_TO_FIND_IDS,
    WithdrawalRefused,
    listing,
    undo_withdrawal,
    withdraw,
)
from dagster_project.defs.resources import PipelineAlreadyRunning, WarehouseResource
from dagster_project.settings import warehouse_path

NEXT_STEP = (
    "De dashboards tonen dit na de volgende verversing. Start die nu: in de Dagster UI (http://127.0.0.1:3000)\n"
    "de job 'dagelijkse_verversing' (of 'Materialize all'), of met `make run`. Anders gebeurt het bij de\n"
    "dagelijkse verversing om 6:00."
)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in this environment: the command then asks for DOOR
        return ""


def _warehouse_has_vintages(conn) -> bool:
    return (
        conn.execute(
            "select count(*) from duckdb_tables() where schema_name = 'raw_observations' and table_name = 'vintages'"
        ).fetchone()[0]
        == 1
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dagster_project.withdraw",
        description="Trek een versie (vintage) in: ze blijft bewaard, maar telt nergens meer mee.",
    )
    parser.add_argument("--versie", help="versie-id (bv. levering-3f2a9c0b1d4e5f60) of levering-id, of het begin ervan")
    parser.add_argument("--reden", help="waarom (verplicht); blijft bij de versie staan")
    parser.add_argument("--door", default=None, help="wie intrekt (standaard: de gebruikersnaam van dit account)")
    parser.add_argument("--lijst", action="store_true", help="toon alle versies met hun status en stop")
    parser.add_argument("--terugzetten", action="store_true", help="maak het intrekken van deze versie ongedaan (met reden)")
    args = parser.parse_args(argv)
    nothing_done = "Er is niets teruggezet." if args.terugzetten else "Er is niets ingetrokken."

    target = warehouse_path()
    if not target.exists():
        print(f"Er is nog geen warehouse ({target}): draai eerst `make run`. {nothing_done}", file=sys.stderr)
        return 1
    warehouse = WarehouseResource(path=str(target))
    try:
        # The same lock as every pipeline run (resources.py): one writer at a time.
        warehouse.setup_for_execution(dg.build_init_resource_context())
    except PipelineAlreadyRunning as exc:
        print(f"{exc.description}\n{nothing_done}", file=sys.stderr)
        return 2
    try:
        with warehouse.connect() as conn:
            if not _warehouse_has_vintages(conn):
                print(f"Het warehouse bevat nog geen versies: draai eerst `make run`. {nothing_done}", file=sys.stderr)
                return 1
            if args.lijst:
                for vintage_id, file_name, publisher, released, rows, loaded, deliveries, status in listing(conn):
                    print(
                        f"{vintage_id}  {status}\n    bestand {file_name!r}, {publisher}, gepubliceerd {released}, "
                        f"{rows} waarden, geladen {loaded} (UTC), levering(en): {deliveries}"
                    )
                return 0
            if not args.versie:
                verb = "terugzetten" if args.terugzetten else "intrekken"
                print(f"Geef aan welke versie u wilt {verb} (VERSIE=... of --versie ...).\n" + HOW_TO_FIND_IDS, file=sys.stderr)
                return 1
            if args.terugzetten:
                undone = undo_withdrawal(conn, args.versie, args.reden, args.door or _user())
            else:
                done = withdraw(conn, args.versie, args.reden, args.door or _user())
    except WithdrawalRefused as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        warehouse.teardown_after_execution(dg.build_init_resource_context())
    if args.terugzetten:
        vintage = undone.vintage
        print(
            f"Teruggezet: versie {vintage.vintage_id}, bestand '{vintage.file_name}', {vintage.publisher}\n"
            f"  ingetrokken op {undone.withdrawn_at:%d-%m-%Y %H:%M} (UTC), reden: {undone.withdrawal_reason}\n"
            f"  teruggezet op {undone.undone_at:%d-%m-%Y %H:%M} (UTC) door {undone.undone_by}, reden: {undone.reason}\n"
            "De versie telt weer mee; de intrekking blijft bewaard in raw_observations.withdrawals_undone.\n" + NEXT_STEP
        )
        return 0
    vintage = done.vintage
    via = f" (via levering {vintage.via_delivery})" if vintage.via_delivery else ""
    print(
        f"Ingetrokken: versie {vintage.vintage_id}{via}\n"
        f"  bestand '{vintage.file_name}', {vintage.publisher}, {vintage.row_count} waarden\n"
        f"  op {done.withdrawn_at:%d-%m-%Y %H:%M} (UTC) door {done.withdrawn_by}, reden: {done.reason}\n"
        "De versie blijft bewaard en zichtbaar als 'ingetrokken' (marts.dim_vintage, marts.fct_observations);\n"
        "ze telt niet meer mee als laatste cijfer, in doelen, voortgang en missiestatus.\n" + NEXT_STEP
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
