"""The append-only store of observations: every accepted file becomes one vintage, never overwritten.

A vintage is identified by the SHA-256 of the file's bytes, so loading the same file twice changes
nothing and a corrected file (other bytes) becomes a new vintage beside the old one. Which vintage
is "latest" is decided downstream in dbt (int_observations_vintaged), not here.
"""

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from dagster_project.contract import Problem, ensure_raw_tables, vintage_order
from dagster_project.defs.observations.delivery_file import DeliveryError, read_delivery
from dagster_project.defs.quality.results_store import record_validation
from dagster_project.defs.quality.validation import validate
from dagster_project.reference import Reference

RAW_SCHEMA = "raw_observations"


@dataclass(frozen=True)
class DeliveryFolders:
    inbox: Path
    archive: Path
    quarantine: Path

    @classmethod
    def under(cls, root: Path) -> "DeliveryFolders":
        return cls(inbox=root / "inbox", archive=root / "leveringen", quarantine=root / "quarantaine")

    def create(self) -> None:
        for folder in (self.inbox, self.archive, self.quarantine):
            folder.mkdir(parents=True, exist_ok=True)


@dataclass(frozen=True)
class Outcome:
    file_name: str
    outcome: str
    vintage_id: str | None
    rows: int
    message: str
    warnings: tuple[str, ...] = ()


def ensure_tables(conn: duckdb.DuckDBPyConnection) -> None:
    ensure_raw_tables(conn)


# For every series point, the stored version published just before (or with) the file being loaded:
# what its values are compared with. An older publication loaded late is compared with what came
# before it, not with the newer figures already stored; a withdrawn version is nobody's predecessor.
_PREVIOUS = f"""
select o.indicator_code, o.region_code, o.period_label, o.breakdown, o.value as vorige_waarde, o.status as vorige_status
from {RAW_SCHEMA}.observations as o
inner join {RAW_SCHEMA}.vintages as v using (vintage_id)
where coalesce(v.release_date, date '0001-01-01') <= coalesce(cast(? as date), date '0001-01-01')
    and o.vintage_id not in (select vintage_id from {RAW_SCHEMA}.withdrawals)
qualify row_number() over (
    partition by o.indicator_code, o.region_code, o.period_label, o.breakdown
    order by {vintage_order("v", descending=True)}) = 1
"""


def with_previous_values(rows: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Add the previous stored version's value and status of each series point."""
    return rows.merge(previous, on=["indicator_code", "region_code", "period_label", "breakdown"], how="left")


def unsafe_name_problem(name: str) -> Problem | None:
    """Path parts, control or shell characters in a file name are refused before the file is read."""
    if name != safe_display_name(name):
        return Problem(
            None,
            None,
            "bestandsnaam",
            f'de bestandsnaam {name!r} bevat tekens die niet mogen (zoals \\ / : * ? " < > | of een regeleinde). '
            "Gebruik alleen letters, cijfers, spaties, punten, streepjes en haakjes.",
        )
    return None


def safe_display_name(name: str) -> str:
    return re.sub(r"[\\/:*?\"<>|\x00-\x1f\x7f]", "_", name)


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def safe_file_name(name: str) -> str:
    """A name that is safe to store: no path parts, no control or shell characters, never empty."""
    base = name.replace("\\", "/").split("/")[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".")
    return cleaned[:120] or "bestand"


def load_file(
    conn: duckdb.DuckDBPyConnection,
    file_name: str,
    content: bytes,
    source_kind: str,
    reference: Reference,
    delivery_id: str | None = None,
) -> Outcome:
    """Parse the file and add it as one vintage, in one transaction. Raises DeliveryError on bad input."""
    sha = sha256_of(content)
    vintage_id = f"{source_kind}-{sha[:16]}"
    if conn.execute(f"select 1 from {RAW_SCHEMA}.vintages where vintage_id = ?", [vintage_id]).fetchone():
        return Outcome(file_name, "al geladen", vintage_id, 0, f"'{file_name}' was al geladen als versie {vintage_id}.")
    delivery = read_delivery(file_name, content)
    rows = delivery.rows
    previous = conn.execute(_PREVIOUS, [rows.iloc[0]["release_date"]]).df()
    report = validate(source_kind, file_name, with_previous_values(rows, previous), reference)
    if not report.passed:
        raise DeliveryError(file_name, report.problems, validation=report)
    first = rows.iloc[0]
    vintage = pd.DataFrame(
        [
            {
                "vintage_id": vintage_id,
                "source_kind": source_kind,
                "file_name": file_name,
                "sha256": sha,
                "publisher": first["publisher"],
                "source_table": first["source_table"],
                "source_url": first["source_url"],
                "release_date": first["release_date"],
                "release_precision": first["release_precision"],
                "retrieved_on": first["retrieved_on"],
                "row_count": len(rows),
                "loaded_at": datetime.now(UTC).replace(tzinfo=None),
                "delivery_id": delivery_id,
            }
        ]
    ).astype({"release_date": "datetime64[s]", "retrieved_on": "datetime64[s]", "source_url": "string", "delivery_id": "string"})
    observations = (
        rows[
            [
                "row_number",
                "indicator_code",
                "region_code",
                "period_label",
                "period_year",
                "breakdown",
                "value",
                "unit",
                "status",
                "note",
            ]
        ]
        .assign(vintage_id=vintage_id)
        .astype({"note": "string"})
    )
    conn.execute("begin transaction")
    try:
        conn.register("_vintage", vintage)
        conn.register("_observations", observations)
        conn.execute(f"insert into {RAW_SCHEMA}.vintages by name select * from _vintage")
        conn.execute(f"insert into {RAW_SCHEMA}.observations by name select * from _observations")
        record_validation(conn, report, check_run="laden", vintage_id=vintage_id, delivery_id=delivery_id)
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise
    finally:
        conn.unregister("_vintage")
        conn.unregister("_observations")
    warnings = [*delivery.warnings, *report.warnings]
    warned = f"; {len(warnings)} waarschuwing(en)" if warnings else ""
    sheet = f", werkblad '{delivery.sheet}'" if delivery.sheet else ""
    return Outcome(
        file_name,
        "geladen",
        vintage_id,
        len(rows),
        f"'{file_name}' geladen als versie {vintage_id} ({len(rows)} rijen{sheet}{warned}).",
        tuple(str(w) for w in warnings),
    )


def load_folder(conn: duckdb.DuckDBPyConnection, folder: Path, source_kind: str, reference: Reference) -> list[Outcome]:
    """Load every CSV of a folder we manage ourselves (the snapshot, CBS downloads); files stay where they are.

    A refused snapshot file stops the run: it is reviewed data in git, so the mistake is ours and must
    not pass unnoticed. A refused CBS download is reported and skipped, so an odd response from
    outside never stops the deliveries of the same run; the next refresh replaces it.
    """
    outcomes = []
    for path in sorted(folder.glob("*.csv")) if folder.exists() else []:
        try:
            outcomes.append(load_file(conn, path.name, path.read_bytes(), source_kind, reference))
        except DeliveryError as exc:
            if source_kind == "snapshot":
                raise
            outcomes.append(Outcome(path.name, "geweigerd", None, 0, str(exc)))
    return outcomes


# Files that are still being written or belong to an editor, not deliveries: left alone.
_NOT_YET_DELIVERIES = re.compile(r"^(\.~lock\..*|~\$.*|\.DS_Store|.*\.(part|tmp|crdownload))$", re.IGNORECASE)


def pending_deliveries(folders: DeliveryFolders) -> list[Path]:
    if not folders.inbox.exists():
        return []
    # Any other file is processed, odd names included: a file that is silently ignored is lost work.
    return sorted(
        (p for p in folders.inbox.iterdir() if p.is_file() and not _NOT_YET_DELIVERIES.match(p.name)),
        key=lambda p: (p.stat().st_mtime, p.name),
    )


def process_inbox(conn: duckdb.DuckDBPyConnection, folders: DeliveryFolders, reference: Reference) -> list[Outcome]:
    """Each file in the inbox is loaded as a vintage (its original archived) or quarantined with a report.

    The original bytes are always kept: copied to the archive before the file leaves the inbox, or
    moved whole into quarantine. A crash at any point leaves the file in the inbox, and loading is
    idempotent by content hash, so the next run finishes the job. An unexpected error in one file
    quarantines that file as an internal error; the other files of the run are loaded as usual.
    """
    folders.create()
    return [_process_one(conn, folders, reference, path) for path in pending_deliveries(folders)]


def _process_one(conn: duckdb.DuckDBPyConnection, folders: DeliveryFolders, reference: Reference, path: Path) -> Outcome:
    content = path.read_bytes()
    sha = sha256_of(content)
    received_at = datetime.now(UTC).replace(tzinfo=None)
    # microseconds: the same bytes under two names in one second are two deliveries
    delivery_id = f"{received_at:%Y%m%dT%H%M%S%f}_{sha[:12]}"
    kept_name = f"{delivery_id}_{safe_file_name(path.name)}"
    try:
        problem = unsafe_name_problem(path.name)
        if problem is not None:
            raise DeliveryError(safe_display_name(path.name), [problem])
        outcome = load_file(conn, path.name, content, "levering", reference, delivery_id=delivery_id)
    except DeliveryError as exc:
        _quarantine(conn, folders, path, kept_name, delivery_id, sha, len(content), received_at, str(exc), exc.problems)
        if exc.validation is not None:
            record_validation(conn, exc.validation, check_run="laden", vintage_id=None, delivery_id=delivery_id)
        return Outcome(path.name, "geweigerd", None, 0, str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the others
        problem = Problem(
            None,
            None,
            "interne-fout",
            f"interne fout bij het laden ({type(exc).__name__}: {str(exc)[:300]}) — meld dit aan de beheerder. "
            "Het bestand zelf is bewaard en hoeft niet opnieuw te worden aangeleverd.",
        )
        message = (
            f"Bestand '{safe_display_name(path.name)}' is niet geladen door een interne fout.\n  - {problem}\n"
            "Er is niets uit dit bestand geladen; de dashboards tonen de vorige cijfers."
        )
        _quarantine(conn, folders, path, kept_name, delivery_id, sha, len(content), received_at, message, [problem])
        return Outcome(path.name, "geweigerd", None, 0, message)
    kept = folders.archive / kept_name
    shutil.copyfile(path, kept)
    _record(
        conn,
        delivery_id,
        path.name,
        sha,
        len(content),
        received_at,
        outcome.outcome,
        outcome.vintage_id,
        outcome.rows,
        kept,
        [],
        outcome.warnings,
    )
    path.unlink()
    return outcome


def _quarantine(
    conn,
    folders: DeliveryFolders,
    path: Path,
    kept_name: str,
    delivery_id: str,
    sha: str,
    size: int,
    received_at: datetime,
    report: str,
    problems: list[Problem],
) -> None:
    kept = set_aside(folders, path, kept_name, report)
    _record(conn, delivery_id, path.name, sha, size, received_at, "geweigerd", None, None, kept, problems)


def set_aside(folders: DeliveryFolders, path: Path, kept_name: str, report: str) -> Path:
    """Move the file whole into quarantine with its report beside it; returns where it is kept."""
    folders.quarantine.mkdir(parents=True, exist_ok=True)
    kept = folders.quarantine / kept_name
    os.replace(path, kept)
    kept.with_name(kept.name + ".rapport.txt").write_text(report + "\n", encoding="utf-8")
    return kept


def _record(
    conn, delivery_id, file_name, sha, size, received_at, outcome, vintage_id, rows, kept: Path, problems, warnings=()
) -> None:
    conn.execute(
        f"insert into {RAW_SCHEMA}.deliveries by name select ? as delivery_id, ? as file_name, ? as sha256, "
        "? as size_bytes, ? as received_at, ? as outcome, ? as vintage_id, ? as row_count, ? as kept_at, "
        "? as problem_count, ? as problems, ? as warnings",
        [
            delivery_id,
            file_name,
            sha,
            size,
            received_at,
            outcome,
            vintage_id,
            rows,
            str(kept),
            len(problems),
            "\n".join(str(p) for p in problems) or None,
            "\n".join(str(w) for w in warnings) or None,
        ],
    )
