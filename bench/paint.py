"""Time to main content on a throttled phone, Stafett side by side with the bare Reflex counter
(bench/counter_app), and Lighthouse's mobile scores (issue 12, "Paint").

Both apps run in production mode with their built pages (bench/load.py's `running`), each from its own
copy; Stafett on the demo data (stafett_app.seed). Debian's Chromium, driven by playwright, loads each
page cold (a fresh context: no HTTP cache, no service worker) on a phone profile: 150 ms RTT,
1.6 Mbit/s down, 750 kbit/s up, the CPU 4x slower. "Main content" is the moment an element with text
is laid out: the counter's heading (its count); Stafett's sign-in heading, the family page's heading
(shown once the log has loaded) and the plan page's tabs. Signed-in pages get the session cookie in
the context (a session made as the demo sign-in makes it). Prints the medians: counter | Stafett | ratio.

Lighthouse 12 (Node 20; installed into .tools on first use) runs its mobile default (simulated
throttling) against the same servers: performance, accessibility and best practices.

    .venv/bin/python -m bench.paint                 # both, 5 cold loads a page and Lighthouse: about 3 min at load 5
    .venv/bin/python -m bench.paint --no-lighthouse --runs 3
    .venv/bin/python -m bench.paint --requests      # also what each Stafett page fetched, and when
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import create_engine, select
from sqlmodel import Session

from bench.load import COUNTER_APP, PYTHON, ROOT, Server, _app_env, _free_port, _report_problems, _row, _sessions
from bench.load import running as running_app
from bench.municipality_data import DemoLog
from stafett_app.domain.roles import LogRole
from stafett_app.models import Participant

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-component-update"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
NETWORK = {
    "offline": False,
    "latency": 150,  # ms, round trip
    "downloadThroughput": 1_600_000 / 8,  # bytes/s
    "uploadThroughput": 750_000 / 8,
}
CPU_SLOWDOWN = 4
LOAD_TIMEOUT_MS = 120_000
LIGHTHOUSE_VERSION = "12.8.2"  # 13 needs Node 22; 12.x runs on Node 20 (engines: node >= 18.16)
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices")
LIGHTHOUSE_METRICS = (
    ("FCP", "first-contentful-paint"),
    ("LCP", "largest-contentful-paint"),
    ("TBT", "total-blocking-time"),
    ("CLS", "cumulative-layout-shift"),
    ("SI", "speed-index"),
)
LOG_ID = 1  # the demo's first log (stafett_app.seed), as in the issue

# Records when the element first has a box and text, checked every frame from the first one on.
SHOWN_SCRIPT = """
(() => {
  const selector = %s;
  const shown = () => {
    const el = document.querySelector(selector);
    if (!el || !(el.textContent || "").trim()) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const tick = () => { if (shown()) window.__mainShown = performance.now(); else requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();
"""
FCP = "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || -1"


@dataclass
class Target:
    label: str
    server: Server
    path: str
    main: str  # CSS selector of the main content
    cookie: str = ""  # name=value

    @property
    def url(self) -> str:
        return f"{self.server.url}{self.path}"


@dataclass
class Load:
    main_ms: float
    fcp_ms: float
    kib: float  # transferred over HTTP until the main content showed
    requests: list[tuple[float, float, int, str]] = field(default_factory=list)  # start, end ms, bytes, url


def cold_load(browser: Browser, target: Target) -> Load:
    """One visit with nothing cached, as from a link in an e-mail on a phone."""
    context = browser.new_context(**PHONE)
    try:
        if target.cookie:
            name, _, value = target.cookie.partition("=")
            context.add_cookies([{"name": name, "value": value, "url": target.server.url}])
        context.add_init_script(SHOWN_SCRIPT % json.dumps(target.main))
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        started: dict[str, tuple[float, str]] = {}
        done: list[tuple[float, float, int, str]] = []
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: started.__setitem__(e["requestId"], (e["timestamp"], e["request"]["url"])),
        )

        def finished(e: dict) -> None:
            if e["requestId"] in started:
                begin, url = started[e["requestId"]]
                done.append((begin, e["timestamp"], e["encodedDataLength"], url))

        cdp.on("Network.loadingFinished", finished)
        frames: list[tuple[float, int]] = []  # the socket's messages in: when, how big
        cdp.on(
            "Network.webSocketFrameReceived",
            lambda e: frames.append((e["timestamp"], len(e["response"]["payloadData"]))),
        )
        opened: list[float] = []  # when the socket's handshake went out
        cdp.on("Network.webSocketWillSendHandshakeRequest", lambda e: opened.append(e["timestamp"]))
        page.goto(target.url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function("window.__mainShown !== undefined", timeout=LOAD_TIMEOUT_MS, polling=100)
        main_ms = page.evaluate("window.__mainShown")
        with suppress(PlaywrightError):  # the paint entry comes a moment after the paint itself
            page.wait_for_function(f"{FCP} > 0", timeout=5_000)
        fcp_ms = page.evaluate(FCP)
        # Request times count from the page's own request, near enough the page's clock (navigation).
        first = min((r[0] for r in done), default=0.0)
        requests = sorted(((s - first) * 1000, (e - first) * 1000, n, u) for s, e, n, u in done)
        before = sum(n for _, end, n, _ in requests if end <= main_ms)
        requests += [((t - first) * 1000, (t - first) * 1000, n, "(websocket message)") for t, n in frames]
        requests += [((t - first) * 1000, (t - first) * 1000, 0, "(websocket handshake sent)") for t in opened]
        requests.sort()
        return Load(main_ms, fcp_ms, before / 1024, requests)
    finally:
        context.close()


def measure(targets: list[Target], runs: int) -> dict[str, list[Load]]:
    """`runs` cold loads of every target, in turns (a busy moment of the machine hits each alike)."""
    loads: dict[str, list[Load]] = {t.label: [] for t in targets}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for target in targets:  # a first load each, not counted: every server compiles and caches its pages
            cold_load(browser, target)
        for run in range(runs):
            for target in targets:
                loads[target.label].append(cold_load(browser, target))
            print(
                f"  run {run + 1}/{runs}: " + ", ".join(f"{k} {v[-1].main_ms:.0f}" for k, v in loads.items()),
                flush=True,
            )
        browser.close()
    return loads


# --- Lighthouse -------------------------------------------------------------------------------------


def lighthouse_bin() -> Path:
    """Lighthouse in the project's .tools (as scripts/setup.sh installs npm tools), installed on first use."""
    package = ROOT / ".tools" / "node_modules" / "lighthouse" / "package.json"
    if not package.exists() or json.loads(package.read_text())["version"] != LIGHTHOUSE_VERSION:
        subprocess.run(  # noqa: S603 - a fixed command
            ["npm", "install", "--silent", "--prefix", str(ROOT / ".tools"), f"lighthouse@{LIGHTHOUSE_VERSION}"],  # noqa: S607
            check=True,
        )
    return ROOT / ".tools" / "node_modules" / ".bin" / "lighthouse"


def lighthouse(target: Target, workdir: Path, tries: int = 3) -> dict[str, Any]:
    """Lighthouse's mobile default (it throttles by itself) on one page: the three scores, 0-100, and
    the metrics behind performance. On a busy machine Chrome's trace now and then misses the start
    (NO_NAVSTART): then it runs again."""
    report = workdir / f"lighthouse-{target.label}.json"
    command = [
        str(lighthouse_bin()),
        target.url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    if target.cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': target.cookie})}")
    for attempt in range(tries):
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False, timeout=600)  # noqa: S603
        if done.returncode == 0:
            break
        if attempt == tries - 1:
            raise RuntimeError(f"Lighthouse failed {tries} times on {target.url}")
    found = json.loads(report.read_text())
    scores: dict[str, Any] = {
        name: round((found["categories"][name]["score"] or 0) * 100) for name in LIGHTHOUSE_CATEGORIES
    }
    scores["metrics"] = ", ".join(
        f"{label} {found['audits'][audit].get('displayValue', '-')}".replace("\xa0", " ")
        for label, audit in LIGHTHOUSE_METRICS
    )
    return scores


# --- the run ----------------------------------------------------------------------------------------


def _seeded(env: dict[str, str]) -> str:
    """A database with the demo data (migrated and seeded as `make run` does); returns its URL."""
    subprocess.run([PYTHON, "-m", "stafett_app.seed"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)  # noqa: S603
    return env["STAFETT_DB_URL"]


def _demo_log(db_url: str, log_id: int) -> DemoLog:
    """The demo log's holder, guardian and child (the first of each)."""
    engine = create_engine(db_url)
    with Session(engine) as session:
        rows = session.execute(
            select(Participant.role, Participant.person_id).where(Participant.log_id == log_id).order_by(Participant.id)
        ).all()
    engine.dispose()
    first: dict[LogRole, int] = {}
    for role, person_id in rows:
        first.setdefault(role, person_id)
    return DemoLog(log_id, first[LogRole.HOLDER], first[LogRole.GUARDIAN], first[LogRole.OWNER])


def _median(loads: list[Load], what: Callable[[Load], float]) -> float:
    return statistics.median(what(load) for load in loads)


def _print(counter: list[Load], pages: dict[str, list[Load]], runs: int) -> None:
    print()
    print(
        f"phone profile: {NETWORK['latency']} ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU x{CPU_SLOWDOWN}; "
        f"cold loads, median of {runs}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(_row("what", "counter", "Stafett", "ratio"))
    print(_row("-" * 44, "-" * 12, "-" * 16, "-" * 10))
    for label, what, unit in (
        ("main content, ms", lambda load: load.main_ms, "{:.0f}"),
        ("first contentful paint, ms", lambda load: load.fcp_ms, "{:.0f}"),
        ("KiB over HTTP before main content", lambda load: load.kib, "{:.0f}"),
    ):
        base = _median(counter, what)
        for page, loads in pages.items():
            mine = _median(loads, what)
            ratio = f"{mine / base:.2f}x" if base > 0 else "-"
            print(_row(f"{label} ({page})", unit.format(base), unit.format(mine), ratio))


def _print_requests(label: str, load: Load) -> None:
    print(f"\n{label}: requests of one cold load (ms from the first; main content at {load.main_ms:.0f})")
    for begin, end, size, url in load.requests:
        print(f"  {begin:7.0f} {end:7.0f} {size / 1024:7.1f} KiB  {url[:110]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="cold loads per page (the median is shown)")
    parser.add_argument("--no-lighthouse", dest="lighthouse", action="store_false")
    parser.add_argument("--no-paint", dest="paint", action="store_false", help="Lighthouse only")
    parser.add_argument("--requests", action="store_true", help="list each Stafett page's requests")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on kill

    started = time.perf_counter()
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="stafett-paint-")))
        c_port, s_port = _free_port(), _free_port()
        s_env = _app_env(f"sqlite:///{workdir / 'stafett.db'}", s_port, 1, "")
        db_url = _seeded(s_env)
        demo = _demo_log(db_url, LOG_ID)
        tokens, _leader = _sessions(db_url, [demo])
        counter = stack.enter_context(
            running_app("counter", COUNTER_APP, workdir, _app_env(db_url, c_port, 1, ""), c_port, frontend=True)
        )
        stafett = stack.enter_context(running_app("stafett", ROOT, workdir, s_env, s_port, frontend=True))
        print(f"servers up in {time.perf_counter() - started:.0f} s", flush=True)
        from stafett_app.settings import get_settings

        cookie = get_settings().session_cookie
        counter_page = Target("counter", counter, "/", "h1")
        pages = [
            Target("sign-in", stafett, "/", "main h1"),
            Target("family", stafett, f"/logs/{LOG_ID}/family", "main h1", f"{cookie}={tokens[demo.guardian_id]}"),
            Target("plan", stafett, f"/logs/{LOG_ID}", "main [role=tablist]", f"{cookie}={tokens[demo.holder_id]}"),
        ]
        if args.paint:
            loads = measure([counter_page, *pages], args.runs)
            _print(loads["counter"], {t.label: loads[t.label] for t in pages}, args.runs)
            if args.requests:
                for target in pages:
                    _print_requests(target.label, loads[target.label][-1])
        if args.lighthouse:
            reports = args.reports or workdir
            reports.mkdir(parents=True, exist_ok=True)
            scores = {t.label: lighthouse(t, reports) for t in [counter_page, *pages]}
            print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile default; load average {os.getloadavg()[0]:.1f}")
            print(_row("page", "performance", "accessibility", "best pract."))
            print(_row("-" * 44, "-" * 12, "-" * 16, "-" * 10))
            for label, found in scores.items():
                print(_row(label, *(str(found[name]) for name in LIGHTHOUSE_CATEGORIES)))
            for label, found in scores.items():
                print(f"  {label}: {found['metrics']}")
        for server in (counter, stafett):
            _report_problems(server)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"whole run: {time.perf_counter() - started:.0f} s; machine load {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
