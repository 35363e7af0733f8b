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
    """Per reporting table: its description and its columns (description and type, in the order of its
    YAML), from the dbt manifest."""
    if not manifest.exists():
        sys.exit(f"{manifest} ontbreekt: draai eerst `make prepare` (dbt parse), dan weer `make provision`.")
    nodes = json.loads(manifest.read_text(encoding="utf-8"))["nodes"].values()
    return {
        node["name"]: {"description": node["description"], "columns": node["columns"]}
        for node in nodes
        if node["resource_type"] == "model" and node["config"].get("schema") == "reporting"
    }


def with_dbt_docs(dataset_yaml: str, models: dict[str, dict]) -> str:
    """The sync step from dbt to Superset: a physical dataset on reporting.<table> gets the model's
    description and its columns, each with its type and description, so what Superset shows is what
    dbt documents and tests, and a column added in dbt needs no edit here."""
    import yaml

    dataset = yaml.safe_load(dataset_yaml)
    model = models.get(dataset["table_name"]) if dataset.get("schema") == "reporting" else None
    if model is None:
        sys.exit(f"Dataset {dataset['table_name']} leest geen tabel uit de dbt-rapportagelaag (dbt/models/reporting/).")
    dataset["description"] = model["description"].strip() or dataset.get("description")
    dataset["columns"] = []
    for name, column in model["columns"].items():
        text, data_type = column["description"].strip(), (column.get("data_type") or "").upper()
        if not text or not data_type:
            sys.exit(f"Kolom {name} van {dataset['table_name']} heeft geen beschrijving of data_type in dbt/models/reporting/.")
        dataset["columns"].append(
            {
                "column_name": name,
                "verbose_name": name.replace("_", " ").capitalize(),
                "is_dttm": data_type.startswith(("DATE", "TIMESTAMP")),
                "is_active": True,
                "type": data_type,
                "advanced_data_type": None,
                "groupby": True,
                "filterable": True,
                "expression": None,
                "description": text,
                "python_date_format": None,
                "extra": {},
            }
        )
    return yaml.safe_dump(dataset, allow_unicode=True, sort_keys=False)


def import_everything_with_overwrite(contents: dict[str, str], import_dashboards) -> None:
    """Superset's dashboard import overwrites only the dashboards: the databases, datasets and charts it
    brings along are created once and never updated (superset/commands/dashboard/importers/v1, overwrite=False).
    So each kind is imported by its own command first, with overwrite, and a changed chart in the bundle
    reaches an existing installation too (tests/test_superset.py checks this)."""
    import yaml
    from superset.commands.chart.importers.v1 import ImportChartsCommand
    from superset.commands.database.importers.v1 import ImportDatabasesCommand
    from superset.commands.dataset.importers.v1 import ImportDatasetsCommand

    metadata = yaml.safe_load(contents["metadata.yaml"])
    for command, model_type, kinds in (
        (ImportDatabasesCommand, "Database", ("databases/",)),
        (ImportDatasetsCommand, "SqlaTable", ("databases/", "datasets/")),
        (ImportChartsCommand, "Slice", ("databases/", "datasets/", "charts/")),
    ):
        part = {name: text for name, text in contents.items() if name.startswith(kinds)}
        part["metadata.yaml"] = yaml.safe_dump({**metadata, "type": model_type})
        command(part, overwrite=True).run()
    import_dashboards(contents, overwrite=True).run()


def bundle_uuids(contents: dict[str, str]) -> dict[str, set[str]]:
    """The uuids of the bundle's charts, dashboards and datasets."""
    import yaml

    found: dict[str, set[str]] = {"charts": set(), "dashboards": set(), "datasets": set()}
    for name, text in contents.items():
        kind = name.split("/")[0]
        if kind in found:
            found[kind].add(yaml.safe_load(text)["uuid"])
    return found


def remove_what_the_bundle_no_longer_has(db, wanted: dict[str, set[str]]) -> list[str]:
    """The bundle is the whole truth: a chart, dashboard or dataset removed from it goes from Superset too,
    instead of lingering with queries on tables that no longer exist."""
    from superset.connectors.sqla.models import SqlaTable
    from superset.models.dashboard import Dashboard
    from superset.models.slice import Slice

    removed = []
    for model, kind, label in (
        (Dashboard, "dashboards", "dashboard_title"),
        (Slice, "charts", "slice_name"),
        (SqlaTable, "datasets", "table_name"),
    ):
        for obj in db.session.query(model).all():
            if str(obj.uuid) not in wanted[kind]:
                removed.append(f"{kind[:-1]} {getattr(obj, label)}")
                db.session.delete(obj)
    db.session.commit()
    return removed


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


VIEWER, EDITOR = "Missiemonitor Lezer", "Missiemonitor Redacteur"
# What a reader still "writes" while reading: the state of a page's filters and a link to share it.
READER_STATE = {"DashboardFilterStateRestApi", "DashboardPermalinkRestApi", "ExploreFormDataRestApi", "ExplorePermalinkRestApi"}
WRITING = ("can_write", "can_edit", "can_add", "can_delete", "can_save", "can_import", "can_overwrite", "muldelete", "can_copy")


def ensure_roles(security_manager) -> None:
    """Two roles for people who are not administrators, synced from Superset's Gamma at every provision:
    an editor (Gamma: may make charts and dashboards of their own, never change a database connection)
    with access to every dataset, and an M&E reader who may only look (and set filters)."""
    security_manager.copy_role("Gamma", EDITOR, merge=False)
    editor = security_manager.find_role(EDITOR)
    everything = security_manager.find_permission_view_menu("all_datasource_access", "all_datasource_access")
    editor.permissions = [*editor.permissions, everything]
    viewer = security_manager.add_role(VIEWER)
    viewer.permissions = [
        pvm for pvm in editor.permissions if not pvm.permission.name.startswith(WRITING) or pvm.view_menu.name in READER_STATE
    ]


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
        ensure_roles(security_manager)
        g.user = security_manager.find_user(username=ADMIN)  # the importer checks the current user's rights
        public = security_manager.find_role("Public")
        if public is not None and public.permissions:
            public.permissions = []
        db.session.commit()
        contents = bundle_contents(serving_path)
        import_everything_with_overwrite(contents, ImportDashboardsCommand)
        db.session.commit()
        removed = remove_what_the_bundle_no_longer_has(db, bundle_uuids(contents))
        from superset.models.dashboard import Dashboard

        titles = sorted(d.dashboard_title for d in db.session.query(Dashboard).all())
    if removed:
        print(f"Superset: niet meer in de bundel, verwijderd: {', '.join(removed)}.")
    print(f"Superset: {len(titles)} dashboards ingericht ({', '.join(titles)}); database = {serving_path} (alleen-lezen).")
    if generated:
        print("\n" + "=" * 72)
        print(f"  Superset-beheerder: gebruiker '{ADMIN}', wachtwoord: {generated}")
        print("  Dit wachtwoord wordt maar één keer getoond. Kwijt? Zie docs/beheer.md (wachtwoorden).")
        print("=" * 72 + "\n")


if __name__ == "__main__":
    main()
