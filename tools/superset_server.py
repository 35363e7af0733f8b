"""A Superset of its own, provisioned from dashboards/bundle/ the way `make run` does it, in a
folder of the caller's: for the browser tests and the benchmark. Runs with the main Python; the
Superset commands run in Superset's own virtual environment (.venv-superset)."""

import json
import os
import signal
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dagster_project.serve import superset_command
from tools.local_server import answering, free_port

REPO_ROOT = Path(__file__).resolve().parent.parent
SUPERSET_BIN = REPO_ROOT / ".venv-superset" / "bin"
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google's hosts on this closed network.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class SupersetDidNotStart(RuntimeError):
    pass


def api_call(
    base: str, path: str, body: dict | None = None, token: str | None = None, method: str | None = None
) -> tuple[int, object]:
    """One JSON call to Superset's REST API; returns (HTTP status, parsed answer or error text)."""
    # A JSON content type only with a JSON body: Superset answers a GET that declares one without a
    # body with 400 (seen on /api/v1/chart/<id>/data/).
    headers = {
        **({"Content-Type": "application/json"} if body is not None else {}),
        **({"Authorization": f"Bearer {token}"} if token else {}),
    }
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode() if body is not None else None, headers=headers, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


@dataclass
class SupersetServer:
    base: str
    password: str
    env: dict[str, str]
    log: object

    def login(self) -> str:
        """A JWT access token for the admin, for the REST API."""
        status, answer = api_call(
            self.base,
            "/api/v1/security/login",
            {"username": "admin", "password": self.password, "provider": "db", "refresh": False},
        )
        if status != 200:
            raise RuntimeError(f"Inloggen bij Superset mislukt ({status}): {answer}")
        return answer["access_token"]

    def provision(self) -> None:
        """Import the bundle again (what `make provision` does a second time)."""
        subprocess.run(
            [str(SUPERSET_BIN / "python"), str(REPO_ROOT / "dashboards" / "provision.py")],
            env=self.env,
            cwd=REPO_ROOT,
            check=True,
            stdout=self.log,
            stderr=self.log,
            timeout=600,
        )


def _default_stop_signals() -> None:
    # Signal dispositions set to "ignore" are inherited through exec. A caller started in the
    # background by a non-interactive shell ignores SIGINT, and Dagster's in-process execution then
    # maps SIGTERM to that same "ignore" (dagster/_utils/interrupts.py); a Superset started from such
    # a process would ignore terminate() (seen: a test session's server still running afterwards).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def provisioned_superset(
    home: Path, serving: Path, password: str, log_path: Path, extra_env: dict[str, str] | None = None
) -> Iterator[SupersetServer]:
    """Metadata in `home`, the bundle imported against `serving`, a server on a free localhost port;
    `extra_env` sets more of the configuration (MISSIEMONITOR_PROFIEL, the metadata database, ...)."""
    env = {
        **os.environ,
        **(extra_env or {}),
        "SUPERSET_CONFIG_PATH": str(REPO_ROOT / "dashboards" / "superset_config.py"),
        "FLASK_APP": "superset",
        "MISSIEMONITOR_SUPERSET_HOME": str(home),
        "MISSIEMONITOR_SUPERSET_PASSWORD": password,
        "MISSIEMONITOR_SERVING": str(serving),
    }
    with open(log_path, "w") as log:
        for command in (["superset", "db", "upgrade"], ["superset", "init"]):
            subprocess.run(
                [str(SUPERSET_BIN / command[0]), *command[1:]],
                env=env,
                cwd=REPO_ROOT,
                check=True,
                stdout=log,
                stderr=log,
                timeout=600,
            )
        server = SupersetServer(base="", password=password, env=env, log=log)
        server.provision()
        port = free_port()
        server.base = f"http://127.0.0.1:{port}"

        def answers() -> bool:
            try:
                urllib.request.urlopen(server.base + "/health", timeout=5)
                return True
            except OSError:
                return False

        with answering(
            superset_command("127.0.0.1", port),  # the same server as `make run`
            answers,
            lambda: SupersetDidNotStart(f"Superset is niet gestart; zie {log_path}"),
            env=env,
            cwd=REPO_ROOT,
            stdout=log,
            stderr=log,
            preexec_fn=_default_stop_signals,
        ):
            yield server


@contextmanager
def browser_page(viewport: dict | None = None):
    """A page in Debian's Chromium driven by Playwright, not logged in."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser.new_page(viewport=viewport or {"width": 1600, "height": 1400})
        finally:
            browser.close()


@contextmanager
def logged_in_page(server: SupersetServer, viewport: dict | None = None):
    """A browser page logged in as the admin through the login form."""
    with browser_page(viewport) as page:
        page.goto(server.base + "/login/")
        page.locator("input#username").fill("admin")
        page.locator("input[type=password]").fill(server.password)
        page.locator("button[type=submit]").first.click()
        page.wait_for_url("**/superset/welcome/**", timeout=60_000)
        yield page


def wait_for_dashboard(page, base: str, slug: str, charts: int | None = None) -> None:
    """Open a dashboard and wait until its charts (`charts` of them, if given) have finished loading
    and stayed so for a moment; returns at the timeout too, so the caller can say what it saw."""
    page.goto(f"{base}/superset/dashboard/{slug}/", wait_until="networkidle", timeout=60_000)
    settled = (
        "(n) => { const h = document.querySelectorAll('.dashboard-component-chart-holder').length;"
        " const busy = document.querySelectorAll('.dashboard-component-chart-holder .loading, "
        '[data-test="loading-indicator"]\').length;'
        " return busy === 0 && (n === null ? h > 0 : h === n); }"
    )
    # Twice, 1.5 s apart, and with the expected count: CI once counted no charts on a dashboard
    # right after a looser wait had seen them loaded (not reproduced here in 100+ loads).
    for _ in range(2):
        try:
            page.wait_for_function(settled, arg=charts, timeout=60_000)
        except Exception:
            return
        page.wait_for_timeout(1500)
