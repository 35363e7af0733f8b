"""Validation results in the warehouse (raw_quality.validation_results), so data quality can be
shown over time: one row per expectation per validated file or stored vintage."""

import duckdb
import pandas as pd

RAW_SCHEMA = "raw_quality"  # its table is created with the others: dagster_project/contract.py


def record_validation(
    conn: duckdb.DuckDBPyConnection, report, check_run: str, vintage_id: str | None, delivery_id: str | None
) -> None:
    """Append the report's rows; called inside the caller's transaction when a file is loaded."""
    if not report.rows:
        return
    frame = pd.DataFrame(report.rows).assign(check_run=check_run, vintage_id=vintage_id, delivery_id=delivery_id)
    frame = frame.astype(
        {
            "vintage_id": "string",
            "delivery_id": "string",
            "rule": "string",
            "column_name": "string",
            "expectation_id": "string",
            "unexpected_count": "Int64",
            "element_count": "Int64",
            "unexpected_percent": "Float64",
        }
    )
    conn.register("_validation", frame)
    try:
        conn.execute(f"insert into {RAW_SCHEMA}.validation_results by name select * from _validation")
    finally:
        conn.unregister("_validation")
