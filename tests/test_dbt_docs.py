"""dbt docs: every model says what it holds, every mart column says what it means."""

import json

from dagster_project.settings import DBT_PROJECT_DIR


def _models():
    manifest = json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text())
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]


def test_every_model_has_a_description():
    assert [m["name"] for m in _models() if not m["description"].strip()] == []


def test_every_mart_column_has_a_description_and_a_type():
    marts = [m for m in _models() if m["config"]["schema"] == "marts"]
    assert {"dim_period", "dim_source", "fct_targets", "fct_progress", "fct_mission_status"} <= {m["name"] for m in marts}
    undocumented = [
        (m["name"], c["name"])
        for m in marts
        for c in m["columns"].values()
        if not c["description"].strip() or not c.get("data_type")
    ]
    assert undocumented == []
