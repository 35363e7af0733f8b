"""What the yearly progress report (voortgangsrapportage) says, read from the serving copy as it was
known on a date (peildatum).

"Known on a date" reuses the warehouse's own as-of logic: reporting.rpt_zoals_gepubliceerd holds, for
every day a version came out, each national series as then published and the version it came from.
Nothing changes between two such days, so the state on any date is the one of the last such day on or
before it. The verdicts are the ones fct_progress assessed on exactly those versions, so an earlier
report is reproduced, not recomputed on today's figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

# fct_mission_status's words for a mission without a verdict (dbt/models/marts/fct_mission_status.sql)
NO_INDICATOR = "Nog geen meetbare indicator"
NO_VERDICT = "Onvoldoende gegevens"


@dataclass
class ReportData:
    peildatum: dt.date
    state_date: dt.date | None  # the last day on or before the peildatum a version came out
    themes: pd.DataFrame
    missions: pd.DataFrame  # one row per mission entry, with its status as of the peildatum
    targets: pd.DataFrame
    indicators: pd.DataFrame  # one row per indicator known on the peildatum
    series: pd.DataFrame  # national series as published then
    progress: pd.DataFrame  # verdicts of the versions known then
    outlooks: pd.DataFrame
    changes: dict[str, dict]  # per indicator: what its version added or revised against the one before
    inputs: pd.DataFrame
    sources: pd.DataFrame
    refused: pd.DataFrame
    warnings: pd.DataFrame
    thresholds: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


def read_report_data(serving: Path, peildatum: dt.date) -> ReportData:
    with duckdb.connect(str(serving), read_only=True) as con:
        [(state,)] = con.execute(
            "select max(peildatum) from reporting.rpt_zoals_gepubliceerd where peildatum <= ?", [peildatum.isoformat()]
        ).fetchall()
        state_date = dt.date.fromisoformat(state) if state else None
        series = _frame(
            con,
            "select indicatorcode, indicator, uitsplitsing, jaar, waarde, status_cijfer, versie, versie_van "
            "from reporting.rpt_zoals_gepubliceerd where peildatum = ? order by indicatorcode, uitsplitsing, jaar",
            [state],
        )
        known = series[["indicatorcode", "versie"]].drop_duplicates()
        con.register("known", known)
        progress = _frame(
            con,
            """
            with in_force as (
                select p.*, coalesce(min(p.target_year) filter (where p.target_year >= p.current_year) over series,
                                     max(p.target_year) over series) as next_target_year
                from marts.fct_progress as p
                inner join known on known.indicatorcode = p.indicator_key and known.versie = p.vintage_key
                where p.region_key = 'NL' and p.is_primary_base_year and p.target_is_current
                window series as (partition by p.indicator_key, p.region_key, p.breakdown)
            )
            select f.*, t.target_text_nl, t.target_code, (f.target_year = f.next_target_year) as counts_for_mission
            from in_force as f inner join marts.dim_target as t using (target_key)
            order by f.indicator_key, f.breakdown, f.target_year
            """,
        )
        indicators = _frame(
            con,
            """
            select i.indicator_key, i.indicator_name_nl, i.unit, i.mission_key, i.measurement_fit, i.proxy_explanation_nl,
                   v.vintage_key, v.publisher, v.source_table, v.source_url, v.release_label, v.retrieved_on
            from marts.dim_indicator as i
            inner join known on known.indicatorcode = i.indicator_key
            inner join marts.dim_vintage as v on v.vintage_key = known.versie
            order by i.indicator_key
            """,
        )
        missions = _frame(
            con,
            """
            select s.mission_key, s.theme_key, s.mission_name_nl, s.mission_level, s.counts_in_official_25,
                   s.indicator_codes, s.coverage_status, s.coverage_reason_nl, s.status_nl as status_today,
                   m.mission_text_nl, m.document_code, d.source_title as document_title, d.source_reference as document_reference
            from marts.fct_mission_status as s
            inner join marts.dim_mission as m using (mission_key)
            left join marts.dim_source as d on d.source_key = m.document_code
            order by s.theme_key, s.mission_key
            """,
        )
        themes = _frame(
            con, "select theme_key, theme_name_nl, sort_order from marts.dim_theme where theme_key <> '-1' order by sort_order"
        )
        targets = _frame(
            con,
            "select target_key, mission_key, target_year, target_text_nl, document_reference from marts.dim_target "
            "where target_key <> '-1' and is_current order by mission_key, target_year",
        )
        outlooks = _frame(
            con,
            "select indicator_key, outlook_label_nl, outlook_year, value_min, value_max, published_on, url "
            "from marts.fct_outlooks where published_on is null or published_on <= ? order by indicator_key, published_on",
            [peildatum],
        )
        history = _frame(
            con,
            "select peildatum, indicatorcode, uitsplitsing, jaar, waarde, versie, versie_van "
            "from reporting.rpt_zoals_gepubliceerd where peildatum <= ?",
            [state],
        )
        inputs = _frame(
            con,
            """
            select f.theme_key, f.instrument_name, f.measure_name_nl, f.value_label_nl, f.figure_kind, p.period_label,
                   coalesce(s.publisher || ', ', '') || coalesce(s.source_title, f.source_key) as bron
            from marts.fct_programme_inputs as f
            left join marts.dim_period as p using (period_key)
            left join marts.dim_source as s using (source_key)
            where p.first_year is null or p.first_year <= ?
            order by f.theme_key, f.instrument_name, p.period_label
            """,
            [peildatum.year],
        )
        sources = _frame(
            con,
            """
            select s.source_kind, s.publisher, s.source_title, s.source_reference, s.source_url, s.published_label,
                   (select max(v.retrieved_on) from marts.dim_vintage as v
                    where v.source_table = s.source_title and v.retrieved_on <= ?) as retrieved_on
            from marts.dim_source as s
            where s.source_key <> '-1'
            order by s.source_kind, s.publisher, s.source_title
            """,
            [peildatum],
        )
        refused = _frame(
            con,
            "select file_name, received_on, problem_count, problems from marts.fct_deliveries "
            "where outcome = 'geweigerd' and received_on::date <= ? order by received_on",
            [peildatum],
        )
        warnings = _frame(
            con,
            """
            select file_name, rule, column_name, result_nl, unexpected_count, validated_on
            from marts.fct_data_quality
            where severity = 'warning' and not success and validated_on::date <= ?
            qualify validated_on = max(validated_on) over ()
            order by file_name, rule
            """,
            [peildatum],
        )
        thresholds = _frame(
            con, "select distinct method, threshold_high, threshold_medium from marts.fct_progress order by method"
        )
    missions = _with_status_as_of(missions, progress)
    return ReportData(
        peildatum=peildatum,
        state_date=state_date,
        themes=themes,
        missions=missions,
        targets=targets,
        indicators=indicators,
        series=series,
        progress=progress,
        outlooks=outlooks,
        changes=_changes(history, state),
        inputs=inputs,
        sources=sources,
        refused=refused,
        warnings=warnings,
        thresholds=thresholds,
    )


def indicator_codes(value) -> list[str]:
    """fct_mission_status.indicator_codes ('A, B') as a list; empty for a mission without indicators."""
    return [c.strip() for c in value.split(",") if c.strip()] if isinstance(value, str) else []


def _with_status_as_of(missions: pd.DataFrame, progress: pd.DataFrame) -> pd.DataFrame:
    """fct_mission_status's rule on the versions known then: a mission takes the worst status among its
    indicators' series, each against its next target year; none assessed -> Onvoldoende gegevens.
    (Pinned to fct_mission_status on the latest date by tests/test_report.py.)"""
    counted = progress[progress["counts_for_mission"] & progress["status_rank"].notna()]
    statuses, headlines = [], []
    for row in missions.itertuples():
        codes = indicator_codes(row.indicator_codes)
        mine = counted[counted["indicator_key"].isin(codes)].sort_values(
            ["status_rank", "method_variant", "target_year", "indicator_key", "breakdown"]
        )
        if not codes:
            statuses.append(NO_INDICATOR)
            headlines.append(None)
        elif mine.empty:
            statuses.append(NO_VERDICT)
            headlines.append(None)
        else:
            statuses.append(mine.iloc[0]["status_nl"])
            headlines.append(mine.iloc[0].to_dict())
    out = missions.copy()
    out["status_nl"] = statuses
    out["headline"] = headlines
    return out


def _changes(history: pd.DataFrame, state: str | None) -> dict[str, dict]:
    """Per indicator: the values its current version added or changed against the version before it."""
    rows = []
    if state is None or history.empty:
        return {}
    current = history[history["peildatum"] == state]
    for code, now in current.groupby("indicatorcode"):
        earlier = history[(history["indicatorcode"] == code) & (history["versie"] != now["versie"].iloc[0])]
        earlier = earlier[earlier["peildatum"] < state]
        if earlier.empty:
            rows.append({"indicatorcode": code, "vorige_versie": None, "nieuw": [], "herzien": []})
            continue
        last = earlier[earlier["peildatum"] == earlier["peildatum"].max()]
        before = {(r.uitsplitsing, r.jaar): r.waarde for r in last.itertuples()}
        new = sorted((r.uitsplitsing, r.jaar, r.waarde) for r in now.itertuples() if (r.uitsplitsing, r.jaar) not in before)
        revised = [
            (r.uitsplitsing, r.jaar, before[(r.uitsplitsing, r.jaar)], r.waarde)
            for r in now.itertuples()
            if (r.uitsplitsing, r.jaar) in before and before[(r.uitsplitsing, r.jaar)] != r.waarde
        ]
        rows.append({"indicatorcode": code, "vorige_versie": last["versie_van"].iloc[0], "nieuw": new, "herzien": revised})
    return {row["indicatorcode"]: row for row in rows}
