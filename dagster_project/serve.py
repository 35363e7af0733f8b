"""Serve the UIs of `make run` (the `serve` step): Superset and `dagster dev`, stoppable by a signal.

    .venv/bin/python -m dagster_project.serve --dagster-port 3000 --superset-port 8088 --superset-log .superset/superset.log

Ctrl-C, SIGTERM (systemd, `kill`, make passing on its own SIGTERM) or SIGHUP stop both services,
however this process was started. A process started in the background by a non-interactive shell
(cron, a script with `&`) inherits SIGINT as "ignored", and an ignored signal stays ignored through
exec; `dagster dev` then also ignores SIGTERM, because it maps SIGTERM to whatever SIGINT does
(dagster/_utils/interrupts.py). So this launcher installs its own handlers (the children start with
the default dispositions: handlers, unlike "ignore", are reset by exec), starts each service in a
process group of its own, and on a stop signal sends SIGTERM to both groups (which include Dagster's
webserver, daemon, code server and a running materialisation, whose warehouse lock goes with it),
waits up to --stop-timeout seconds and then kills what is left with SIGKILL. It exits by the signal
it received, so the caller (make, systemd) sees the stop it asked for; if a service ends by itself,
the other is stopped too and the exit code is 1. Should the launcher itself be killed outright
(SIGKILL), both services get SIGTERM from the kernel (PR_SET_PDEATHSIG) and stop as well.
"""

import argparse
import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DAGSTER = Path(sys.executable).parent / "dagster"
GUNICORN = REPO_ROOT / ".venv-superset" / "bin" / "gunicorn"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
LIBC = ctypes.CDLL(None, use_errno=True)  # loaded here, not between fork and exec


def superset_command(host: str, port: int) -> list[str]:
    """Superset served by gunicorn, as Superset's documentation says to run it anywhere but a developer's
    shell (`superset run` is Flask's development server: one process, ~8 chart requests a second
    under 20 readers in the benchmark). Threads rather than more processes: each worker holds its own
    DuckDB instance per publication and its own copy of Superset (~300 MB). Sized for the machine;
    MISSIEMONITOR_SUPERSET_WORKERS and MISSIEMONITOR_SUPERSET_THREADS override."""
    workers = int(os.environ.get("MISSIEMONITOR_SUPERSET_WORKERS") or min(4, (os.cpu_count() or 1) + 1))
    threads = int(os.environ.get("MISSIEMONITOR_SUPERSET_THREADS") or 8)
    return [
        str(GUNICORN),
        *("--bind", f"{host}:{port}", "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads)),
        *("--timeout", "120", "--graceful-timeout", "10", "--limit-request-line", "0", "--limit-request-field_size", "0"),
        "superset.app:create_app()",
    ]


def say(message: str, error: bool = False) -> None:
    """A message that can never stand in the way of stopping: the terminal or pipe may be gone."""
    try:
        print(message, file=sys.stderr if error else sys.stdout, flush=True)
    except (OSError, ValueError):
        pass


def _follow_the_launcher(launcher: int):
    """preexec_fn: SIGTERM to the service when the launcher dies, also by SIGKILL (Linux)."""

    def preexec() -> None:
        LIBC.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() != launcher:  # died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec


def group_members(pgids: set[int]) -> list[int]:
    """Live (not zombie) processes in these process groups, from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses
        state, _ppid, pgrp = stat[stat.rindex(")") + 2 :].split()[:3]
        if int(pgrp) in pgids and state != "Z":
            members.append(int(entry.name))
    return members


def _signal_groups(pgids: set[int], signo: int) -> None:
    for pgid in pgids:
        try:
            os.killpg(pgid, signo)
        except ProcessLookupError:
            pass


def stop(services: dict[str, subprocess.Popen], timeout: float) -> None:
    """SIGTERM to every process of the services' groups; SIGKILL to what is left after `timeout`."""
    pgids = {process.pid for process in services.values()}
    _signal_groups(pgids, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in services.values():
            process.poll()  # reap the group leaders
        if not group_members(pgids):
            return
        time.sleep(0.2)
    left = group_members(pgids)
    say(f"==> Na {timeout:.0f} s nog {len(left)} proces(sen) actief; die worden nu afgebroken (SIGKILL).")
    _signal_groups(pgids, signal.SIGKILL)
    for process in services.values():
        process.wait()
    deadline = time.monotonic() + 10
    while group_members(pgids) and time.monotonic() < deadline:
        time.sleep(0.1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--dagster-port", type=int, default=3000)
    parser.add_argument("--superset-port", type=int, default=8088)
    parser.add_argument("--superset-log", type=Path, default=REPO_ROOT / ".superset" / "superset.log")
    parser.add_argument(
        "--stop-timeout",
        type=float,
        default=20.0,
        help="seconds the services get to stop after SIGTERM before SIGKILL (default 20)",
    )
    args = parser.parse_args(argv)

    received: list[int] = []

    def on_stop_signal(signo, _frame):
        received.append(signo)

    for signo in STOP_SIGNALS:
        # SIGHUP stays ignored under nohup; SIGINT and SIGTERM always stop the services.
        if signo != signal.SIGHUP or signal.getsignal(signo) != signal.SIG_IGN:
            signal.signal(signo, on_stop_signal)

    args.superset_log.parent.mkdir(parents=True, exist_ok=True)
    services: dict[str, subprocess.Popen] = {}
    started = time.monotonic()
    with open(args.superset_log, "ab") as superset_log:
        commands = {
            "Superset": (superset_command(args.host, args.superset_port), superset_log),
            "Dagster": (
                [str(DAGSTER), "dev", "-m", "dagster_project.definitions", "-h", args.host, "-p", str(args.dagster_port)],
                None,
            ),
        }
        try:
            for name, (command, output) in commands.items():
                if received:
                    break
                # process_group=0: a group of its own, so a stop reaches all of the service's processes
                # and a Ctrl-C in the terminal reaches only this launcher, which stops both in order.
                services[name] = subprocess.Popen(
                    command,
                    cwd=REPO_ROOT,
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT if output else None,
                    process_group=0,
                    preexec_fn=_follow_the_launcher(os.getpid()),
                )
            ended = None
            while not received and ended is None:
                ended = next((name for name, process in services.items() if process.poll() is not None), None)
                time.sleep(0.2)
        finally:
            if received:
                say(f"\n==> {signal.Signals(received[0]).name} ontvangen: Superset en Dagster stoppen")
            stopping = time.monotonic()
            stop(services, args.stop_timeout)
    if received:
        say(f"==> Gestopt in {time.monotonic() - stopping:.1f} s.")
        # Die by the same signal, as a program without handlers would: make and systemd see a stop.
        signal.signal(received[0], signal.SIG_DFL)
        os.kill(os.getpid(), received[0])
        return 128 + received[0]
    code = services[ended].returncode
    log = f"; zie {args.superset_log}" if ended == "Superset" else ""
    say(
        f"==> {ended} is gestopt (code {code}) na {time.monotonic() - started:.0f} s{log}; de andere dienst is ook gestopt.",
        error=True,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
