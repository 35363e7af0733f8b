"""Withdrawing a vintage ("intrekken") and undoing that ("terugzetten"): recorded, never deleted.

A statistics office that finds a published table wrong does not make it disappear: it marks the
release "ingetrokken" and says why, and the corrected figures come as a new release. The warehouse
does the same. A withdrawal appends one row to raw_observations.withdrawals (which vintage, when, by
whom, why); the vintage and its observations stay exactly as loaded. The dbt models mark it
ingetrokken and leave it out of every "latest" value and every verdict (int_observations_vintaged,
int_observations_as_of), so after the next refresh everything is as it was before the vintage came in,
while the vintage itself stays queryable (marts.dim_vintage, marts.fct_observations).

A withdrawal made by mistake is undone with `make terugzetten`: its row moves, in one transaction,
to raw_observations.withdrawals_undone with when, by whom and why it was undone, so the withdrawals
table holds exactly those in force (what the models and checks read) and the history stays complete.

The commands are `make intrekken VERSIE=<versie of levering> REDEN="..."` and `make terugzetten
VERSIE=... REDEN="..."` (dagster_project/withdraw.py).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import dagster as dg
import duckdb

from dagster_project.contract import WITHDRAWALS_KEY, ensure_raw_tables

RAW_SCHEMA = "raw_observations"
# A shorter start of an id than this is refused as too easy to mistype into another vintage.
MIN_PREFIX = 12

HOW_TO_FIND_IDS = (
    "Zo vindt u de juiste id:\n"
    "  - alle versies met hun status en levering-id's:  make intrekken  (zonder VERSIE)\n"
    "  - in het dashboard Datakwaliteit (tabel met geladen bestanden), of in SQL:\n"
    "      select vintage_key, file_name, release_label, validity_status from marts.dim_vintage;\n"
    "      select delivery_key, file_name, received_at, outcome, vintage_key from marts.fct_deliveries;\n"
    "  - een versie-id is <soort>-<16 tekens>, bv. levering-3f2a9c0b1d4e5f60; een levering-id is\n"
    "    <ontvangsttijd>_<12 tekens>, bv. 20261129T101500123456_3f2a9c0b1d4e. Het begin van een id mag,\n"
    f"    vanaf {MIN_PREFIX} tekens, als het maar één versie aanwijst."
)


class WithdrawalRefused(Exception):
    """Nothing was written; the message says why in Dutch and what to do."""


@dataclass(frozen=True)
class Vintage:
    vintage_id: str
    source_kind: str
    file_name: str
    publisher: str
    source_table: str
    release_date: object
    row_count: int
    via_delivery: str | None  # the delivery id the user gave, when it was one


@dataclass(frozen=True)
class Withdrawal:
    vintage: Vintage
    withdrawn_at: datetime
    reason: str
    withdrawn_by: str


def _vintages_matching(conn, given: str) -> list[tuple]:
    exact = conn.execute(f"select vintage_id from {RAW_SCHEMA}.vintages where vintage_id = ?", [given]).fetchall()
    if exact or len(given) < MIN_PREFIX:
        return exact
    return conn.execute(
        f"select vintage_id from {RAW_SCHEMA}.vintages where starts_with(vintage_id, ?) order by vintage_id", [given]
    ).fetchall()


def _deliveries_matching(conn, given: str) -> list[tuple]:
    exact = conn.execute(
        f"select delivery_id, outcome, vintage_id, file_name from {RAW_SCHEMA}.deliveries where delivery_id = ?", [given]
    ).fetchall()
    if exact or len(given) < MIN_PREFIX:
        return exact
    return conn.execute(
        f"select delivery_id, outcome, vintage_id, file_name from {RAW_SCHEMA}.deliveries "
        "where starts_with(delivery_id, ?) order by delivery_id",
        [given],
    ).fetchall()


def resolve(conn: duckdb.DuckDBPyConnection, given: str, nothing_done: str = "Er is niets ingetrokken") -> Vintage:
    """The vintage a vintage id, a delivery id or an unambiguous start of one points to."""
    given = (given or "").strip()
    if not given:
        raise WithdrawalRefused("Geef aan welke versie u wilt intrekken: VERSIE=<versie-id of levering-id>.\n" + HOW_TO_FIND_IDS)
    vintages = _vintages_matching(conn, given)
    deliveries = _deliveries_matching(conn, given)
    if len(vintages) + len(deliveries) > 1:
        candidates = [v for (v,) in vintages] + [d for d, *_ in deliveries]
        raise WithdrawalRefused(
            f"'{given}' past op meer dan één versie of levering: {', '.join(candidates[:10])}"
            f"{' ...' if len(candidates) > 10 else ''}. Geef meer tekens van de id op."
        )
    via_delivery = None
    if deliveries:
        delivery_id, outcome, vintage_id, file_name = deliveries[0]
        if vintage_id is None:
            raise WithdrawalRefused(
                f"Levering {delivery_id} ('{file_name}') is {outcome} en is nooit geladen: er is geen versie van. "
                "Het origineel staat in data/quarantaine/ met een rapport ernaast."
            )
        via_delivery = delivery_id
    elif vintages:
        (vintage_id,) = vintages[0]
    else:
        raise WithdrawalRefused(f"Onbekende versie of levering: '{given}'. {nothing_done}.\n" + HOW_TO_FIND_IDS)
    row = conn.execute(
        f"select vintage_id, source_kind, file_name, publisher, source_table, release_date, row_count "
        f"from {RAW_SCHEMA}.vintages where vintage_id = ?",
        [vintage_id],
    ).fetchone()
    if row is None:  # a delivery that points to a vintage that is not there: the store is damaged
        raise WithdrawalRefused(
            f"Levering {via_delivery} verwijst naar versie {vintage_id}, maar die versie staat niet "
            f"in het warehouse. {nothing_done}; meld dit aan de beheerder."
        )
    return Vintage(*row, via_delivery=via_delivery)


def withdraw(
    conn: duckdb.DuckDBPyConnection, given: str, reason: str, withdrawn_by: str, now: datetime | None = None
) -> Withdrawal:
    """Record the withdrawal of one vintage. Refuses (WithdrawalRefused) without a reason, for an
    unknown or ambiguous id, a refused delivery, or a vintage that is already withdrawn."""
    ensure_raw_tables(conn)
    reason, withdrawn_by = _reason_and_who(reason, withdrawn_by, "verkeerd bestand aangeleverd", "intrekt", "ingetrokken")
    vintage = resolve(conn, given)
    earlier = conn.execute(
        f"select withdrawn_at, withdrawn_by, reason from {RAW_SCHEMA}.withdrawals where vintage_id = ?", [vintage.vintage_id]
    ).fetchone()
    if earlier:
        at, by, why = earlier
        raise WithdrawalRefused(
            f"Versie {vintage.vintage_id} ('{vintage.file_name}') is al ingetrokken op {at:%d-%m-%Y %H:%M} (UTC) "
            f"door {by}, reden: {why}. Een versie wordt maar één keer ingetrokken; er is niets veranderd."
        )
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    conn.execute(
        f"insert into {RAW_SCHEMA}.withdrawals values (?, ?, ?, ?, ?)",
        [vintage.vintage_id, at, reason, withdrawn_by, given.strip()],
    )
    return Withdrawal(vintage, at, reason, withdrawn_by)


@dataclass(frozen=True)
class Undo:
    vintage: Vintage
    withdrawn_at: datetime
    withdrawal_reason: str
    undone_at: datetime
    reason: str
    undone_by: str


def undo_withdrawal(
    conn: duckdb.DuckDBPyConnection, given: str, reason: str, undone_by: str, now: datetime | None = None
) -> Undo:
    """Undo the withdrawal of one vintage: the withdrawal moves to withdrawals_undone. Refuses
    (WithdrawalRefused) without a reason, for an unknown or ambiguous id, or a vintage not withdrawn."""
    ensure_raw_tables(conn)
    reason, undone_by = _reason_and_who(reason, undone_by, "ten onrechte ingetrokken", "terugzet", "teruggezet")
    vintage = resolve(conn, given, nothing_done="Er is niets teruggezet")
    withdrawal = conn.execute(
        f"select withdrawn_at, reason from {RAW_SCHEMA}.withdrawals where vintage_id = ?", [vintage.vintage_id]
    ).fetchone()
    if withdrawal is None:
        raise WithdrawalRefused(
            f"Versie {vintage.vintage_id} ('{vintage.file_name}') is niet ingetrokken; er is niets teruggezet. "
            "Welke versies ingetrokken zijn, toont: make intrekken  (zonder VERSIE)"
        )
    withdrawn_at, withdrawal_reason = withdrawal
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    conn.execute("begin transaction")
    try:
        conn.execute(
            f"insert into {RAW_SCHEMA}.withdrawals_undone select vintage_id, withdrawn_at, reason, withdrawn_by, "
            f"requested_as, ?, ?, ? from {RAW_SCHEMA}.withdrawals where vintage_id = ?",
            [at, reason, undone_by, vintage.vintage_id],
        )
        conn.execute(f"delete from {RAW_SCHEMA}.withdrawals where vintage_id = ?", [vintage.vintage_id])
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise
    return Undo(vintage, withdrawn_at, withdrawal_reason, at, reason, undone_by)


def _reason_and_who(reason: str, who: str, example: str, verb: str, done: str) -> tuple[str, str]:
    reason, who = (reason or "").strip(), (who or "").strip()
    if not reason:
        raise WithdrawalRefused(
            f'Geef een reden op, bijvoorbeeld REDEN="{example}". '
            f"Zonder reden wordt niets {done}: de reden blijft bij de versie staan."
        )
    if not who:
        raise WithdrawalRefused(f"Geef op wie {verb} (DOOR=<naam>). Er is niets {done}.")
    return reason, who


def listing(conn: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every vintage, newest load first, with the delivery it came from and whether it is withdrawn."""
    ensure_raw_tables(conn)
    return conn.execute(f"""
        select v.vintage_id, v.file_name, v.publisher,
               case v.release_precision when 'dag' then strftime(v.release_date, '%d-%m-%Y')
                    when 'maand' then strftime(v.release_date, '%m-%Y') when 'jaar' then strftime(v.release_date, '%Y')
                    else 'onbekend' end,
               v.row_count, strftime(v.loaded_at, '%d-%m-%Y %H:%M'),
               coalesce((select string_agg(d.delivery_id, ', ' order by d.delivery_id)
                         from {RAW_SCHEMA}.deliveries d where d.vintage_id = v.vintage_id), '-'),
               case when w.vintage_id is not null
                        then 'ingetrokken ' || strftime(w.withdrawn_at, '%d-%m-%Y') || ' (' || w.reason || ')'
                    when u.vintage_id is not null
                        then 'geldig (ingetrokken op ' || strftime(u.withdrawn_at, '%d-%m-%Y') || ', teruggezet op '
                             || strftime(u.undone_at, '%d-%m-%Y') || ': ' || u.undo_reason || ')'
                    else 'geldig' end
        from {RAW_SCHEMA}.vintages v
        left join {RAW_SCHEMA}.withdrawals w using (vintage_id)
        left join (select * from {RAW_SCHEMA}.withdrawals_undone
                   qualify row_number() over (partition by vintage_id order by undone_at desc) = 1) u using (vintage_id)
        order by v.loaded_at desc, v.vintage_id
    """).fetchall()


withdrawals_spec = dg.AssetSpec(
    WITHDRAWALS_KEY,
    description="Ingetrokken versies (make intrekken): welke versie, wanneer, door wie en waarom; alleen de "
    "intrekkingen die gelden. Een teruggezette intrekking (make terugzetten) staat met wanneer, door wie en "
    "waarom in raw_observations.withdrawals_undone. De versie zelf blijft altijd bewaard.",
    group_name="waarnemingen",
    kinds={"duckdb"},
)


@dg.definitions
def defs() -> dg.Definitions:
    # Written by the command, not by a Dagster run: shown as an external asset so the lineage into
    # the dbt models (source observations.withdrawals) is visible in the UI.
    return dg.Definitions(assets=[withdrawals_spec])
