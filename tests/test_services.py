"""`make run` as a service: started the way cron, a script or systemd starts it (SIGINT, and sometimes
SIGTERM, inherited as "ignored"), it stops on SIGTERM, leaves no process, frees both ports and the
pipeline lock, also while a materialisation started from the Dagster UI holds that lock. And
`make superset-wachtwoord` says why it failed instead of failing silently."""

import fcntl
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tools.local_server import free_port

from conftest import REPO_ROOT

pytestmark = pytest.mark.slow

# What README "Als dienst draaien" promises: everything is gone this many seconds after SIGTERM.
STOP_WITHIN = 30


def _environment(root: Path) -> dict[str, str]:
    """Everything of a `make` run in `root`: Dagster's home, warehouse, serving copy, inbox, GX, Superset."""
    home = root / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "MISSIEMONITOR_WAREHOUSE": str(root / "warehouse" / "missiemonitor.duckdb"),
        "MISSIEMONITOR_SERVING": str(root / "serving" / "missiemonitor.duckdb"),
        "MISSIEMONITOR_DELIVERY_ROOT": str(root / "data"),
        "MISSIEMONITOR_GX_DIR": str(root / "expectations"),
        # Superset's metadata of its own, as test_superset.py's provisioned_superset does it
        "MISSIEMONITOR_SUPERSET_HOME": str(root / "superset"),
        "MISSIEMONITOR_SUPERSET_PASSWORD": secrets.token_urlsafe(16),
    }


def _started_like(ignored: tuple[signal.Signals, ...]):
    """preexec_fn: the dispositions a background job of a non-interactive shell (cron, `make run &` in
    a script) starts with, SIGINT and SIGQUIT ignored; with SIGTERM too, what a process started from
    a Dagster run in such a shell passes on (dagster/_utils/interrupts.py maps SIGTERM to SIGINT's)."""

    def preexec():
        for signo in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM):
            signal.signal(signo, signal.SIG_IGN if signo in ignored else signal.SIG_DFL)

    return preexec


def _make(target: str, env: dict[str, str], log: Path, ignored, *variables: str) -> subprocess.Popen:
    # -o setup: the venvs are there already (the suite runs after `make prepare`); a test must not
    # reinstall them in a checkout that others use because a requirements file is newer.
    with open(log, "wb") as output:
        return subprocess.Popen(
            ["make", "-o", "setup", target, *variables],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_started_like(ignored),
        )


def _session(sid: int) -> list[str]:
    """Live processes of a session (make's, with everything it started), from /proc; zombies are
    left out (this machine's init does not reap orphans, and a zombie holds no port and no lock)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        state, _ppid, _pgrp, session = stat[stat.rindex(")") + 2 :].split()[:4]
        if int(session) == sid and state != "Z":
            found.append(f"{entry.name} {command[:150]}")
    return found


def _lock_is_held(lock: Path) -> bool:
    """Whether a process holds a flock on the file, read from /proc/locks: trying the lock ourselves
    could make a run that starts at that instant refuse to run."""
    if not lock.exists():
        return False
    inode = lock.stat().st_ino
    with open("/proc/locks") as locks:
        return any(
            fields[1] == "FLOCK" and int(fields[5].rsplit(":", 1)[1]) == inode
            for fields in (line.split() for line in locks)
            if len(fields) > 5 and fields[1] != "->"
        )


def _lock_can_be_taken(lock: Path) -> bool:
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as a restarted server binds
        try:
            server.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _graphql(base: str, query: str, variables: dict | None = None) -> dict:
    request = urllib.request.Request(
        base + "/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


LAUNCH = """mutation($p: ExecutionParams!) { launchRun(executionParams: $p) {
  __typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } } }"""


def _launch_materialisation(base: str) -> str:
    """Materialise every asset, as the "Materialize all" button of the Dagster UI does."""
    deadline = time.monotonic() + 120
    while True:  # the UI answers before the code location has loaded
        answer = _graphql(base, "{ repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } } } } }")
        nodes = (answer.get("data") or {}).get("repositoriesOrError", {}).get("nodes")
        if nodes or time.monotonic() > deadline:
            break
        time.sleep(1)
    [repository] = nodes
    answer = _graphql(
        base,
        LAUNCH,
        {
            "p": {
                "selector": {
                    "repositoryLocationName": repository["location"]["name"],
                    "repositoryName": repository["name"],
                    "jobName": "__ASSET_JOB",
                }
            }
        },
    )
    assert answer["data"]["launchRun"]["__typename"] == "LaunchRunSuccess", answer
    return answer["data"]["launchRun"]["run"]["runId"]


def _wait_until(condition, seconds: float, process: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"make stopped (code {process.returncode}) before {what}:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s: {what}\n{log.read_text()[-3000:]}")
        time.sleep(0.5)


def _stopped_within(process: subprocess.Popen, started: float) -> float:
    """Seconds from `started` until make has exited and no process of its session is left."""
    deadline = started + STOP_WITHIN
    while process.poll() is None or _session(process.pid):
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    return time.monotonic() - started


@pytest.mark.parametrize(
    "ignored, signalled",
    [
        ((signal.SIGINT, signal.SIGQUIT), "make"),  # cron, a script's background job; `kill <make>`, systemd KillMode=mixed
        ((signal.SIGINT, signal.SIGQUIT, signal.SIGTERM), "group"),  # make ignores SIGTERM: systemd's cgroup-wide SIGTERM
    ],
    ids=["sigint-ignored-kill-make", "sigterm-ignored-kill-group"],
)
def test_make_serve_stops_on_sigterm_with_a_materialisation_holding_the_lock(tmp_path, ignored, signalled):
    env = _environment(tmp_path)
    lock = Path(env["MISSIEMONITOR_WAREHOUSE"] + ".lock")
    dagster_port, superset_port = free_port(), free_port()
    dagster, superset = f"http://127.0.0.1:{dagster_port}", f"http://127.0.0.1:{superset_port}"
    log = tmp_path / "make.log"
    make = _make("serve", env, log, ignored, f"DAGSTER_PORT={dagster_port}", f"SUPERSET_PORT={superset_port}")
    try:
        _wait_until(
            lambda: _answers(dagster + "/server_info") and _answers(superset + "/health"), 300, make, log, "both UIs answer"
        )
        _launch_materialisation(dagster)
        _wait_until(lambda: _lock_is_held(lock), 180, make, log, "the materialisation holds the warehouse lock")
        started = time.monotonic()
        if signalled == "make":
            os.kill(make.pid, signal.SIGTERM)
        else:
            os.killpg(make.pid, signal.SIGTERM)
        took = _stopped_within(make, started)
    finally:
        if make.poll() is None or _session(make.pid):
            os.killpg(make.pid, signal.SIGKILL)  # make's group; the services' groups are ended below
            for line in _session(make.pid):
                os.kill(int(line.split()[0]), signal.SIGKILL)
            make.wait(timeout=30)
    output = log.read_text()
    print(
        f"\n{signalled} signalled: everything stopped {took:.1f} s after SIGTERM; launcher: "
        f"{[line for line in output.splitlines() if line.startswith('==> Gestopt')]}"
    )
    assert took < STOP_WITHIN, output[-3000:]
    assert make.returncode != 0  # stopped, not finished
    assert "ontvangen: Superset en Dagster stoppen" in output and "==> Gestopt in" in output, output[-3000:]
    assert _session(make.pid) == []
    assert _port_is_free(dagster_port) and _port_is_free(superset_port)
    assert not _lock_is_held(lock) and _lock_can_be_taken(lock)


def test_services_stop_when_the_launcher_is_killed_outright(tmp_path):
    """SIGKILL cannot be handled: the services learn of the launcher's death from the kernel."""
    env = {
        **_environment(tmp_path),
        "SUPERSET_CONFIG_PATH": str(REPO_ROOT / "dashboards" / "superset_config.py"),
        "FLASK_APP": "superset",
    }
    dagster_port, superset_port = free_port(), free_port()
    log = tmp_path / "launcher.log"
    with open(log, "wb") as output:
        launcher = subprocess.Popen(
            [
                str(REPO_ROOT / ".venv" / "bin" / "python"),
                "-m",
                "dagster_project.serve",
                "--dagster-port",
                str(dagster_port),
                "--superset-port",
                str(superset_port),
                "--superset-log",
                str(tmp_path / "superset.log"),
            ],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until(
            lambda: (
                _answers(f"http://127.0.0.1:{dagster_port}/server_info") and _answers(f"http://127.0.0.1:{superset_port}/health")
            ),
            300,
            launcher,
            log,
            "both UIs answer",
        )
        started = time.monotonic()
        launcher.kill()
        took = _stopped_within(launcher, started)
    finally:
        for line in _session(launcher.pid):
            os.kill(int(line.split()[0]), signal.SIGKILL)
        launcher.wait(timeout=30)
    print(f"\nlauncher killed: the services stopped {took:.1f} s later")
    assert _session(launcher.pid) == [], log.read_text()[-3000:]
    assert took < STOP_WITHIN
    assert _port_is_free(dagster_port) and _port_is_free(superset_port)


def test_make_materialise_started_like_cron_stops_on_sigterm_and_frees_the_lock(tmp_path):
    """The first half of `make run`: the `dagster asset materialize` command, in the middle of a run."""
    env = _environment(tmp_path)
    lock = Path(env["MISSIEMONITOR_WAREHOUSE"] + ".lock")
    log = tmp_path / "make.log"
    make = _make("materialise", env, log, (signal.SIGINT, signal.SIGQUIT))
    try:
        _wait_until(lambda: _lock_is_held(lock), 300, make, log, "the materialisation holds the warehouse lock")
        started = time.monotonic()
        os.kill(make.pid, signal.SIGTERM)
        took = _stopped_within(make, started)
    finally:
        if make.poll() is None or _session(make.pid):
            os.killpg(make.pid, signal.SIGKILL)
            make.wait(timeout=30)
    print(f"\nmake materialise: everything stopped {took:.1f} s after SIGTERM")
    assert took < STOP_WITHIN, log.read_text()[-3000:]
    assert make.returncode != 0
    assert _session(make.pid) == []
    assert not _lock_is_held(lock) and _lock_can_be_taken(lock)


def test_superset_wachtwoord_says_why_it_failed(tmp_path):
    """Without provisioned metadata Flask-AppBuilder says "User admin not found." and exits with 0;
    the target must fail, show that reason and say what to do."""
    env = {**_environment(tmp_path), "MISSIEMONITOR_SUPERSET_PASSWORD": "een-nieuw-wachtwoord"}
    result = subprocess.run(
        ["make", "-o", "setup", "superset-wachtwoord"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Het wachtwoord van admin is NIET gewijzigd" in output
    assert "User admin not found." in output  # Superset's own words
    assert "Draai 'make provision' (of 'make run') met MISSIEMONITOR_SUPERSET_PASSWORD gezet" in output
    assert "een-nieuw-wachtwoord" not in output
