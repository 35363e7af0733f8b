"""Each chart's query context, as Superset's own frontend computes it, stored in the bundle.

Superset answers GET /api/v1/chart/<id>/data/ (alerts and reports, thumbnails, a chart's data over
the API) from the query context saved with a chart. Its frontend computes that from the chart's
settings when a chart is saved in Explore; a bundle written as YAML has none, and Python cannot
compute it (the rules live in each chart type's JavaScript). So this opens every dashboard in a
real browser against a provisioned Superset, records the request each chart sends, and writes it
into the chart's YAML. dashboards/provision.py fills in the ids of the Superset it provisions
(`with_ids`).

Run it after changing a chart (a test in tests/test_superset.py says when one is out of date):

    .venv/bin/python -m tools.query_contexts      # needs a serving copy: `make run` first
"""

import json
import os
import re
import secrets
import sys
import tempfile
from pathlib import Path

import yaml

from tools.superset_server import REPO_ROOT, SupersetServer, api_call, logged_in_page, provisioned_superset, wait_for_dashboard

CHARTS = REPO_ROOT / "dashboards" / "bundle" / "charts"
# Set by the dashboard the chart happened to be on, or per request; not part of the chart.
NOT_THE_CHARTS = (
    "dashboardId",
    "extra_filters",
    "label_colors",
    "shared_label_colors",
    "map_label_colors",
    "chart_id",
    "force",
    "result_format",
    "result_type",
)
# Ids differ per Superset; provision.py sets them after the import (with_ids).
IDS = ("datasource", "slice_id")


def chart_requests(server: SupersetServer, token: str) -> list[tuple[str, dict]]:
    """(dashboard slug, request body) of the first chart-data request each chart makes when every
    dashboard is opened in the browser."""
    _, answer = api_call(server.base, "/api/v1/dashboard/?q=(page_size:100)", token=token)
    recorded: dict[int, tuple[str, dict]] = {}
    with logged_in_page(server) as page:
        current = {"slug": ""}

        def record(request) -> None:
            if request.method == "POST" and "/api/v1/chart/data" in request.url:
                body = request.post_data_json
                recorded.setdefault(body["form_data"]["slice_id"], (current["slug"], body))

        page.on("request", record)
        for slug in sorted(d["slug"] for d in answer["result"]):
            current["slug"] = slug
            print(f"dashboard {slug} ...", file=sys.stderr, flush=True)
            wait_for_dashboard(page, server.base, slug)
    return list(recorded.values())


def stored_form(body: dict) -> dict:
    """A recorded chart-data request as it is kept in the bundle."""
    form_data = {k: v for k, v in body["form_data"].items() if k not in NOT_THE_CHARTS + IDS}
    return {
        "datasource": {"type": body["datasource"]["type"]},
        "queries": body["queries"],
        "form_data": form_data,
        "result_format": "json",
        "result_type": "full",
    }


def out_of_date(chart: dict) -> list[str]:
    """Settings of a bundle chart that its stored query context does not reflect."""
    if not chart.get("query_context"):
        return ["geen query_context"]
    form_data = json.loads(chart["query_context"])["form_data"]
    return [key for key, value in chart["params"].items() if key not in IDS and form_data.get(key) != value]


def write(path: Path, query_context: dict) -> None:
    # One line, as a double-quoted YAML scalar (a JSON string is one), so the rest of the file and
    # its order stay as they were.
    text = path.read_text(encoding="utf-8")
    line = "query_context: " + json.dumps(json.dumps(query_context, ensure_ascii=True))
    new, count = re.subn(r"^query_context:.*$", lambda _: line, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise ValueError(f"{path}: geen regel 'query_context:' gevonden")
    path.write_text(new, encoding="utf-8")


def main() -> None:
    serving = Path(os.environ.get("MISSIEMONITOR_SERVING") or REPO_ROOT / "data" / "serving" / "missiemonitor.duckdb")
    if not serving.exists():
        sys.exit(f"Geen serving-kopie op {serving}: draai eerst `make run`.")
    files = {yaml.safe_load(p.read_text(encoding="utf-8"))["slice_name"]: p for p in sorted(CHARTS.glob("*.yaml"))}
    with tempfile.TemporaryDirectory() as home:
        password = secrets.token_urlsafe(16)
        with provisioned_superset(Path(home) / "superset", serving, password, Path(home) / "superset.log") as server:
            token = server.login()
            recorded = {body["form_data"]["slice_id"]: body for _, body in chart_requests(server, token)}
            _, charts = api_call(server.base, "/api/v1/chart/?q=(page_size:100)", token=token)
    names = {chart["id"]: chart["slice_name"] for chart in charts["result"]}
    missing = sorted(set(files) - {names[chart_id] for chart_id in recorded})
    if missing:
        sys.exit(f"Geen verzoek gezien van: {', '.join(missing)} (staan ze op een dashboard?)")
    for chart_id, body in sorted(recorded.items()):
        write(files[names[chart_id]], stored_form(body))
        print(f"  {files[names[chart_id]].relative_to(REPO_ROOT)}")
    print(f"{len(recorded)} grafieken bijgewerkt.")


if __name__ == "__main__":
    main()
