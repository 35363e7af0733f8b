"""Provision Superset from the asset bundle in dashboards/bundle/ (run with Superset's own Python).

Idempotent: the admin user is created once, the bundle is imported with overwrite by UUID, so
running it twice creates nothing twice. The database points at the serving copy, read-only, with
DML off in SQL Lab. The public role gets no permissions: nobody sees anything without logging in.

    SUPERSET_CONFIG_PATH=dashboards/superset_config.py .venv-superset/bin/python dashboards/provision.py
"""

import json
import os
import secrets
import string
import sys
from pathlib import Path

BUNDLE = Path(__file__).resolve().parent / "bundle"
# Written by `dbt parse` (make prepare): the reporting layer's descriptions come from here.
DBT_MANIFEST = BUNDLE.parent.parent / "dbt" / "target" / "manifest.json"
ADMIN = "admin"


def bundle_contents(serving_path: Path, manifest: Path = DBT_MANIFEST) -> dict[str, str]:
    """The bundle's files as the importer wants them: the serving copy's path filled in, and every
    dataset described with the dbt docs of the reporting table it reads."""
    models = reporting_docs(manifest)
    contents = {}
    for path in sorted(BUNDLE.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "databases":
            text = text.replace("${SERVING_PATH}", "/" + str(serving_path).lstrip("/"))
        elif path.parent.parent.name == "datasets":
            text = with_dbt_docs(text, models)
        contents[str(path.relative_to(BUNDLE))] = text
    return contents


def reporting_docs(manifest: Path) -> dict[str, dict]:
    """Per reporting table: its description and its columns' descriptions, from the dbt manifest."""
    if not manifest.exists():
        sys.exit(f"{manifest} ontbreekt: draai eerst `make prepare` (dbt parse), dan weer `make provision`.")
    nodes = json.loads(manifest.read_text(encoding="utf-8"))["nodes"].values()
    return {
        node["name"]: {"description": node["description"], "columns": {c: d["description"] for c, d in node["columns"].items()}}
        for node in nodes
        if node["resource_type"] == "model" and node["config"].get("schema") == "reporting"
    }


def with_dbt_docs(dataset_yaml: str, models: dict[str, dict]) -> str:
    """The sync step from dbt to Superset: a physical dataset on reporting.<table> gets the model's
    description and each column's, so what Superset shows is what dbt documents and tests."""
    import yaml

    dataset = yaml.safe_load(dataset_yaml)
    model = models.get(dataset["table_name"]) if dataset.get("schema") == "reporting" else None
    if model is None:
        sys.exit(f"Dataset {dataset['table_name']} leest geen tabel uit de dbt-rapportagelaag (dbt/models/reporting/).")
    dataset["description"] = model["description"].strip() or dataset.get("description")
    for column in dataset["columns"]:
        text = model["columns"].get(column["column_name"], "").strip()
        if not text:
            sys.exit(
                f"Kolom {column['column_name']} van {dataset['table_name']} heeft geen beschrijving in dbt/models/reporting/."
            )
        column["description"] = text
    return yaml.safe_dump(dataset, allow_unicode=True, sort_keys=False)


def with_ids(query_context: str, chart_id: int, datasource_id: int, datasource_type: str) -> str:
    """A chart's stored query context (tools/query_contexts.py) with this Superset's ids."""
    filled = json.loads(query_context)
    filled["datasource"] = {"id": datasource_id, "type": datasource_type}
    filled["form_data"].update(datasource=f"{datasource_id}__{datasource_type}", slice_id=chart_id)
    return json.dumps(filled)


def ensure_admin(security_manager) -> str | None:
    """Create the admin once; returns a generated password to show, or None."""
    if security_manager.find_user(username=ADMIN):
        return None
    password = os.environ.get("MISSIEMONITOR_SUPERSET_PASSWORD")
    generated = None
    if not password:
        generated = password = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(20))
    role = security_manager.find_role("Admin")
    user = security_manager.add_user(ADMIN, "Missiemonitor", "Beheer", "admin@localhost", role, password=password)
    if not user:
        sys.exit("Kon de beheerder niet aanmaken in Superset.")
    return generated


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from dagster_project.settings import paths  # stdlib only: importable in Superset's environment

    serving_path = paths().serving
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from flask import g
        from superset import db, security_manager
        from superset.commands.dashboard.importers.v1 import ImportDashboardsCommand

        generated = ensure_admin(security_manager)
        g.user = security_manager.find_user(username=ADMIN)  # the importer checks the current user's rights
        public = security_manager.find_role("Public")
        if public is not None and public.permissions:
            public.permissions = []
        db.session.commit()
        ImportDashboardsCommand(bundle_contents(serving_path), overwrite=True).run()
        db.session.commit()
        from superset.models.slice import Slice

        for chart in db.session.query(Slice).filter(Slice.query_context.isnot(None)):
            chart.query_context = with_ids(chart.query_context, chart.id, chart.datasource_id, chart.datasource_type)
        db.session.commit()
        from superset.models.dashboard import Dashboard

        titles = sorted(d.dashboard_title for d in db.session.query(Dashboard).all())
    print(f"Superset: {len(titles)} dashboards ingericht ({', '.join(titles)}); database = {serving_path} (alleen-lezen).")
    if generated:
        print("\n" + "=" * 72)
        print(f"  Superset-beheerder: gebruiker '{ADMIN}', wachtwoord: {generated}")
        print("  Dit wachtwoord wordt maar één keer getoond. Kwijt? Zie docs/beheer.md (wachtwoorden).")
        print("=" * 72 + "\n")


if __name__ == "__main__":
    main()
