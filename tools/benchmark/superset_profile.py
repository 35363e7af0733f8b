"""Where Superset's workers spend their time under load: py-spy samples every gunicorn process while
the readers run, and the stacks are summed per function (inclusive: the share of samples in which the
function was on the stack) into docs/benchmark/profiel_superset.txt."""

import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from tools.benchmark.query_latency import concurrent_readers, descendants

PY_SPY = Path(sys.executable).parent / "py-spy"
RATE = 50  # samples a second per process: enough for shares, little load


def gunicorn_master(pid: int) -> int | None:
    """The gunicorn process among `pid`'s descendants whose parent is not gunicorn itself."""
    for child in descendants(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
            parent = int(Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[1])
            parent_command = Path(f"/proc/{parent}/cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if b"gunicorn" in command and b"gunicorn" not in parent_command:
            return child
    return None


def summarise(collapsed: str, top: int = 40) -> tuple[int, list[tuple[str, int]], list[tuple[str, int]]]:
    """From py-spy's raw (collapsed) stacks: the sample count, and the functions with the most samples
    on the stack (inclusive) and at the top of it (self)."""
    inclusive, own, total = Counter(), Counter(), 0
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [f for f in stack.split(";") if f and not f.startswith("process ") and not f.startswith("thread ")]
        total += int(count)
        for frame in set(frames):
            inclusive[frame] += int(count)
        if frames:
            own[frames[-1]] += int(count)
    return total, inclusive.most_common(top), own.most_common(top // 2)


def profile_under_load(server, token, queries, readers: int, seconds: float, out: Path) -> str | None:
    """One more load run (not counted in the figures) with py-spy recording; the summary's path, or
    None when py-spy or the server's processes cannot be found."""
    master = gunicorn_master(os.getpid())
    if not PY_SPY.exists() or master is None:
        return None
    raw = out.with_suffix(".raw")
    command = [str(PY_SPY), "record", "--pid", str(master), "--subprocesses", "--nonblocking", "--rate", str(RATE)]
    command += ["--duration", str(int(seconds)), "--format", "raw", "--output", str(raw)]
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    threading.Event().wait(1.0)  # py-spy attaching to the workers
    load = concurrent_readers(server, token, queries, readers, seconds)
    _, problem = spy.communicate(timeout=seconds + 60)
    if not raw.exists():
        print(f"py-spy schreef geen profiel: {problem.decode(errors='replace')[-300:]}", file=sys.stderr)
        return None
    total, inclusive, own = summarise(raw.read_text())
    raw.unlink()
    lines = [
        f"py-spy ({RATE} samples a second per process, --nonblocking) on Superset's gunicorn master and workers "
        f"while {readers} readers requested the dashboards' chart queries for {seconds:.0f} s with the cache warm "
        f"({load['requests']} requests, {load['requests_per_s']:.1f}/s, p95 {load['p95_ms']:.0f} ms; this run is "
        f"not counted in the result). {total} samples of threads at work (idle threads are not sampled).",
        "",
        "Inclusive: share of samples with the function on the stack",
        *[f"{100 * n / total:5.1f} %  {frame}" for frame, n in inclusive],
        "",
        "Self: share of samples with the function at the top of the stack",
        *[f"{100 * n / total:5.1f} %  {frame}" for frame, n in own],
    ]
    out.write_text("\n".join(lines) + "\n")
    return str(out.relative_to(Path(__file__).resolve().parents[2]))
