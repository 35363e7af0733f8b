"""Starting a server of the tests' and the benchmark's own on this machine: a free localhost port, and
a process started, waited for until it answers, and stopped at exit. Stdlib only."""

import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def answering(
    command: list[str], ready: Callable[[], bool], failed: Callable[[], Exception], timeout: float = 120, **popen
) -> Iterator[subprocess.Popen]:
    """Start `command` (Popen keywords in `popen`) and wait until `ready()`; `failed()` is raised when the
    process ends or `timeout` seconds pass first. Stopped with SIGTERM (SIGKILL after 30 s) at exit."""
    process = subprocess.Popen(command, **popen)
    try:
        deadline = time.monotonic() + timeout
        while not ready():
            if process.poll() is not None or time.monotonic() > deadline:
                raise failed()
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
