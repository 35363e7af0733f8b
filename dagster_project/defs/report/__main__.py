"""`make rapport [PEILDATUM=jjjj-mm-dd]`: the yearly progress report from the serving copy, as PDF and HTML."""

import argparse
import datetime as dt
import sys
from pathlib import Path

from dagster_project.defs.report.report_render import write_report
from dagster_project.settings import report_dir, serving_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make rapport", description=__doc__)
    parser.add_argument(
        "--peildatum",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="de cijfers zoals gepubliceerd op deze dag (jjjj-mm-dd); standaard vandaag",
    )
    parser.add_argument("--uit", type=Path, default=None, help="map voor PDF en HTML (standaard data/rapport)")
    args = parser.parse_args(argv)
    if not serving_path().exists():
        print(f"Er is nog geen serving copy ({serving_path()}): draai eerst `make materialise`.", file=sys.stderr)
        return 2
    paths = write_report(
        serving_path(), args.uit or report_dir(), args.peildatum, progress=lambda step: print(f"[rapport] {step}", flush=True)
    )
    print(f"PDF:  {paths['pdf']}\nHTML: {paths['html']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
