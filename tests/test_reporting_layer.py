"""The dashboards read the dbt reporting layer: every Superset dataset is a physical table of
dbt/models/reporting/, described by the dbt docs, and every dashboard is a dbt exposure of what it reads."""

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
        assert {c["column_name"]: c["description"] for c in dataset["columns"]} == {
            c["column_name"]: model["columns"][c["column_name"]]["description"].strip() for c in dataset["columns"]
        }


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
