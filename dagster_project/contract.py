"""What the domains agree on, so none has to import another: the raw tables the loader writes and
the checks, the withdrawal command and dbt's sources read (their asset keys and their shape), the
order of vintages, and the form of a problem found in a file.

The loader (defs/observations) uses the checks' validation (defs/quality); the checks read what the
loader stored through this module only, never the loader's code.
"""

from dataclasses import dataclass

import dagster as dg
import duckdb

# Asset keys match the dbt sources `observations` and `quality` (dbt/models/staging/*/_*__sources.yml).
OBSERVATION_KEYS = [dg.AssetKey(["observations", t]) for t in ("vintages", "observations", "deliveries")]
OBSERVATIONS_KEY = OBSERVATION_KEYS[1]
VALIDATION_RESULTS_KEY = dg.AssetKey(["quality", "validation_results"])
WITHDRAWALS_KEY = dg.AssetKey(["observations", "withdrawals"])
REPORT_KEY = dg.AssetKey(["publicatie", "voortgangsrapportage"])
# The job the inbox sensor starts; the stored re-check runs in it for what the delivery affects only.
DELIVERIES_JOB = "leveringen_verwerken"

# Which vintage of a series point is newer: published later; where the source gives no publication
# date it counts as older than any dated one; ties go to the vintage loaded last. The same rule is
# the dbt macro vintage_order (dbt/macros/vintage_order.sql); tests/test_contract.py keeps them equal.
VINTAGE_ORDER = "{v}release_date asc nulls first, {v}loaded_at asc, {v}vintage_id asc"


def vintage_order(alias: str = "", descending: bool = False) -> str:
    """The ORDER BY terms, oldest first (or newest first), for columns of `alias` (e.g. 'v')."""
    terms = VINTAGE_ORDER.format(v=f"{alias}." if alias else "")
    if descending:
        terms = terms.replace(" asc nulls first", " desc nulls last").replace(" asc", " desc")
    return terms


RAW_TABLES = """
create schema if not exists raw_observations;
create table if not exists raw_observations.vintages (
    vintage_id varchar primary key,
    source_kind varchar not null,          -- snapshot | levering | cbs_api
    file_name varchar not null,
    sha256 varchar not null,
    publisher varchar not null,
    source_table varchar not null,
    source_url varchar,
    release_date date,
    release_precision varchar not null,    -- dag | maand | jaar | onbekend
    retrieved_on date,
    row_count integer not null,
    loaded_at timestamp not null,
    delivery_id varchar
);
create table if not exists raw_observations.observations (
    vintage_id varchar not null,
    row_number integer not null,
    indicator_code varchar not null,
    region_code varchar not null,
    period_label varchar not null,
    period_year integer not null,
    breakdown varchar not null,
    value double not null,
    unit varchar not null,
    status varchar not null,
    note varchar,
    primary key (vintage_id, indicator_code, region_code, period_label, breakdown)
);
create table if not exists raw_observations.deliveries (
    delivery_id varchar primary key,
    file_name varchar not null,
    sha256 varchar not null,
    size_bytes bigint not null,
    received_at timestamp not null,
    outcome varchar not null,              -- geladen | al geladen | geweigerd
    vintage_id varchar,
    row_count integer,
    kept_at varchar not null,
    problem_count integer not null,
    problems varchar
);
-- added later; keeps older warehouses loadable
alter table raw_observations.deliveries add column if not exists warnings varchar;

create table if not exists raw_observations.withdrawals (
    vintage_id varchar primary key,        -- the withdrawals in force: a vintage is withdrawn at most once
    withdrawn_at timestamp not null,       -- UTC
    reason varchar not null,
    withdrawn_by varchar not null,
    requested_as varchar not null          -- the id as given: vintage id, delivery id or a start of one
);
-- Withdrawals undone (make terugzetten): the withdrawal moves here, with when, by whom and why it
-- was undone, so raw_observations.withdrawals keeps only what is in force and nothing is forgotten.
create table if not exists raw_observations.withdrawals_undone (
    vintage_id varchar not null,
    withdrawn_at timestamp not null,
    reason varchar not null,
    withdrawn_by varchar not null,
    requested_as varchar not null,
    undone_at timestamp not null,          -- UTC
    undo_reason varchar not null,
    undone_by varchar not null,
    primary key (vintage_id, withdrawn_at)
);

create schema if not exists raw_quality;
create table if not exists raw_quality.validation_results (
    validated_at timestamp not null,
    check_run varchar not null,            -- laden (a file being loaded) | controle (stored data re-checked)
    load_kind varchar not null,            -- snapshot | cbs_api | levering
    suite_name varchar not null,
    file_name varchar not null,
    delivery_id varchar,
    vintage_id varchar,                    -- empty when the file was refused
    expectation_type varchar not null,
    rule varchar,
    column_name varchar,
    severity varchar not null,             -- critical | warning
    success boolean not null,
    element_count bigint,
    unexpected_count bigint,
    unexpected_percent double
);
-- added after the first release; keeps older warehouses loadable
alter table raw_quality.validation_results add column if not exists expectation_id varchar;
-- Every stored re-check of all versions, with the rules it used. A delivery run re-checks only what
-- the delivery can affect, and only while the rules are still those of the last full re-check.
create table if not exists raw_quality.full_checks (
    checked_at timestamp not null,
    rules_fingerprint varchar not null     -- GxProject.rules: the suites, result format and GX version
);
"""


def ensure_raw_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Create every raw table that is missing (and add columns added since), in any warehouse."""
    conn.execute(RAW_TABLES)


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            p for p in (f"rij {self.row}" if self.row else None, f"kolom '{self.column}'" if self.column else None) if p
        )
        return f"{where + ': ' if where else ''}{self.message} [regel: {self.rule}]"
