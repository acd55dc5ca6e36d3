"""Browser tests: one production build of the app per session, one Chromium, a fresh context per test.

The server runs against its own freshly migrated and seeded SQLite file. A test fails when the
server logs a traceback or an ERROR line while it runs, or when the page logs a console error.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from tests.notify_helpers import MailServer

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("STAFETT_CHROMIUM", "/usr/bin/chromium")
# Every new window preloads the address bar's WebUI popups in a renderer of their own, which a
# headless test never opens (a quarter of the CPU in three test files, 9 % of the whole browser run).
UNUSED_WINDOW_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup")
# Chromium obeys only the last --disable-features, so Playwright's own list (its chromiumSwitches)
# comes again with ours; tests/browser/test_chromium_setup.py checks it against the installed Playwright.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + UNUSED_WINDOW_FEATURES),
]
START_TIMEOUT = 240  # seconds for compile + production build + start
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "tablet": {"width": 820, "height": 1180},
    "desktop": {"width": 1440, "height": 900},  # only where a test asks for it: parametrize "viewport"
}
DEFAULT_VIEWPORTS = ("phone", "tablet")
SIZES = VIEWPORTS  # the name the leader's tests use

# Server log lines that make a test fail.
SERVER_ERROR = re.compile(r"Traceback|\bERROR\b")
# Browser console errors that are not the app's fault (the missing favicon).
IGNORED_CONSOLE = ("Failed to load resource: the server responded with a status of 404",)


@pytest.hookimpl(tryfirst=True)  # before `-m "not browser"` deselects by marker
def pytest_collection_modifyitems(config, items):
    """Every test here is a browser test (it needs Chromium and an app server), marked or not; and
    they run last. Playwright's sync API keeps an asyncio loop running in the main thread until the
    session ends, which breaks pytest-asyncio tests that would run after it."""
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(str(item.path)).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if browser_items:
        items[:] = [item for item in items if item not in browser_items] + browser_items


def _reflex_env(db_url: str, mail: MailServer | None = None) -> dict[str, str]:
    """What scripts/env.sh sets, plus the test database, and notices sent every second: e-mail to
    `mail` (none without it), Web Push also to push services on this machine."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("STAFETT_SMTP_")}
    tools = [PROJECT_ROOT / ".tools" / "node_modules" / ".bin", PROJECT_ROOT / ".venv" / "bin"]
    env["PATH"] = os.pathsep.join([*map(str, tools), env.get("PATH", "")])
    env.update(
        REFLEX_USE_SYSTEM_BUN="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        STAFETT_DB_URL=db_url,
        STAFETT_DEMO_MODE="1",
        STAFETT_NOTIFY_INTERVAL="1",
        STAFETT_PUSH_ALLOW_LOCAL="1",
        # The administrator stores identity numbers; a test key unless the environment has one.
        STAFETT_IDENTITY_KEY=os.environ.get("STAFETT_IDENTITY_KEY") or "browser-test-identity-key-0123456789abcdef",
        PYTHONUNBUFFERED="1",
    )
    env.update(mail.env() if mail else {})
    for name in ("STAFETT_OIDC_ISSUER", "REFLEX_REDIS_URL"):  # demo sign-in only works without a real IdP
        env.pop(name, None)
    return env


def _free_port() -> int:
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port != 3000:
            return port


def _python() -> str:
    venv_python = PROJECT_ROOT / ".venv" / "bin" / "python"
    return str(venv_python) if venv_python.exists() else "python"


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and everything it started (bun, workers): its whole process group."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=8)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@dataclass
class AppServer:
    url: str
    log_path: Path
    process: subprocess.Popen
    db_url: str
    log_file: object = None

    def log_size(self) -> int:
        return self.log_path.stat().st_size

    def log_since(self, offset: int) -> str:
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", errors="replace")


# A second server (production mode, a configured identity provider) runs from its own copy: Reflex
# builds the frontend into the project's .web with the server's port baked in, so two servers from
# one folder would send the first one's pages to the second one's socket.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".web", ".venv", ".tools", ".states", "test-artifacts", "*.db", "__pycache__", ".pytest_cache", "var"
)


def copy_of_the_app(workdir: Path) -> Path:
    """The project copied into workdir/app (the virtualenv and tools shared), for a second server."""
    app_dir = workdir / "app"
    shutil.copytree(PROJECT_ROOT, app_dir, ignore=NOT_COPIED)
    for shared in (".venv", ".tools"):
        (app_dir / shared).symlink_to(PROJECT_ROOT / shared)
    return app_dir


def start_app_server(cwd: Path, env: dict[str, str], workdir: Path, port: int | None = None) -> AppServer:
    """Migrate and seed env's database, then run the production build from `cwd` (on `port`, or a free one)."""
    log_path = workdir / "server.log"
    seeded = subprocess.run(
        [_python(), "-m", "stafett_app.seed"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if seeded.returncode != 0:
        pytest.fail(
            f"Could not migrate and seed {env['STAFETT_DB_URL']}:\n{seeded.stdout}\n{seeded.stderr}", pytrace=False
        )

    port = port or _free_port()
    # The app accepts its socket and CORS only from its own origins: add the one it has here.
    env = {**env, "STAFETT_ALLOWED_ORIGINS": f"http://127.0.0.1:{port}"}
    command = ["reflex", "run", "--env", "prod", "--single-port"]
    command += ["--frontend-port", str(port), "--backend-port", str(port)]
    log_file = log_path.open("wb")
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so teardown stops bun and the workers too
    )
    server = AppServer(url=f"http://127.0.0.1:{port}", log_path=log_path, process=process, db_url=env["STAFETT_DB_URL"])
    server.log_file = log_file
    try:
        _wait_for_ping(server)
        if SERVER_ERROR.search(server.log_since(0)):
            raise RuntimeError("the server logged an error while starting")
    except Exception as problem:  # noqa: BLE001 - whatever failed, stop the server and say why
        _stop(process)
        log_file.close()
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copyfile(log_path, ARTIFACTS / f"server-{workdir.name}.log")
        # A failing session fixture is cached: every browser test errors at once, other tests still run.
        pytest.fail(f"The app server did not start ({problem}). Log:\n{server.log_since(0)[-4000:]}", pytrace=False)
    return server


def stop_app_server(request, server: AppServer, workdir: Path) -> None:
    _stop(server.process)
    server.log_file.close()
    if request.session.testsfailed:
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copyfile(server.log_path, ARTIFACTS / f"server-{workdir.name}.log")
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def mail_server() -> Iterator[MailServer]:
    """A real SMTP server on this machine; the app server sends its notice e-mails here."""
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app_server(request, mail_server) -> Iterator[AppServer]:
    """The embedded default a newcomer gets: SQLite and Reflex's local state manager."""
    workdir = Path(tempfile.mkdtemp(prefix="stafett-browser-"))
    server = start_app_server(PROJECT_ROOT, _reflex_env(f"sqlite:///{workdir / 'stafett.db'}", mail_server), workdir)
    yield server
    stop_app_server(request, server, workdir)


def _wait_for_ping(server: AppServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"reflex exited with code {server.process.returncode}")
        try:
            with urllib.request.urlopen(f"{server.url}/ping", timeout=2) as response:
                if b"pong" in response.read():
                    break
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(1)
    else:
        raise RuntimeError(f"no pong from {server.url}/ping within {START_TIMEOUT} s")
    # The backend answers /ping before the frontend files are served in some start orders.
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{server.url}/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(1)
    raise RuntimeError(f"{server.url}/ did not answer within {START_TIMEOUT} s")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(DEFAULT_VIEWPORTS))
def viewport(request) -> str:
    """The screen size by name. Parametrize indirectly with ["phone"] to run at one size only."""
    return request.param


@dataclass
class Watch:
    """What a test's page and the server said while the test ran."""

    server: AppServer
    log_offset: int
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not any(ignored in message.text for ignored in IGNORED_CONSOLE):
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def problems(self) -> list[str]:
        time.sleep(0.3)  # let the server flush what the last event logged
        server_log = self.server.log_since(self.log_offset)
        found = []
        if any(SERVER_ERROR.search(line) for line in server_log.splitlines()):
            found.append("The server logged errors during the test:\n" + server_log[-6000:])
        if self.console_errors:
            found.append("Browser console errors:\n" + "\n".join(self.console_errors))
        if self.page_errors:
            found.append("Uncaught page errors:\n" + "\n".join(self.page_errors))
        return found


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a browser test's own assertions, fail it when the app logged an error meanwhile."""
    watch: Watch | None = getattr(item, "stafett_watch", None)
    try:
        result = yield
    except BaseException:
        if watch is not None:
            for problem in watch.problems():
                item.add_report_section("call", "app errors", problem)
        raise
    if watch is not None and (problems := watch.problems()):
        pytest.fail("\n\n".join(problems), pytrace=False)
    return result


def new_context(browser: Browser, server: AppServer, viewport: str) -> BrowserContext:
    context = browser.new_context(
        base_url=server.url, viewport=SIZES[viewport], locale="nb-NO", timezone_id="Europe/Oslo"
    )
    context.set_default_timeout(15_000)
    context.set_default_navigation_timeout(30_000)
    return context


@contextmanager
def watched_page(request, browser: Browser, server: AppServer, viewport: str) -> Iterator[Page]:
    """A page in a fresh context; the test fails on what the server or the page logs as an error."""
    context = new_context(browser, server, viewport)
    watch = Watch(server=server, log_offset=server.log_size())
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    request.node.stafett_watch = watch
    try:
        yield page
    finally:
        call_report = getattr(request.node, "rep_call", None)
        if call_report is not None and call_report.failed:
            _screenshot(page, request.node.nodeid)
        context.close()


@pytest.fixture
def page(request, browser: Browser, app_server: AppServer, viewport: str) -> Iterator[Page]:
    with watched_page(request, browser, app_server, viewport) as page:
        yield page


def _screenshot(page: Page, nodeid: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1]).strip("_")
    # The page may be gone; the test's own failure is what matters.
    with suppress(Exception):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
