"""The Dagster UI that `make run` serves answers on localhost and shows Missiemonitor's assets."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tools.local_server import free_port

from conftest import REPO_ROOT

pytestmark = pytest.mark.slow


def _get(url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def dagster_ui(session_dir: Path):
    port = free_port()
    home = session_dir / "dagster_home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "dagster-webserver"),
            "-m",
            "dagster_project.definitions",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                pytest.fail(f"dagster-webserver stopped: {server.stderr.read()[-2000:]}")
            try:
                _get(f"{base}/server_info")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("Dagster UI did not answer within 120 s")
                time.sleep(1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_ui_answers_with_its_version(dagster_ui):
    import dagster

    assert _get(f"{dagster_ui}/server_info")["dagster_webserver_version"] == dagster.__version__


def test_ui_lists_the_missiemonitor_assets(dagster_ui):
    answer = _get(f"{dagster_ui}/graphql", {"query": "{ assetNodes { assetKey { path } groupName } }"})
    nodes = {"/".join(n["assetKey"]["path"]): n["groupName"] for n in answer["data"]["assetNodes"]}
    assert nodes["catalogue/missions"] == "catalogus"
    assert nodes["marts/dim_mission"] == "marts"
