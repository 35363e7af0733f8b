"""Resources shared by every domain: the DuckDB warehouse and the dbt CLI."""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from dagster_project.defs.stop_requests import stop_remembered
from dagster_project.defs.transform.project import InstalledDbtCli, dbt_project
from dagster_project.settings import DBT_EXECUTABLE, warehouse_path


class PipelineAlreadyRunning(dg.Failure):
    pass


class WarehouseResource(dg.ConfigurableResource):
    """The build warehouse, a DuckDB file. Empty path means MISSIEMONITOR_WAREHOUSE or the default.

    A run that uses the warehouse holds an exclusive lock on `<warehouse>.lock` from start to end, so
    a second pipeline started meanwhile is refused at once instead of interleaving its writes. The
    kernel drops the lock when the process dies, even by SIGKILL, so a crash never leaves it stuck.
    """

    path: str = ""
    _lock_file: object = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        target = Path(self.path or str(warehouse_path()))
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = open(target.with_name(target.name + ".lock"), "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise PipelineAlreadyRunning(
                description=f"Er draait al een verversing van {target.name}; deze run is niet gestart. "
                "Wacht tot de lopende run klaar is (Dagster UI, tab Runs) en start dan opnieuw."
            ) from None
        self._lock_file = lock

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # One short read-write connection per step: DuckDB allows a single writing process, and
        # dbt runs in its own process right after, so nothing may keep the file open in between.
        target = self.path or str(warehouse_path())
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        # A stop signal lost inside the step is remembered and honoured (stop_requests.py).
        with stop_remembered():
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
            "dbt": InstalledDbtCli(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE),
        },
    )
