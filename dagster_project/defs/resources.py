"""Resources shared by every domain: the DuckDB warehouse and the dbt CLI."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from dagster_project.defs.transform.project import dbt_project
from dagster_project.settings import DBT_EXECUTABLE, warehouse_path


class WarehouseResource(dg.ConfigurableResource):
    """The build warehouse, a DuckDB file. Empty path means MISSIEMONITOR_WAREHOUSE or the default."""

    path: str = ""

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # One short read-write connection per step: DuckDB allows a single writing process, and
        # dbt runs in its own process right after, so nothing may keep the file open in between.
        target = self.path or str(warehouse_path())
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect(target)
        try:
            yield conn
        finally:
            conn.close()


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        # Every step writes the one DuckDB file, and DuckDB allows a single writing process, so the
        # steps of a run go one after the other in one process instead of racing for the lock.
        executor=dg.in_process_executor,
        resources={
            "warehouse": WarehouseResource(),
            "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE),
        }
    )
