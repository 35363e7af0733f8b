"""Validation results in the warehouse (raw_quality.validation_results), so data quality can be
shown over time: one row per expectation per validated file or stored vintage."""

import duckdb
import pandas as pd

RAW_SCHEMA = "raw_quality"

_DDL = f"""
create schema if not exists {RAW_SCHEMA};
create table if not exists {RAW_SCHEMA}.validation_results (
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
alter table {RAW_SCHEMA}.validation_results add column if not exists expectation_id varchar;
"""


def ensure_quality_tables(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(_DDL)


def record_validation(conn: duckdb.DuckDBPyConnection, report, check_run: str, vintage_id: str | None,
                      delivery_id: str | None) -> None:
    """Append the report's rows; called inside the caller's transaction when a file is loaded."""
    if not report.rows:
        return
    frame = pd.DataFrame(report.rows).assign(check_run=check_run, vintage_id=vintage_id, delivery_id=delivery_id)
    frame = frame.astype({"vintage_id": "string", "delivery_id": "string", "rule": "string", "column_name": "string", "expectation_id": "string",
                          "unexpected_count": "Int64", "element_count": "Int64", "unexpected_percent": "Float64"})
    conn.register("_validation", frame)
    try:
        conn.execute(f"insert into {RAW_SCHEMA}.validation_results by name select * from _validation")
    finally:
        conn.unregister("_validation")
