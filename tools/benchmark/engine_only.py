"""The models' SQL run straight in DuckDB, without dbt or Dagster: the engine's own share of a build.

dbt compiles every model into plain SQL (manifest.json, compiled_code); running those statements
in dependency order in one DuckDB connection builds the same tables and views, but skips dbt's
start-up, its tests and its bookkeeping, and Dagster's loading, validation and publication.
"""

import json
import shutil
import subprocess
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb


def compiled_models(dbt: str, project_dir: Path, env: dict[str, str], target_path: Path) -> list[dict]:
    """Every model's compiled SQL, in an order where each comes after what it reads."""
    from dagster_project.settings import dbt_vars, paths

    subprocess.run(
        [
            dbt,
            "compile",
            "--quiet",
            "--project-dir",
            str(project_dir),
            "--profiles-dir",
            str(project_dir),
            "--target-path",
            str(target_path),
            "--vars",
            dbt_vars(paths(env)),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    nodes = json.loads((target_path / "manifest.json").read_text())["nodes"]
    models = {key: node for key, node in nodes.items() if node["resource_type"] == "model"}
    order = TopologicalSorter(
        {key: [d for d in node["depends_on"]["nodes"] if d in models] for key, node in models.items()}
    ).static_order()
    return [models[key] for key in order]


def statements(models: list[dict]) -> list[str]:
    out = []
    for node in models:
        kind = "view" if node["config"]["materialized"] == "view" else "table"
        name = f'"{node["schema"]}"."{node["alias"]}"'
        out.append(f'create schema if not exists "{node["schema"]}"')
        out.append(f"create or replace {kind} {name} as (\n{node['compiled_code']}\n)")
    return out


def prepare_copy(warehouse: Path, folder: Path) -> Path:
    """A copy of the warehouse under the same file name: the compiled SQL names its database by it."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / warehouse.name
    shutil.copyfile(warehouse, copy)
    return copy


def run_statements(database: Path, sql: list[str], threads: int = 2) -> None:
    with duckdb.connect(str(database), config={"threads": threads}) as conn:
        for statement in sql:
            conn.execute(statement)
