"""Faults, for real: the pipeline as `make run` starts it (the `dagster asset materialize` command),
killed with SIGKILL in the middle, and a second pipeline started while one runs."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT

pytestmark = pytest.mark.slow

DAGSTER = str(Path(sys.executable).parent / "dagster")
# The real 2019 figure from CBS's 'The Netherlands in numbers 2024', delivered on its own.
DELIVERY = (
    b"indicator;regio;periode;uitsplitsing;waarde;eenheid;status;bron_uitgever;bron_tabel;publicatiedatum\r\n"
    b"BKG_TOTAAL;NL;2019;totaal;185,7;mld kg CO2-eq;definitief;CBS;"
    b"The Netherlands in numbers 2024: What volume of greenhouse gases do we emit?;2024\r\n"
)


@pytest.fixture
def pipeline(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "MISSIEMONITOR_WAREHOUSE": str(tmp_path / "warehouse.duckdb"),
        "MISSIEMONITOR_SERVING": str(tmp_path / "serving.duckdb"),
        "MISSIEMONITOR_DELIVERY_ROOT": str(tmp_path / "data"),
        "MISSIEMONITOR_GX_DIR": str(tmp_path / "expectations"),
    }

    def start() -> subprocess.Popen:
        return subprocess.Popen(
            [DAGSTER, "asset", "materialize", "--select", "*", "-m", "dagster_project.definitions"],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    return tmp_path, env, start


def _finish(process: subprocess.Popen) -> tuple[int, str]:
    output, _ = process.communicate(timeout=600)
    return process.returncode, output


def _wait_for(process: subprocess.Popen, words: str, seen: list[str]) -> None:
    """Read the run's log until `words` appear (the run is then in that step)."""
    deadline = time.monotonic() + 300
    for line in process.stdout:
        seen.append(line)
        if words in line:
            return
        if time.monotonic() > deadline:
            break
    pytest.fail(f"the run never reached {words!r}:\n{''.join(seen[-30:])}")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_pipeline_killed_mid_run_leaves_the_dashboards_data_intact_and_the_next_run_completes(pipeline):
    root, _, start = pipeline
    code, output = _finish(start())
    assert code == 0, output[-3000:]
    serving = root / "serving.duckdb"
    published = _sha(serving)
    inbox = root / "data" / "inbox"
    (inbox / "uitstoot 2019.csv").write_bytes(DELIVERY)

    run = start()
    seen: list[str] = []
    _wait_for(run, "Running dbt command", seen)  # the delivery is loaded, the models are being rebuilt
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=60)

    assert _sha(serving) == published  # the copy the dashboards read was never touched
    with duckdb.connect(str(serving), read_only=True) as conn:
        assert conn.execute("select count(*) from marts.fct_mission_status").fetchone() == (26,)
    # the delivery received before the kill is not lost: still waiting, or loaded with its original archived
    archived = list((root / "data" / "leveringen").glob("*uitstoot_2019.csv"))
    assert (inbox / "uitstoot 2019.csv").exists() or (archived and archived[0].read_bytes() == DELIVERY)

    code, output = _finish(start())
    assert code == 0, output[-3000:]
    with duckdb.connect(str(serving), read_only=True) as conn:
        deliveries = conn.execute("select outcome from marts.fct_deliveries").fetchall()
    assert deliveries == [("geladen",)]


def test_a_second_pipeline_while_one_runs_is_refused_and_the_first_completes(pipeline):
    root, env, start = pipeline
    first = start()
    seen: list[str] = []
    _wait_for(first, "mission_catalogue", seen)

    second = subprocess.run(
        [DAGSTER, "asset", "materialize", "--select", "*", "-m", "dagster_project.definitions"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    code, output = _finish(first)
    assert code == 0, "".join(seen)[-2000:] + output[-3000:]
    assert second.returncode != 0
    assert "Er draait al een verversing" in second.stdout + second.stderr
    with duckdb.connect(str(root / "serving.duckdb"), read_only=True) as conn:
        assert conn.execute(
            "select value from marts.fct_observations where indicator_key = 'BKG_TOTAAL' and period_label = '1990' "
            "and file_name = 'cbs_nederland_in_cijfers_2024__broeikasgassen.csv'"
        ).fetchone() == (228.1,)
