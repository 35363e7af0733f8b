"""The yearly progress report as an asset: written by the daily refresh (and `make run`) after a good
build, from the serving copy the dashboards read, so report and dashboards never disagree. A delivery
run leaves it out: it is a report of a date, not a view that must follow each file (`make rapport`
writes one at any moment)."""

import datetime as dt

import dagster as dg

from dagster_project.contract import REPORT_KEY
from dagster_project.defs.report.report_render import write_report
from dagster_project.settings import report_dir, serving_path


@dg.asset(
    key=REPORT_KEY,
    deps=[dg.AssetKey(["publicatie", "serving_copy"])],
    group_name="publicatie",
    kinds={"pdf", "html"},
    description="Voortgangsrapportage (PDF en HTML) uit de serving copy, zoals gepubliceerd op de dag van de run.",
)
def voortgangsrapportage(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    paths = write_report(serving_path(), report_dir(), dt.date.today(), progress=context.log.info)
    return dg.MaterializeResult(
        metadata={
            "pdf": dg.MetadataValue.path(str(paths["pdf"])),
            "html": dg.MetadataValue.path(str(paths["html"])),
            "grafieken": len(list(paths["charts"].glob("*.png"))),
        }
    )
