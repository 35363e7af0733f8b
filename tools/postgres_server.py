"""A PostgreSQL of its own in a temporary folder, for the tests of the PostgreSQL profile
(docs/productie-postgresql.md): Debian's server binaries (`make postgres` installs them), `initdb` and
`pg_ctl` in a fresh folder, a free localhost port, stopped and removed at exit. Runs with the main
Python, stdlib only.

PostgreSQL refuses to run as root. As root (CI, this machine) the server runs as the `postgres`
system user that Debian's package creates (or `nobody` without it), in a folder handed to that user;
otherwise as the caller.
"""

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.local_server import free_port

DEBIAN_ROOT = Path("/usr/lib/postgresql")


class PostgresNotInstalled(RuntimeError):
    pass


def postgres_bin() -> Path:
    """The bin folder of the newest PostgreSQL Debian installed (/usr/lib/postgresql/<version>/bin)."""
    found = sorted(
        (p for p in DEBIAN_ROOT.glob("*/bin") if (p / "initdb").exists() and p.parent.name.isdigit()),
        key=lambda p: int(p.parent.name),
    )
    if not found:
        raise PostgresNotInstalled(f"Geen PostgreSQL gevonden onder {DEBIAN_ROOT}; installeer het met `make postgres`.")
    return found[-1]


def _server_user() -> pwd.struct_passwd | None:
    """Whom the server runs as: None for the caller, a system user when the caller is root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("Als root draait PostgreSQL onder een andere gebruiker, maar postgres noch nobody bestaat.")


@contextmanager
def postgres_server(durable: bool = False) -> Iterator[str]:
    """Initialise and start a PostgreSQL; yields the URL of its `postgres` database as the superuser
    `postgres` (postgresql://postgres@127.0.0.1:<port>/postgres, trust authentication on localhost
    only). durable=False turns off fsync and synchronous commit: faster, and fine for a throwaway."""
    bin_dir = postgres_bin()
    user = _server_user()
    run_as = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}
    # mkdtemp makes a 0700 folder in the system's temp folder (so every parent is searchable by
    # the server's user); the folder is handed to that user.
    root = Path(tempfile.mkdtemp(prefix="missiemonitor-pg-"))
    data, log = root / "data", root / "postgres.log"
    if user:
        os.chown(root, user.pw_uid, user.pw_gid)
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"}

    def pg(*args: str, timeout: int = 120) -> None:
        result = subprocess.run(
            [str(bin_dir / args[0]), *args[1:]],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            **run_as,
        )
        if result.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} mislukt ({result.returncode}): {result.stderr.strip()}\n{tail}")

    port = free_port()
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {root}"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    started = False
    try:
        pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-instructions")
        pg("pg_ctl", "start", "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options)
        started = True
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        try:
            if started:
                pg("pg_ctl", "stop", "-D", str(data), "-m", "fast", "-w", "-t", "60")
        finally:
            shutil.rmtree(root, ignore_errors=True)


def database_url(server_url: str, database: str) -> str:
    """The URL of another database on the same server."""
    return server_url.rsplit("/", 1)[0] + "/" + database


if __name__ == "__main__":
    # A quick check by hand: start, ask the version, stop.
    with postgres_server() as url:
        out = subprocess.run(
            [str(postgres_bin() / "psql"), url, "-Atc", "select version()"], capture_output=True, text=True, check=True
        )
        print(url, "->", out.stdout.strip())
