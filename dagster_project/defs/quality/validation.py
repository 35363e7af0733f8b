"""Run a load through its suite and turn the result into Dutch problems and data-quality rows."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

from dagster_project.contract import Problem
from dagster_project.defs.quality.gx_project import open_project
from dagster_project.defs.quality.suites import COLUMNS, suite_name
from dagster_project.reference import Reference, describe_period_mismatch, period_kind
from dagster_project.settings import gx_project_dir

MAX_ROWS_PER_RULE = 20  # a rule broken on 5,000 rows is reported with its first 20 and a count


@dataclass
class ValidationReport:
    kind: str
    file_name: str
    problems: list[Problem] = field(default_factory=list)  # critical: the load is refused
    warnings: list[Problem] = field(default_factory=list)  # shown and stored, not blocking
    rows: list[dict] = field(default_factory=list)  # one per expectation, for raw_quality

    @property
    def passed(self) -> bool:
        return not self.problems


def validate(kind: str, file_name: str, frame: pd.DataFrame, reference: Reference) -> ValidationReport:
    project = open_project(gx_project_dir(), reference)
    # Plain Python ints: GX cannot serialise numpy integers in the row index of pair expectations.
    frame = with_combinations(frame)[COLUMNS].astype({"row_number": "object"})
    frame["row_number"] = [int(n) for n in frame["row_number"]]
    result = project.run(kind, frame)
    rows_by_number = {int(r["row_number"]): r for r in frame.to_dict("records")}
    report = ValidationReport(kind=kind, file_name=file_name)
    validated_at = datetime.now(UTC).replace(tzinfo=None)
    for outcome in result.results:
        config = outcome.expectation_config
        meta = config.meta or {}
        severity = getattr(config.severity, "value", str(config.severity))
        details = outcome.result or {}
        report.rows.append(
            {
                "validated_at": validated_at,
                "load_kind": kind,
                "suite_name": suite_name(kind),
                "file_name": file_name,
                "expectation_type": config.type,
                "expectation_id": config.id,
                "rule": meta.get("regel"),
                "column_name": meta.get("kolom"),
                "severity": severity,
                "success": bool(outcome.success),
                "element_count": details.get("element_count", len(frame)),
                "unexpected_count": details.get("unexpected_count", 0 if outcome.success else None),
                "unexpected_percent": details.get("unexpected_percent"),
            }
        )
        if outcome.success:
            continue
        target = report.warnings if severity == "warning" else report.problems
        target.extend(_problems(meta, details, outcome, rows_by_number, reference))
    return report


def with_combinations(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns the suite checks beyond the parsed ones: change from the previous version
    (`vorige_waarde`, `vorige_status` given by the caller; empty for a first version) and combinations."""
    previous = frame["vorige_waarde"] if "vorige_waarde" in frame else pd.Series(float("nan"), index=frame.index)
    change = (frame["value"] - previous).abs() / previous.abs()
    frame = frame.assign(
        relatieve_wijziging=change.where(previous.notna() & (previous != 0)).astype("float64"),
        vorige_status=(frame["vorige_status"] if "vorige_status" in frame else pd.Series(None, index=frame.index)).astype(
            "object"
        ),
    )
    return frame.assign(
        indicator_eenheid=frame["indicator_code"] + "|" + frame["unit"],
        indicator_uitsplitsing=frame["indicator_code"] + "|" + frame["breakdown"],
        # '2023' -> jaar, '2019-2022' -> meerjarig:4, from the label the reader wrote (period_kind)
        indicator_periodetype=frame["indicator_code"] + "|" + frame["period_label"].map(period_kind, na_action="ignore"),
        statusovergang=(frame["vorige_status"].fillna("") + ">" + frame["status"]).where(frame["vorige_status"].notna()),
    )


def _problems(meta: dict, details: dict, outcome, rows_by_number: dict, reference: Reference) -> list[Problem]:
    rule, column, message = meta.get("regel", "onbekend"), meta.get("kolom"), meta.get("melding", "")
    if outcome.exception_info and outcome.exception_info.get("raised_exception"):
        return [
            Problem(None, column, rule, f"controle kon niet worden uitgevoerd: {outcome.exception_info.get('exception_message')}")
        ]
    rows = details.get("unexpected_index_list") or []
    if not rows:
        return [Problem(None, column, rule, message.split("{")[0].rstrip(" '(") or message)]
    problems = []
    for row in rows[:MAX_ROWS_PER_RULE]:
        number = int(_plain(row.get("row_number")) or 0)
        # the whole row, so the message can name the indicator and period, not only the failing cell
        values = {k: _plain(v) for k, v in {**rows_by_number.get(number, {}), **row}.items()}
        # words that depend on the reference, not on the row alone (what kind of period the indicator wants)
        values.update(describe_period_mismatch(values.get("indicator_code"), values.get("period_label"), reference))
        try:
            text = message.format(**values)
        except (KeyError, ValueError, IndexError):
            text = message
        problems.append(Problem(number or None, column, rule, text))
    if len(rows) > MAX_ROWS_PER_RULE:
        problems.append(Problem(None, column, rule, f"... en nog {len(rows) - MAX_ROWS_PER_RULE} rijen met hetzelfde probleem."))
    return problems


def _plain(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value
