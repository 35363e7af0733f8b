"""Everything stored is re-validated with the Great Expectations suites after each load, and the
data-quality results reach the dashboards even when the other marts are held back.

One op, because the order matters and Dagster orders steps only by their dependencies:

1. asset `quality/stored_validation`: re-validate every stored vintage that counts and store the
   results (raw_quality.validation_results, check_run 'controle'), with one warning row per vintage
   and indicator that is no longer in the reference (rule `vervallen-indicator`);
2. asset `publicatie/datakwaliteit`, only when gx_validatie fails (dbt will not rebuild the marts, so
   `publicatie/serving_copy` will not publish): fct_data_quality and fct_deliveries, recomputed from
   the raw results, into the dashboards' serving copy (serving_copy.publish_refreshed), keeping every
   other mart as it is there: the Datakwaliteit dashboard shows why the figures did not change.
   When the check passes, the full publication after dbt carries them, and a run killed before that
   leaves the serving copy untouched;
3. the checks `gx_validatie` (blocking) and `gx_waarschuwingen` on observations/observations, which
   report what step 1 found. A failed gx_validatie keeps dbt from rebuilding the marts and so the
   serving copy from being replaced: the dashboards keep the last good figures.

The checks target observations/observations so that everything built from it waits for them; an op
that checks an asset it depends on is itself exempt from that block, so steps 1 and 2 still run.
Selecting only the checks (the 7 o'clock job `datakwaliteit_controle`) validates and reports without
storing or publishing anything: checks read, assets write.

What does not count is not validated: a withdrawn vintage (make intrekken) and the values of an
indicator removed from indicatoren.yml ("vervallen", docs/beheer.md "Een indicator schrappen"). A removed
indicator is a decision, not a fault: it warns, naming indicator and vintages, and never blocks.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import dagster as dg
import pandas as pd

from dagster_project.contract import (
    DELIVERIES_JOB,
    OBSERVATION_KEYS,
    OBSERVATIONS_KEY,
    VALIDATION_RESULTS_KEY,
    WITHDRAWALS_KEY,
    Problem,
    ensure_raw_tables,
    vintage_order,
)
from dagster_project.defs.quality.gx_project import build_open_docs, docs_site, open_project
from dagster_project.defs.quality.results_store import record_validation
from dagster_project.defs.quality.suites import suite_name
from dagster_project.defs.quality.validation import ValidationReport, validate
from dagster_project.defs.resources import WarehouseResource
from dagster_project.defs.serving.serving_copy import publish_refreshed
from dagster_project.reference import load_reference
from dagster_project.settings import INDICATOR_FILE, gx_project_dir, serving_path

STORED_VALIDATION_KEY = dg.AssetKey(["quality", "stored_validation"])
DATA_QUALITY_PUBLICATION_KEY = dg.AssetKey(["publicatie", "datakwaliteit"])
SERVING_COPY_KEY = dg.AssetKey(["publicatie", "serving_copy"])
# The published tables behind the Datakwaliteit dashboard, and the views (dbt) that compute them from
# the raw tables: the same SQL feeds them after a good build and the publication meanwhile.
DATA_QUALITY_MARTS = {
    "marts.fct_data_quality": "intermediate.int_data_quality_results",
    "marts.fct_deliveries": "intermediate.int_deliveries_listed",
    "reporting.rpt_datakwaliteit_per_dag": "reporting.rpt_datakwaliteit_per_dag",
    "reporting.rpt_leveringen": "reporting.rpt_leveringen",
}
LAPSED_RULE = "vervallen-indicator"
MAX_LISTED = 50  # rows in the check's table; the count says how many there are in all

# Each stored value that counts with the value and status of the version before it (in publication
# order, among the values that count: a withdrawn vintage is nobody's "previous version").
_STORED_WITH_PREVIOUS = f"""
select
    o.vintage_id, o.row_number, o.indicator_code, o.region_code, o.period_label, o.period_year, o.breakdown,
    o.value, o.unit, o.status,
    lag(o.value) over series as vorige_waarde,
    lag(o.status) over series as vorige_status
from raw_observations.observations as o
inner join raw_observations.vintages as v using (vintage_id)
where o.vintage_id not in (select vintage_id from raw_observations.withdrawals)
  and list_contains(?, o.indicator_code)
window series as (
    partition by o.indicator_code, o.region_code, o.period_label, o.breakdown
    order by {vintage_order("v")})
order by o.vintage_id, o.row_number  -- so a report lists a file's first rows first
"""

# Per vintage that counts and indicator no longer in the reference: how many of its values lapse.
_LAPSED = """
select v.vintage_id, v.source_kind, v.file_name, o.indicator_code, count(*) as rows_lapsed,
       any_value(v.row_count) as rows_in_vintage
from raw_observations.observations as o
inner join raw_observations.vintages as v using (vintage_id)
where o.vintage_id not in (select vintage_id from raw_observations.withdrawals)
  and not list_contains(?, o.indicator_code)
group by all
order by v.file_name, o.indicator_code
"""


@dataclass
class StoredCheck:
    """What re-validating the store found, per vintage, before anything is written."""

    reports: list[tuple[str, ValidationReport]] = field(default_factory=list)  # (vintage_id, report)
    scope: str = "alles"  # alles | geraakt (only what a delivery affects)
    rules: str = ""  # GxProject.rules the versions were checked with
    rules_changed: bool = False  # a delivery run that checked everything because the rules changed
    unchanged: int = 0  # vintages counting but not re-validated in a 'geraakt' check
    lapsed: pd.DataFrame = field(default_factory=pd.DataFrame)
    withdrawn: int = 0
    validated_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))

    @property
    def problems(self) -> list[tuple[str, str, Problem]]:
        return [(report.file_name, vintage_id, p) for vintage_id, report in self.reports for p in report.problems]

    @property
    def warnings(self) -> list[tuple[str, str, Problem]]:
        return [(report.file_name, vintage_id, w) for vintage_id, report in self.reports for w in report.warnings]

    def lapsed_rows(self) -> dict[str, list[dict]]:
        """Per vintage, one data-quality row per lapsed indicator, like a failed warning expectation;
        the indicator is named in expectation_id (vervallen-indicator:<code>)."""
        rows: dict[str, list[dict]] = {}
        for row in self.lapsed.itertuples():
            rows.setdefault(row.vintage_id, []).append(
                {
                    "validated_at": self.validated_at,
                    "load_kind": row.source_kind,
                    "suite_name": suite_name(row.source_kind),
                    "file_name": row.file_name,
                    "expectation_type": "indicator_staat_in_referentie",
                    "expectation_id": f"{LAPSED_RULE}:{row.indicator_code}",
                    "rule": LAPSED_RULE,
                    "column_name": "indicator",
                    "severity": "warning",
                    "success": False,
                    "element_count": int(row.rows_in_vintage),
                    "unexpected_count": int(row.rows_lapsed),
                    "unexpected_percent": 100.0 * row.rows_lapsed / row.rows_in_vintage if row.rows_in_vintage else None,
                }
            )
        return rows


def check_stored(conn, reference, affected_only: bool = False) -> StoredCheck:
    """Re-validate every stored vintage that counts, or with `affected_only` those a delivery can have
    changed the outcome of (affected_vintages); read only."""
    known = sorted(reference.indicators)
    rules = open_project(gx_project_dir(), reference).rules
    rules_changed = affected_only and rules != _last_full_check_rules(conn)
    affected_only = affected_only and not rules_changed  # new rules can change any outcome
    result = StoredCheck(scope="geraakt" if affected_only else "alles", rules=rules, rules_changed=rules_changed)
    result.withdrawn = conn.execute("select count(*) from raw_observations.withdrawals").fetchone()[0]
    vintages = conn.execute(
        "select vintage_id, source_kind, file_name from raw_observations.vintages "
        "where vintage_id not in (select vintage_id from raw_observations.withdrawals) order by loaded_at, vintage_id"
    ).fetchall()
    stored = conn.execute(_STORED_WITH_PREVIOUS, [known]).df()
    lapsed = conn.execute(_LAPSED, [known]).df()
    if affected_only:
        scope = affected_vintages(conn, stored)
        result.unchanged = sum(v not in scope for v, _, _ in vintages)
        vintages = [v for v in vintages if v[0] in scope]
        lapsed = lapsed[lapsed["vintage_id"].isin(scope)]
    for vintage_id, kind, name in vintages:
        rows = stored[stored["vintage_id"] == vintage_id]
        if len(rows):  # a vintage whose every indicator lapsed has nothing left to validate
            result.reports.append((vintage_id, validate(kind, name, rows, reference)))
    result.lapsed = lapsed
    return result


def _last_full_check_rules(conn) -> str | None:
    found = conn.execute("select rules_fingerprint from raw_quality.full_checks order by checked_at desc limit 1").fetchone()
    return found[0] if found else None


# Vintages not re-checked since they were loaded (validated at load only).
_UNCHECKED = """
select vintage_id from raw_observations.vintages
where vintage_id not in (select vintage_id from raw_quality.validation_results where check_run = 'controle')
"""

# Vintages whose last re-check found a blocking problem: checked again until it is gone.
_LAST_CHECK_FAILED = """
with last as (
    select vintage_id, max(validated_at) as validated_at
    from raw_quality.validation_results where check_run = 'controle' group by vintage_id)
select distinct r.vintage_id
from raw_quality.validation_results as r
inner join last using (vintage_id, validated_at)
where r.check_run = 'controle' and not r.success and r.severity = 'critical'
"""


def affected_vintages(conn, stored: pd.DataFrame) -> set[str]:
    """What a delivery can change the outcome of: every vintage that comes later (publication order)
    in a series a newly loaded vintage is part of, since its "previous version" may now be another one,
    and every vintage whose last re-check failed. A newly loaded vintage itself was validated when it
    was loaded, against the store as it was then. The rules (indicatoren.yml) do not change in a
    delivery run (check_stored checks everything when they did), so the other vintages would give the
    outcome they gave before."""
    new = {row[0] for row in conn.execute(_UNCHECKED).fetchall()}
    failed = {row[0] for row in conn.execute(_LAST_CHECK_FAILED).fetchall()}
    order = conn.execute(f"select vintage_id from raw_observations.vintages as v order by {vintage_order('v')}").fetchall()
    rank = {vintage_id: position for position, (vintage_id,) in enumerate(order)}
    series = ["indicator_code", "region_code", "period_label", "breakdown"]
    loaded = stored.loc[stored["vintage_id"].isin(new), [*series, "vintage_id"]].rename(columns={"vintage_id": "loaded"})
    pairs = stored[[*series, "vintage_id"]].merge(loaded, on=series)
    later = pairs[pairs["vintage_id"].map(rank) > pairs["loaded"].map(rank)]
    return failed | set(later["vintage_id"])


def _cell(value) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def findings_table(findings: list[tuple[str, str, Problem]]) -> str:
    """A markdown table: which file, vintage, row, column and rule, and the Dutch message."""
    lines = ["| bestand | versie | rij | kolom | regel | melding |", "| --- | --- | --- | --- | --- | --- |"]
    lines += [
        f"| {_cell(name)} | {_cell(vintage)} | {_cell(p.row)} | {_cell(p.column)} | {_cell(p.rule)} | {_cell(p.message)} |"
        for name, vintage, p in findings[:MAX_LISTED]
    ]
    if len(findings) > MAX_LISTED:
        lines.append(f"| ... | | | | | en nog {len(findings) - MAX_LISTED} |")
    return "\n".join(lines)


def _finding_line(name: str, vintage: str, p: Problem) -> str:
    where = ", ".join(x for x in (f"rij {p.row}" if p.row else None, f"kolom '{p.column}'" if p.column else None) if x)
    return f"bestand '{name}', versie {vintage}{', ' + where if where else ''}, regel {p.rule}: {p.message}"


def lapsed_summary(lapsed: pd.DataFrame) -> list[str]:
    """Per lapsed indicator: the vintages (and files) whose values of it no longer count."""
    return (
        [
            f"{code}: {int(group['rows_lapsed'].sum())} waarde(n) in "
            + ", ".join(f"versie {r.vintage_id} ('{r.file_name}')" for r in group.itertuples())
            for code, group in lapsed.groupby("indicator_code", sort=True)
        ]
        if len(lapsed)
        else []
    )


def _publish_data_quality(context, conn) -> dg.MaterializeResult | None:
    """While the blocking check holds the marts back: the data-quality tables into the serving copy."""
    missing = [
        view
        for view in DATA_QUALITY_MARTS.values()
        if conn.execute(
            "select count(*) from duckdb_views() where schema_name = ? and view_name = ?", view.split(".")
        ).fetchone()[0]
        == 0
    ]
    if missing:  # the very first run, before dbt ever built: nothing to publish from yet
        context.log.warning(
            f"Datakwaliteit niet gepubliceerd: {', '.join(missing)} bestaat nog niet "
            "(dbt heeft in dit warehouse nog nooit gebouwd)."
        )
        return None
    counts = publish_refreshed(conn, serving_path(), DATA_QUALITY_MARTS)
    context.log.info(
        f"Datakwaliteit gepubliceerd in {serving_path()}: "
        + ", ".join(f"{t} ({counts[t]} rijen)" for t in DATA_QUALITY_MARTS)
        + "; de andere tabellen blijven de laatste goede versie."
    )
    return dg.MaterializeResult(
        asset_key=DATA_QUALITY_PUBLICATION_KEY,
        metadata={
            "bestand": dg.MetadataValue.path(str(serving_path())),
            "vernieuwd": dg.MetadataValue.json({t: counts[t] for t in DATA_QUALITY_MARTS}),
            "ongewijzigd overgenomen": len(counts) - len(DATA_QUALITY_MARTS),
        },
    )


@dg.multi_asset(
    name="stored_observations_validated",
    specs=[
        dg.AssetSpec(
            STORED_VALIDATION_KEY,
            group_name="datakwaliteit",
            kinds={"duckdb"},
            deps=[*OBSERVATION_KEYS, VALIDATION_RESULTS_KEY, WITHDRAWALS_KEY],
            description="Alle opgeslagen versies die meetellen opnieuw gecontroleerd met hun Great Expectations-suite; "
            "de uitkomst staat in raw_quality.validation_results (controle), met een waarschuwing per "
            "versie en vervallen indicator.",
        ),
        dg.AssetSpec(
            DATA_QUALITY_PUBLICATION_KEY,
            group_name="publicatie",
            kinds={"duckdb"},
            deps=[STORED_VALIDATION_KEY],
            skippable=True,  # materialised only when gx_validatie fails; otherwise serving_copy publishes all
            description="Als de blokkerende controle faalt en de marts op hun laatste goede versie blijven: "
            "fct_data_quality en fct_deliveries toch vernieuwd in de kopie van de dashboards.",
        ),
    ],
    check_specs=[
        dg.AssetCheckSpec(
            "gx_validatie",
            asset=OBSERVATIONS_KEY,
            blocking=True,
            description="Alle opgeslagen versies die meetellen voldoen aan hun Great Expectations-suite (blokkerend).",
        ),
        dg.AssetCheckSpec(
            "gx_waarschuwingen",
            asset=OBSERVATIONS_KEY,
            blocking=False,
            description="Sprongen tussen versies, definitieve cijfers die weer voorlopig worden, en "
            "indicatoren die niet meer in de referentie staan (waarschuwing).",
        ),
    ],
    can_subset=True,
    # Checks on an asset this op does not produce (observations/observations), so that every model
    # built from it waits for them. Dagster's own dbt integration passes the same flag.
    allow_arbitrary_check_specs=True,
)
def stored_observations_validated(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    reference = load_reference(INDICATOR_FILE)
    store = STORED_VALIDATION_KEY in context.selected_asset_keys
    publish = DATA_QUALITY_PUBLICATION_KEY in context.selected_asset_keys
    # A delivery run re-checks what the delivery can affect (everything when the rules changed since
    # the last full re-check); the daily refresh and the 7 o'clock check re-validate everything.
    affected_only = context.job_name == DELIVERIES_JOB
    with warehouse.connect() as conn:
        ensure_raw_tables(conn)
        found = check_stored(conn, reference, affected_only=affected_only)
        build_open_docs()
        if store:
            conn.execute("begin transaction")
            for vintage_id, report in found.reports:
                record_validation(conn, report, check_run="controle", vintage_id=vintage_id, delivery_id=None)
            for vintage_id, rows in found.lapsed_rows().items():
                record_validation(
                    conn,
                    ValidationReport(kind="controle", file_name="", rows=rows),
                    check_run="controle",
                    vintage_id=vintage_id,
                    delivery_id=None,
                )
            if found.scope == "alles":
                conn.execute("insert into raw_quality.full_checks values (?, ?)", [found.validated_at, found.rules])
            conn.execute("commit")
            yield dg.MaterializeResult(
                asset_key=STORED_VALIDATION_KEY,
                metadata={
                    "omvang": _scope_label(found),
                    "versies gecontroleerd": len(found.reports),
                    "versies ongewijzigd (niet opnieuw gecontroleerd)": found.unchanged,
                    "problemen": len(found.problems),
                    "waarschuwingen": len(found.warnings) + len(found.lapsed),
                    "ingetrokken (niet gecontroleerd)": found.withdrawn,
                },
            )
        published = None
        if publish and (found.problems or not _full_publication_follows(context)):
            published = _publish_data_quality(context, conn)
            if published is not None:
                yield published
        elif publish:
            context.log.info(
                "Datakwaliteit niet apart gepubliceerd: de controle slaagt, dus dbt bouwt de marts "
                "en publicatie/serving_copy publiceert alles samen."
            )

    yield from _check_results(context, found, dashboard_updated=published is not None)


def _scope_label(found: StoredCheck) -> str:
    if found.scope == "geraakt":
        return "geraakt door de levering"
    return "alle versies (de regels zijn gewijzigd)" if found.rules_changed else "alle versies"


def _full_publication_follows(context) -> bool:
    """Whether this run also publishes the whole serving copy after dbt (a full refresh or a delivery),
    or only checks (the 7 o'clock data-quality job), which must then publish its own results."""
    selection = context.run.asset_selection
    return selection is None or SERVING_COPY_KEY in selection


def _check_results(context, found: StoredCheck, dashboard_updated: bool):
    problems, warnings, lapsed = found.problems, found.warnings, lapsed_summary(found.lapsed)
    docs = str(docs_site(gx_project_dir()) / "index.html")
    if problems:
        context.log.error(
            f"gx_validatie: {len(problems)} melding(en) over opgeslagen waarden die niet meer aan hun regels voldoen; de marts worden "
            "niet opnieuw gebouwd en de dashboards houden de laatste goede cijfers.\n"
            + "\n".join(f"  - {_finding_line(*f)}" for f in problems[:MAX_LISTED])
            + (f"\n  ... en nog {len(problems) - MAX_LISTED}" if len(problems) > MAX_LISTED else "")
        )
        files = sorted({(name, vintage) for name, vintage, _ in problems})
        description = (
            f"{len(problems)} melding(en) over opgeslagen waarden in {len(files)} versie(s) die niet meer aan hun regels voldoen "
            f"({', '.join(f'{v} ({n!r})' for n, v in files[:5])}{' ...' if len(files) > 5 else ''}); zie de tabel: "
            "bestand, versie, rij, kolom, regel. De marts zijn niet opnieuw gebouwd: de dashboards tonen de laatste "
            f"goede cijfers{'; het dashboard Datakwaliteit is wel bijgewerkt' if dashboard_updated else ''}. "
            "Wat nu: is de regel te streng of fout "
            "(bijvoorbeeld een te smal bereik), herstel dan data/reference/indicatoren.yml; is de versie fout, trek "
            'haar in met `make intrekken VERSIE=<versie> REDEN="..."` (docs/aanleveren.md, "Een versie intrekken"). '
            "Ververs daarna (make run, of 'dagelijkse_verversing' in de Dagster UI)."
        )
    elif found.scope == "geraakt":
        description = (
            f"De {len(found.reports)} opgeslagen versie(s) die de levering kan raken voldoen aan hun suite (de "
            f"geleverde versie zelf is bij het laden gecontroleerd); de andere {found.unchanged} zijn ongewijzigd en "
            "worden bij de dagelijkse verversing weer allemaal gecontroleerd."
        )
    else:
        why = (
            " De regels (data/reference/indicatoren.yml) zijn gewijzigd sinds de laatste volledige controle, "
            "dus zijn ook bij deze levering alle versies opnieuw gecontroleerd."
            if found.rules_changed
            else ""
        )
        description = f"Alle {len(found.reports)} versies die meetellen voldoen aan hun suite.{why}"
    yield dg.AssetCheckResult(
        asset_key=OBSERVATIONS_KEY,
        check_name="gx_validatie",
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        description=description,
        metadata={
            "versies gecontroleerd": len(found.reports),
            "versies ongewijzigd (niet opnieuw gecontroleerd)": found.unchanged,
            "problemen": len(problems),
            "ingetrokken (niet gecontroleerd)": found.withdrawn,
            "details": dg.MetadataValue.md(findings_table(problems) if problems else "geen"),
            "data docs": dg.MetadataValue.path(docs),
        },
    )
    if warnings or lapsed:
        context.log.warning(
            "gx_waarschuwingen:\n"
            + "\n".join(f"  - {_finding_line(*w)}" for w in warnings[:MAX_LISTED])
            + ("\n" if warnings else "")
            + "\n".join(f"  - vervallen (niet meer in indicatoren.yml, telt niet mee): {line}" for line in lapsed)
        )
    parts = ([f"{len(warnings)} waarschuwing(en) bij opgeslagen waarden (zie de tabel)."] if warnings else []) + (
        [
            "Vervallen indicatoren: hun opgeslagen waarden tellen nergens meer mee (geen laatste cijfer, geen oordeel) "
            "en worden niet meer gecontroleerd: " + "; ".join(lapsed) + ". Hoort de indicator er nog bij, zet hem dan "
            'terug in data/reference/indicatoren.yml (docs/beheer.md, "Een indicator schrappen").'
        ]
        if lapsed
        else []
    )
    yield dg.AssetCheckResult(
        asset_key=OBSERVATIONS_KEY,
        check_name="gx_waarschuwingen",
        passed=not (warnings or lapsed),
        severity=dg.AssetCheckSeverity.WARN,
        description=" ".join(parts) or "Geen waarschuwingen.",
        metadata={
            "waarschuwingen": len(warnings),
            "details": dg.MetadataValue.md(findings_table(warnings) if warnings else "geen"),
            "vervallen indicatoren": dg.MetadataValue.md("\n".join(f"- {line}" for line in lapsed) or "geen"),
        },
    )
