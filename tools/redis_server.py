"""A Redis of its own in a temporary folder, for the test of several Superset instances sharing one
chart-data cache (docs/productie.md): Debian's `redis-server` (`make redis` installs it), a free
localhost port, nothing written to disk, stopped at exit. Stdlib only."""

import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.local_server import answering, free_port

REDIS_SERVER = "/usr/bin/redis-server"


class RedisNotInstalled(RuntimeError):
    pass


def _ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def keys(url: str, pattern: str = "*") -> list[str]:
    """The keys in the Redis at `url` (redis://127.0.0.1:<port>/0), by its own command line client."""
    port = url.rsplit(":", 1)[1].split("/")[0]
    done = subprocess.run(
        ["redis-cli", "-p", port, "--raw", "keys", pattern], capture_output=True, text=True, check=True, timeout=30
    )
    return [line for line in done.stdout.splitlines() if line]


@contextmanager
def redis_server() -> Iterator[str]:
    """Start a Redis; yields its URL (redis://127.0.0.1:<port>/0)."""
    if not Path(REDIS_SERVER).exists():
        raise RedisNotInstalled(f"{REDIS_SERVER} ontbreekt; installeer het met `make redis`.")
    folder = Path(tempfile.mkdtemp(prefix="missiemonitor-redis-"))
    port = free_port()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--dir", str(folder), "--logfile", str(folder / "redis.log")]
    log = folder / "redis.log"

    def failed() -> Exception:
        return RuntimeError(f"Redis is niet gestart: {log.read_text(errors='replace')[-1000:] if log.exists() else ''}")

    try:
        with answering(command, lambda: _ping(port), failed, timeout=30, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT):
            yield f"redis://127.0.0.1:{port}/0"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
