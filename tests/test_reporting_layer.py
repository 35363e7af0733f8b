"""The dashboards read the dbt reporting layer: every Superset dataset is a physical table of
dbt/models/reporting/, described by the dbt docs, and every dashboard is a dbt exposure of what it reads.
No chart names an indicator: filters on theme, mission and the dashboards' native filters select them."""

import json
from pathlib import Path

import yaml

from dagster_project.settings import DBT_PROJECT_DIR
from dashboards.provision import bundle_contents

from conftest import REPO_ROOT

BUNDLE = REPO_ROOT / "dashboards" / "bundle"


def _manifest() -> dict:
    return json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text())


def _datasets() -> dict[str, dict]:
    return {d["uuid"]: d for d in (yaml.safe_load(p.read_text()) for p in (BUNDLE / "datasets").rglob("*.yaml"))}


def test_every_dataset_is_a_physical_table_of_the_reporting_layer_without_sql():
    reporting = {
        n["name"] for n in _manifest()["nodes"].values() if n["resource_type"] == "model" and n["config"]["schema"] == "reporting"
    }
    datasets = list(_datasets().values())
    assert datasets
    assert [d["table_name"] for d in datasets if d["sql"] or d["schema"] != "reporting"] == []
    assert {d["table_name"] for d in datasets} <= reporting


def test_superset_gets_the_dbt_descriptions_of_every_column(tmp_path):
    manifest = _manifest()
    docs = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    provisioned = [
        yaml.safe_load(text)
        for name, text in bundle_contents(tmp_path / "serving.duckdb").items()
        if name.startswith("datasets/")
    ]
    for dataset in provisioned:
        model = docs[dataset["table_name"]]
        assert dataset["description"] == model["description"].strip()
        # every column of the model, in its order, with its description and type: a column added in dbt
        # reaches Superset without an edit of the bundle
        assert [(c["column_name"], c["description"], c["type"]) for c in dataset["columns"]] == [
            (name, column["description"].strip(), column["data_type"].upper()) for name, column in model["columns"].items()
        ]


def test_every_dashboard_is_an_exposure_of_exactly_the_tables_its_charts_read():
    datasets = _datasets()
    charts = {
        c["uuid"]: datasets[c["dataset_uuid"]]["table_name"]
        for c in (yaml.safe_load(p.read_text()) for p in (BUNDLE / "charts").glob("*.yaml"))
    }
    exposures = {e["label"]: {d.split(".")[-1] for d in e["depends_on"]["nodes"]} for e in _manifest()["exposures"].values()}
    for path in (BUNDLE / "dashboards").glob("*.yaml"):
        dashboard = yaml.safe_load(path.read_text())
        used = set()

        def walk(node, used=used):
            if isinstance(node, dict):
                if node.get("type") == "CHART":
                    used.add(charts[node["meta"]["uuid"]])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(dashboard["position"])
        assert exposures[dashboard["dashboard_title"]] == used, Path(path).name


def _charts() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text()) for p in (BUNDLE / "charts").glob("*.yaml")}


def test_no_chart_names_an_indicator_or_stores_a_query():
    """Adding an indicator must not need a chart edit, so no chart may select one by code or name."""
    from dagster_project.reference import read_indicator_file
    from dagster_project.settings import INDICATOR_FILE

    indicators = read_indicator_file(INDICATOR_FILE)["indicatoren"]
    words = {i["code"] for i in indicators} | {i["naam"] for i in indicators}
    charts = _charts()
    assert len(charts) >= 30
    for name, chart in charts.items():
        text = json.dumps(chart["params"], ensure_ascii=False)
        assert [w for w in words if w in text] == [], name
        assert "query_context" not in chart, name


def test_every_native_filter_reads_a_column_its_dataset_has():
    manifest = _manifest()
    columns = {n["name"]: set(n["columns"]) for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    tables = {uuid: d["table_name"] for uuid, d in _datasets().items()}
    seen = 0
    for path in (BUNDLE / "dashboards").glob("*.yaml"):
        for native in yaml.safe_load(path.read_text())["metadata"]["native_filter_configuration"]:
            [target] = native["targets"]
            assert target["column"]["name"] in columns[tables[target["datasetUuid"]]], (path.name, native["name"])
            for prefilter in native.get("adhoc_filters", []):
                assert prefilter["subject"] in columns[tables[target["datasetUuid"]]], (path.name, native["name"])
            seen += 1
    assert seen >= 7  # an indicator filter per theme, mission + its indicator, peildatum


def test_every_chart_a_native_filter_applies_to_has_its_column():
    """Superset applies a native filter to every chart in its scope by column name; a chart whose table
    lacks the column fails on the page. The Missieversie filter of the theme and mission pages reaches
    all their charts, so each of their tables must carry the version."""
    manifest = _manifest()
    columns = {n["name"]: set(n["columns"]) for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    tables = {uuid: d["table_name"] for uuid, d in _datasets().items()}
    charts = {c["uuid"]: c for c in _charts().values()}
    version_pages = set()
    for path in (BUNDLE / "dashboards").glob("*.yaml"):
        dashboard = yaml.safe_load(path.read_text())
        chart_uuid = {
            node["meta"]["chartId"]: node["meta"]["uuid"]
            for node in dashboard["position"].values()
            if isinstance(node, dict) and node.get("type") == "CHART"
        }
        for native in dashboard["metadata"]["native_filter_configuration"]:
            column = native["targets"][0]["column"]["name"]
            assert set(native["chartsInScope"]) <= set(chart_uuid), (path.name, native["name"])
            for chart_id in native["chartsInScope"]:
                chart = charts[chart_uuid[chart_id]]
                assert column in columns[tables[chart["dataset_uuid"]]], (path.name, native["name"], chart["slice_name"])
            if column == "missieversie":
                version_pages.add(dashboard["slug"])
                assert set(native["chartsInScope"]) == set(chart_uuid), path.name  # every chart follows the version
    assert version_pages >= {
        "missies-overzicht",
        "energietransitie",
        "landbouw-water-voedsel",
        "gezondheid",
        "veiligheid",
        "missie",
    }
