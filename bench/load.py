"""Stafett under load, side by side with a bare Reflex counter (bench/counter_app) on the same machine
in the same run: events/s and p95 latency with N concurrent websocket clients, websocket bytes of a
page load, and memory per connected client. Prints a table: counter | Stafett | ratio.

Both apps run in production mode (backend only: the clients here speak Reflex's socket.io protocol
themselves, as the browser's state.js does), each from its own copy in a temporary folder, on its own
port. The data come from bench/municipality_data.py: on SQLite at demo size (scale 0.02, 200 logs), on
PostgreSQL at municipality size (10,000 logs) in a database made for the run and dropped after it.
Each client signs in as its own generated demo holder (a login session made with the app's own
services.auth.start_session) and opens that person's log.

    .venv/bin/python -m bench.load                                   # SQLite, demo size
    .venv/bin/python -m bench.load --engine postgres                 # PostgreSQL, municipality size
    .venv/bin/python -m bench.load --engine postgres --workers 2 --redis --scenarios plan
    .venv/bin/python -m bench.load --clients 20 --scenarios counter,plan,bytes --seconds 4

Scenarios: counter (increment), navigation (the counter app's /visit page, whose on_load increments:
what a navigation costs in bare Reflex, on_load_internal, the handler and is_hydrated), plan (the plan
page's on_load events, as a navigation to /logs/<id> sends them), timeline (the timeline tab's load),
write (a lysglimt), bytes (a first load of the plan, family, child and leader pages; with --by-var each
page's biggest vars), memory, statements (SQL statements per page load, counted in-process by bench/statements.py).
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import socketio
from sqlalchemy import create_engine, func
from sqlmodel import Session, select

from bench.databases import ADMIN_URL, migrate, own_database
from bench.municipality_data import DemoLog, demo_logs, generate
from stafett_app.domain.dates import today_in_norway
from stafett_app.models import StafettLog, UnitLeader

ROOT = Path(__file__).resolve().parents[1]
COUNTER_APP = Path(__file__).resolve().parent / "counter_app"
PYTHON = sys.executable
NAMESPACE = "/_event"  # Reflex's socket.io namespace and path (state.js: the URL's path is both)
ROOT_STATE = "reflex___state____state"
IS_HYDRATED = "is_hydrated_rx_state_"
SCENARIOS = ("counter", "navigation", "plan", "timeline", "write", "bytes", "memory", "statements")
EVENT_TIMEOUT = 30.0  # seconds: an answer later than this counts as an error (TimeoutError)
# Opening is not what a run measures, so a slow server still gets its clients connected: 20 open at a time.
OPEN_TIMEOUT = 120.0
SETTLE_TIMEOUT = 120.0  # seconds to wait, after a run, for the answers that came too late
WRITES_PER_PERSON = 50  # under the app's write limit (60 a minute per person), so no write is refused
START_TIMEOUT = 240
BUILD_TIMEOUT = 900  # seconds: with the frontend, the production build comes first
# The handlers the clients call, found by name in the app (bench/app_probe.py gives their event names).
PLAN_STATE = "stafett_app.pages.plan.state:PlanState"
TIMELINE_STATE = "stafett_app.pages.plan.timeline_state:TimelineState"
COUNTER_STATE = "counter_app.counter_app:CounterState"
LOAD_EVENT = f"{ROOT_STATE}.reflex___state____on_load_internal_state.on_load_internal"  # what state.js sends


# --- the two servers ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    folder: Path
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pids(self) -> list[int]:
        """Every process of the server (the reflex command, Granian and its workers): its process group."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with suppress(OSError, ValueError):
                    if os.getpgid(int(entry.name)) == self.process.pid:
                        found.append(int(entry.name))
        return found

    def cpu_seconds(self) -> float:
        """User and system CPU time of all the server's processes so far: what an event costs the
        server, whatever else the machine runs (events/s move with the machine's other load)."""
        ticks = 0
        for pid in self.pids():
            with suppress(OSError, ValueError, IndexError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return ticks / os.sysconf("SC_CLK_TCK")

    def rss_kb(self) -> int:
        total = 0
        for pid in self.pids():
            with suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        return total

    def statements(self, pages: dict[str, dict[str, str]], repeat: int = 1) -> dict[str, dict[str, Any]]:
        """SQL statements and CPU ms of each page's on_load handlers (bench/statements.py, in this app's folder)."""
        out = subprocess.run(  # noqa: S603 - our own script, our arguments
            [PYTHON, str(ROOT / "bench" / "statements.py"), json.dumps(pages), str(repeat)],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])

    def probe(self, app_module: str, *wanted: str) -> dict[str, Any]:
        """The initial-state hashes a browser of this app sends, and the event names of `wanted`."""
        out = subprocess.run(  # noqa: S603 - our own script, our arguments
            [PYTHON, str(ROOT / "bench" / "app_probe.py"), app_module, *wanted],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
            check=True,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])

    env: dict[str, str] = field(default_factory=dict)


def _app_env(db_url: str, port: int, workers: int, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STAFETT_", "REFLEX_", "GRANIAN_"))}
    tools = [ROOT / ".tools" / "node_modules" / ".bin", ROOT / ".venv" / "bin"]
    env["PATH"] = os.pathsep.join([*map(str, tools), env.get("PATH", "")])
    env.update(
        REFLEX_USE_SYSTEM_BUN="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        STAFETT_DB_URL=db_url,
        STAFETT_DEMO_MODE="1",
        STAFETT_PUBLIC_URL=f"http://127.0.0.1:{port}",
        STAFETT_IDENTITY_KEY="bench-identity-key-0123456789abcdef0123",
        STAFETT_SESSION_MAX_PARALLEL="1000",  # more clients than people: their sessions must not end each other
        # Each client sends its next event the moment the last is answered: past 20 a second on a socket,
        # faster than any person, and the app drops such events unanswered. The checks still run.
        STAFETT_RATE_LIMITS=json.dumps({"socket_event_burst": "1000/second", "socket_events": "60000/minute"}),
        GRANIAN_WORKERS=str(workers),
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REFLEX_REDIS_URL"] = redis_url
        if "REFLEX_OPLOCK_ENABLED" in os.environ:  # to compare Reflex's lock held between events with none
            env["REFLEX_OPLOCK_ENABLED"] = os.environ["REFLEX_OPLOCK_ENABLED"]
    return env


def _copy_app(source: Path, target: Path) -> Path:
    """The app in its own folder: Reflex writes .web and .states there, so two servers never share one."""
    ignore = shutil.ignore_patterns(
        ".git", ".web", ".venv", ".tools", ".states", "test-artifacts", "*.db", "__pycache__", ".pytest_cache", "var"
    )
    shutil.copytree(source, target, ignore=ignore)
    for shared in (".venv", ".tools"):
        if (ROOT / shared).exists():
            (target / shared).symlink_to(ROOT / shared)
    return target


@contextmanager
def running(
    name: str, source: Path, workdir: Path, env: dict[str, str], port: int, *, frontend: bool = False
) -> Iterator[Server]:
    """The app in production mode on `port`: the backend alone, or with `frontend` the built pages too
    (one port, as `make run` serves them; the build takes minutes)."""
    folder = _copy_app(source, workdir / name)
    log_path = workdir / f"{name}.log"
    served = ["--single-port", "--frontend-port", str(port)] if frontend else ["--backend-only"]
    with log_path.open("wb") as log:
        # The virtualenv's reflex, first on PATH in _app_env.
        process = subprocess.Popen(  # noqa: S603
            ["reflex", "run", "--env", "prod", *served, "--backend-port", str(port)],  # noqa: S607
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stopped as a whole, and measured as a whole
        )
        server = Server(name, folder, port, process, log_path, env)
        try:
            _wait_for_ping(server, BUILD_TIMEOUT if frontend else START_TIMEOUT)
            yield server
        finally:
            _stop(process)


def _wait_for_ping(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited:\n{server.log_path.read_text()[-3000:]}")
        with suppress(OSError), urllib.request.urlopen(f"{server.url}/ping", timeout=2) as response:  # noqa: S310
            if b"pong" in response.read():
                return
        time.sleep(0.5)
    raise RuntimeError(f"{server.name}: no pong within {timeout:.0f} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


# --- one client: a browser tab, as far as the socket is concerned ---------------------------------


class Refused(Exception):
    """The app answered with a redirect or an error text instead of the page."""


@dataclass
class Page:
    path: str  # e.g. /logs/12
    query: dict[str, str] = field(default_factory=dict)  # the dynamic route arguments

    def router_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"pathname": self.path, "asPath": self.path}
        if self.query:
            data["query"] = self.query
        return data


class Client:
    """One tab: its own client token, the session cookie, one socket to the namespace."""

    def __init__(self, server: Server, page: Page, *, cookie: str = "", hashes: list[str] | None = None):
        self.server, self.page, self.cookie, self.hashes = server, page, cookie, hashes
        self.sio = socketio.AsyncClient(reconnection=False)
        self.updates: asyncio.Queue[dict] = asyncio.Queue()
        self.received_bytes = 0
        self.received: list[dict] = []  # every update, for a breakdown by state and var (--by-var)
        # What the same frames would weigh with permessage-deflate (RFC 7692, context takeover, as
        # browsers offer it): Granian's websocket has no compression, so this is what it would save.
        self._deflate = zlib.compressobj(wbits=-15)
        self.deflated_bytes = 0
        self.pending: Callable[[dict], bool] | None = None  # an event sent and not yet answered
        self.sio.on("event", self._on_update, namespace=NAMESPACE)

    async def _on_update(self, update: dict) -> None:
        # The frame's text as it crossed the wire, near enough: socket.io adds a few bytes of framing.
        frame = _frame(update)
        self.received_bytes += len(frame)
        self.received.append(update)
        deflated = self._deflate.compress(frame) + self._deflate.flush(zlib.Z_SYNC_FLUSH)
        self.deflated_bytes += len(deflated) - 4  # the extension leaves out the flush's 00 00 ff ff
        await self.updates.put(update)

    def _event(self, name: str, payload: dict | None = None) -> dict:
        return {"name": name, "payload": payload or {}, "router_data": self.page.router_data()}

    async def open(self) -> float:
        """Connect and load the page (hydrate, then its on_load events). Returns the seconds it took."""
        started = time.perf_counter()
        payload = {"hashes": self.hashes} if self.hashes else {}
        boot = self._event(f"{ROOT_STATE}.hydrate_and_load", payload)
        headers = {"Origin": self.server.url}
        if self.cookie:
            headers["Cookie"] = self.cookie
        await self.sio.connect(
            f"{self.server.url}?token={uuid.uuid4()}",
            headers=headers,
            transports=["websocket"],
            namespaces=[NAMESPACE],
            socketio_path=NAMESPACE,
            auth={"event": boot},
            wait_timeout=EVENT_TIMEOUT,
        )
        await self.until(_hydrated, timeout=OPEN_TIMEOUT)
        return time.perf_counter() - started

    async def call(
        self, name: str, done: Callable[[dict], bool], payload: dict | None = None, page: Page | None = None
    ) -> float:
        """Send one event (from `page`, if not the client's own) and wait for the update `done`
        recognises. Returns the seconds it took."""
        started = time.perf_counter()
        event = self._event(name, payload)
        if page is not None:
            event["router_data"] = page.router_data()
        await self.sio.emit("event", event, namespace=NAMESPACE)
        self.pending = done
        try:
            await self.until(done)
        except Refused:
            self.pending = None
            raise
        self.pending = None
        return time.perf_counter() - started

    async def settle(self) -> None:
        """Wait for the answer to an event that timed out: the server still works on it, and the next
        run must not queue behind it."""
        if self.pending is not None:
            with suppress(Exception):
                await self.until(self.pending, timeout=SETTLE_TIMEOUT)
            self.pending = None
        with suppress(asyncio.QueueEmpty):
            while True:
                self.updates.get_nowait()

    async def until(self, done: Callable[[dict], bool], timeout: float = EVENT_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while True:
            update = await asyncio.wait_for(self.updates.get(), timeout=max(0.01, deadline - time.monotonic()))
            refused = [e.get("name") for e in update.get("events") or [] if e.get("name") == "_redirect"]
            if refused:
                raise Refused(f"redirected: {update['events']}")
            if done(update):
                return

    async def close(self) -> None:
        with suppress(Exception):
            await self.sio.disconnect()


def _frame(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def _size(value: Any) -> int:
    return len(_frame(value))


def by_var(updates: list[dict]) -> dict[str, int]:
    """Bytes per "state.var" over all updates (a var sent twice counts twice), the rest under "(frame)"."""
    sizes: dict[str, int] = {}
    for update in updates:
        rest = _size(update)
        for state, delta in (update.get("delta") or {}).items():
            for var, value in delta.items():
                size = _size({var: value})
                sizes[f"{state}.{var}"] = sizes.get(f"{state}.{var}", 0) + size
                rest -= size
        sizes["(frame)"] = sizes.get("(frame)", 0) + rest
    return sizes


def _hydrated(update: dict) -> bool:
    return (update.get("delta") or {}).get(ROOT_STATE, {}).get(IS_HYDRATED) is True


def _changed(state: str) -> Callable[[dict], bool]:
    return lambda update: state in (update.get("delta") or {})


def _written(state: str) -> Callable[[dict], bool]:
    def done(update: dict) -> bool:
        delta = (update.get("delta") or {}).get(state)
        if delta is None:
            return False
        if error := delta.get("glimmer_error_rx_state_"):
            raise Refused(f"the lysglimt was refused: {error}")
        return True

    return done


# --- measuring ------------------------------------------------------------------------------------


@dataclass
class Figures:
    events: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    first_error: str = ""
    kinds: dict[str, int] = field(default_factory=dict)  # errors by kind: TimeoutError, Refused, ...
    cpu_seconds: float = 0.0  # the server's, over the run (and the late answers awaited after it)

    @property
    def cpu_ms_per_event(self) -> float:
        return self.cpu_seconds * 1000 / self.events if self.events else float("nan")

    @property
    def per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    @property
    def p95_ms(self) -> float:
        """Over every event sent: one that timed out counts as infinitely slow (inf when it decides)."""
        ordered = sorted(self.latencies) + [float("inf")] * self.kinds.get("TimeoutError", 0)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000

    @property
    def p95_text(self) -> str:
        return f"> {EVENT_TIMEOUT * 1000:.0f}" if self.p95_ms == float("inf") else f"{self.p95_ms:.1f}"

    def error(self, problem: BaseException) -> None:
        self.errors += 1
        kind = type(problem).__name__
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        text = str(problem) or f"no answer within {EVENT_TIMEOUT:.0f} s"
        self.first_error = self.first_error or f"{kind}: {text}"[:300]

    def error_text(self) -> str:
        if not self.errors:
            return "0"
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(self.kinds.items()))
        return f"{self.errors} ({kinds}; first: {self.first_error})"


async def _open_all(clients: list[Client], figures: Figures) -> list[Client]:
    """Connect every client, a few at a time (as tabs open over a morning, not in one instant)."""
    gate = asyncio.Semaphore(20)

    async def one(client: Client) -> Client | None:
        async with gate:
            try:
                await client.open()
                return client
            except Exception as problem:  # noqa: BLE001 - counted and shown, the run goes on
                figures.error(problem)
                await client.close()
                return None

    opened = await asyncio.gather(*(one(c) for c in clients))
    return [c for c in opened if c is not None]


async def _drive(
    clients: list[Client], step: Callable[[Client, int], Any], seconds: float, limit: int | None, figures: Figures
) -> None:
    """Every client sends its next event as soon as the last one is answered, for `seconds` (or
    `limit` events each). Events/s counts the answers within the run. A client whose event timed
    out sends nothing more (as a person waiting for a page); after the run every late answer is
    awaited, so the next run starts on an idle server."""
    stop_at = time.perf_counter() + seconds

    async def loop(client: Client) -> None:
        n = 0
        while time.perf_counter() < stop_at and (limit is None or n < limit):
            try:
                figures.latencies.append(await step(client, n))
                figures.events += 1
            except TimeoutError as problem:
                figures.error(problem)
                return
            except Exception as problem:  # noqa: BLE001 - counted and shown, the client goes on
                figures.error(problem)
            n += 1

    started = time.perf_counter()
    await asyncio.gather(*(loop(c) for c in clients))
    figures.seconds = time.perf_counter() - started
    await asyncio.gather(*(c.settle() for c in clients))


@dataclass
class Setup:
    counter: Server
    stafett: Server
    counter_names: dict[str, str]
    stafett_names: dict[str, str]
    counter_hashes: list[str]
    stafett_hashes: list[str]
    demos: list[DemoLog]
    tokens: dict[int, str]  # person id -> session token
    cookie_name: str
    leader_id: int  # the leader of the unit with the most logs

    def leader_client(self) -> Client:
        return Client(
            self.stafett,
            Page("/leader"),
            cookie=f"{self.cookie_name}={self.tokens[self.leader_id]}",
            hashes=self.stafett_hashes,
        )

    def counter_client(self) -> Client:
        return Client(self.counter, Page("/"), hashes=self.counter_hashes)

    def stafett_client(self, i: int, role: str = "holder", page: str = "") -> Client:
        demo = self.demos[i % len(self.demos)]
        person = {"holder": demo.holder_id, "guardian": demo.guardian_id, "child": demo.child_id}[role]
        path = f"/logs/{demo.log_id}{page}"
        return Client(
            self.stafett,
            Page(path, {"log_id": str(demo.log_id)}),
            cookie=f"{self.cookie_name}={self.tokens[person]}",
            hashes=self.stafett_hashes,
        )


def _steps(setup: Setup, scenario: str, n: int) -> tuple[Callable[[Client, int], Any], int | None]:
    """What one client sends in a scenario, and how many at most (None: until the time is up)."""
    if scenario == "counter":
        counter = setup.counter_names[COUNTER_STATE]
        return lambda c, _: c.call(f"{counter}.increment", _changed(counter)), None
    if scenario in ("navigation", "plan"):
        # What a navigation to the page sends: its on_load events, answered when is_hydrated turns true.
        page = Page("/visit") if scenario == "navigation" else None
        return lambda c, _: c.call(LOAD_EVENT, _hydrated, page=page), None
    if scenario == "timeline":
        timeline = setup.stafett_names[TIMELINE_STATE]
        return lambda c, _: c.call(f"{timeline}.load", _changed(timeline)), None
    plan = setup.stafett_names[PLAN_STATE]
    clients_per_person = -(-n // len(setup.demos))

    def write(c: Client, i: int):
        return c.call(f"{plan}.add_glimmer", _written(plan), {"form_data": {"text": f"Fint i dag ({i})"}})

    return write, max(1, WRITES_PER_PERSON // clients_per_person)


async def run_events(
    setup: Setup, scenarios: list[str], n: int, seconds: float, memory: dict[str, int] | None = None
) -> dict[str, Figures]:
    """The scenarios at n clients: each app's clients connect once (the page load) and run its scenarios
    in turn. With `memory`, also the resident memory (all the server's processes) per connected, idle
    client: n clients against none, measured before they send anything else."""
    results: dict[str, Figures] = {}
    for app, offered in (("counter", ["counter", "navigation"]), ("stafett", ["plan", "timeline", "write"])):
        wanted = [s for s in offered if s in scenarios]
        if not wanted and memory is None:
            continue
        opening = Figures()
        server = setup.counter if app == "counter" else setup.stafett
        before = server.rss_kb()
        clients = [setup.counter_client() if app == "counter" else setup.stafett_client(i) for i in range(n)]
        opened = await _open_all(clients, opening)
        if memory is not None and len(opened) == n:  # a client that never connected would skew it
            await asyncio.sleep(1)
            memory[app] = (server.rss_kb() - before) * 1024 // n
        for scenario in wanted:
            figures = Figures(errors=opening.errors, first_error=opening.first_error, kinds=dict(opening.kinds))
            step, limit = _steps(setup, scenario, n)
            cpu_before = server.cpu_seconds()
            await _drive(opened, step, seconds, limit, figures)
            figures.cpu_seconds = server.cpu_seconds() - cpu_before
            results[scenario] = figures
            print(
                f"  {scenario:>8} x{n:<4} {figures.per_second:8.1f} events/s  p95 {figures.p95_text:>8} ms  "
                f"server CPU {figures.cpu_ms_per_event:6.2f} ms/event  errors {figures.error_text()}",
                flush=True,
            )
        await asyncio.gather(*(c.close() for c in opened))
        await asyncio.sleep(1)  # the server drops the sockets before the next run
    return results


async def page_bytes(setup: Setup, breakdown: bool = False) -> dict[str, int]:
    """Websocket bytes a first visit of each page receives (hydrate with the browser's hashes, then on_load).
    With `breakdown`, also prints each page's biggest vars."""
    found = {}
    plan_page = [("plan", "holder", ""), ("family", "guardian", "/family"), ("child", "child", "/child")]
    clients = {"counter": setup.counter_client()} | {
        name: setup.stafett_client(0, role, suffix) for name, role, suffix in plan_page
    }
    clients["leader"] = setup.leader_client()
    for name, client in clients.items():
        await client.open()
        await asyncio.sleep(0.3)  # an update after is_hydrated (e.g. a toast) still belongs to the load
        found[name] = client.received_bytes
        found[f"{name} deflated"] = client.deflated_bytes
        if breakdown:
            _print_breakdown(name, client)
        await client.close()
    return found


def _print_breakdown(name: str, client: Client) -> None:
    sizes = sorted(by_var(client.received).items(), key=lambda item: -item[1])
    print(f"  {name}: {client.received_bytes:,} bytes in {len(client.received)} updates")
    for var, size in sizes[:25]:
        print(f"    {size:>7,}  {var}")


# --- the run --------------------------------------------------------------------------------------


def _biggest_unit_leader(session: Session) -> int:
    """The leader of the unit with the most logs (the leader page's longest list)."""
    logs = func.count(StafettLog.id)  # type: ignore[arg-type]
    unit = session.execute(select(StafettLog.unit_id).group_by(StafettLog.unit_id).order_by(logs.desc())).scalar()
    return int(session.execute(select(UnitLeader.person_id).where(UnitLeader.unit_id == unit)).scalar_one())


def _sessions(db_url: str, demos: list[DemoLog]) -> tuple[dict[int, str], int]:
    """A login session for every demo person and the biggest unit's leader, made as the demo sign-in
    route makes it; and that leader's id."""
    os.environ["STAFETT_SESSION_MAX_PARALLEL"] = "1000"
    from stafett_app.services.auth import start_session

    engine = create_engine(db_url)
    tokens = {}
    with Session(engine) as session:
        leader = _biggest_unit_leader(session)
        for person in (leader, *(p for demo in demos for p in (demo.holder_id, demo.guardian_id, demo.child_id))):
            tokens[person] = start_session(session, person)
        session.commit()
    engine.dispose()
    return tokens, leader


@contextmanager
def database(args: argparse.Namespace) -> Iterator[str]:
    if args.db_url:
        yield args.db_url
        return
    if args.engine == "sqlite":
        with tempfile.TemporaryDirectory(prefix="stafett-load-db-") as folder:
            url = f"sqlite:///{folder}/stafett.db"
            _fill(url, args.scale)
            yield url
        return
    with own_database(args.postgres) as url:
        _fill(url, args.scale)
        yield url


def _fill(url: str, scale: float | None) -> None:
    started = time.perf_counter()
    migrate(url)
    engine = create_engine(url)
    chosen = scale if scale is not None else (0.02 if url.startswith("sqlite") else 1.0)
    counts, demos = generate(engine, scale=chosen, today=today_in_norway())
    engine.dispose()
    main_counts = {k: counts[k] for k in ("stafett_log", "measure", "evaluation", "message", "meeting")}
    print(f"data: scale {chosen}, {main_counts}, {len(demos)} demo logs, in {time.perf_counter() - started:.0f} s")


def _report_problems(server: Server) -> None:
    """Errors the server logged during the run: how many, and the first one in full."""
    lines = server.log_path.read_text(errors="replace").splitlines()
    signs = ("Traceback", " ERROR ", "ERROR:", "Rate limit")  # a refused event is never answered: say so
    problems = [i for i, line in enumerate(lines) if any(sign in line for sign in signs)]
    if problems:
        first = problems[0]
        print(f"{server.name} logged {len(problems)} errors; the first:")
        print("\n".join(lines[first : first + 40]))


def _row(label: str, counter: str, stafett: str, ratio: str) -> str:
    return f"| {label:<44} | {counter:>12} | {stafett:>16} | {ratio:>10} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=float, default=None, help="data size; default 0.02 on SQLite, 1 on PostgreSQL")
    parser.add_argument("--clients", default="20,200", help="comma-separated client counts")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help=f"any of {','.join(SCENARIOS)}")
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each event run")
    parser.add_argument("--workers", type=int, default=1, help="GRANIAN_WORKERS, both apps (over 1: --redis)")
    parser.add_argument("--redis", nargs="?", const="redis://127.0.0.1:6379/11", default="", help="Redis URL")
    parser.add_argument("--postgres", default=ADMIN_URL, help="admin URL")
    parser.add_argument("--db-url", default="", help="use this filled database (bench.municipality_data) as is")
    parser.add_argument("--by-var", action="store_true", help="bytes: print each page's biggest vars")
    args = parser.parse_args()
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    if unknown := set(scenarios) - set(SCENARIOS):
        parser.error(f"unknown scenarios: {unknown}")
    counts = [int(c) for c in args.clients.split(",")]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # run the clean-ups (servers, database) on kill

    started = time.perf_counter()
    with ExitStack() as stack:
        db_url = stack.enter_context(database(args))
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="stafett-load-")))
        engine = create_engine(db_url)
        demos = demo_logs(engine)
        engine.dispose()
        tokens, leader = _sessions(db_url, demos)
        c_port, s_port = _free_port(), _free_port()
        counter = stack.enter_context(
            running("counter", COUNTER_APP, workdir, _app_env(db_url, c_port, args.workers, args.redis), c_port)
        )
        stafett = stack.enter_context(
            running("stafett", ROOT, workdir, _app_env(db_url, s_port, args.workers, args.redis), s_port)
        )
        print(
            f"servers up in {time.perf_counter() - started:.0f} s (workers: {args.workers}, redis: {bool(args.redis)})"
        )
        c_probe = counter.probe("counter_app.counter_app", COUNTER_STATE)
        s_probe = stafett.probe("stafett_app.stafett_app", PLAN_STATE, TIMELINE_STATE)
        from stafett_app.settings import get_settings

        setup = Setup(
            counter, stafett, c_probe["names"], s_probe["names"], c_probe["hashes"], s_probe["hashes"],
            demos, tokens, get_settings().session_cookie, leader,
        )  # fmt: skip
        results = asyncio.run(_measure(setup, scenarios, counts, args.seconds, args.by_var))
        _print(results, scenarios, counts, args, db_url)
        for server in (counter, stafett):
            _report_problems(server)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"whole run: {time.perf_counter() - started:.0f} s; machine load {load}")
    return 0


async def _measure(
    setup: Setup, scenarios: list[str], counts: list[int], seconds: float, breakdown: bool = False
) -> dict[str, Any]:
    results: dict[str, Any] = {"events": {}}
    if "bytes" in scenarios:
        results["bytes"] = await page_bytes(setup, breakdown)
    if "statements" in scenarios:
        demo = setup.demos[0]
        pages = {
            page: {
                "path": f"/logs/{demo.log_id}{suffix}",
                "log_id": str(demo.log_id),
                "cookie": f"{setup.cookie_name}={setup.tokens[person]}",
            }
            for page, suffix, person in (
                ("plan", "", demo.holder_id),
                ("family", "/family", demo.guardian_id),
                ("child", "/child", demo.child_id),
            )
        }
        counted = await asyncio.to_thread(setup.stafett.statements, pages)
        results["statements"] = {page: f"{counted['statements'][page]} / {counted['kept'][page]}" for page in pages}
    # The most clients first: memory per client is measured on servers that have served only a few pages.
    for n in sorted(counts, reverse=True):
        memory: dict[str, int] | None = {} if "memory" in scenarios and n == max(counts) else None
        for scenario, figures in (await run_events(setup, scenarios, n, seconds, memory)).items():
            results["events"][(scenario, n)] = figures
        if memory and len(memory) == 2:  # noqa: PLR2004 - both apps
            results["memory"] = (n, memory["counter"], memory["stafett"])
    return results


def _print(results: dict[str, Any], scenarios: list[str], counts: list[int], args, db_url: str) -> None:
    engine = "SQLite" if db_url.startswith("sqlite") else "PostgreSQL"
    print()
    print(
        f"{engine}, workers {args.workers}{', Redis' if args.redis else ''}, {args.seconds:g} s per run; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(_row("what", "counter", "Stafett", "ratio"))
    print(_row("-" * 44, "-" * 12, "-" * 16, "-" * 10))
    events = results["events"]
    for n in counts:
        base = events.get(("counter", n))
        for scenario in ("plan", "timeline", "write"):
            mine = events.get((scenario, n))
            if mine is None:
                continue
            label = {"plan": "plan page load", "timeline": "timeline", "write": "lysglimt write"}[scenario]
            ratio = f"{mine.per_second / base.per_second:.3f}" if base and base.per_second else "-"
            print(
                _row(
                    f"events/s, {label}, {n} clients",
                    f"{base.per_second:.1f}" if base else "-",
                    f"{mine.per_second:.1f}",
                    ratio,
                )
            )
            print(
                _row(
                    f"p95 ms, {label}, {n} clients",
                    base.p95_text if base else "-",
                    mine.p95_text,
                    f"{mine.p95_ms / base.p95_ms:.1f}x" if base and base.p95_ms and mine.p95_ms < float("inf") else "-",
                )
            )
            print(_row(f"errors, {label}, {n} clients", str(base.errors) if base else "-", str(mine.errors), ""))
            if scenario == "plan" and (bare := events.get(("navigation", n))) is not None:
                # The framework's own floor for a navigation, beside the page's: what is left to the app.
                ratio = f"{mine.per_second / bare.per_second:.3f}" if bare.per_second else "-"
                print(_row(f"  the counter's bare navigation, {n} clients", f"{bare.per_second:.1f}", "", ratio))
                floor = f"{bare.p95_text} / {bare.cpu_ms_per_event:.2f}"
                print(_row("  its p95 ms / server CPU ms per navigation", floor, "", ""))
            print(
                _row(
                    f"server CPU ms per event, {label}, {n} cl.",
                    f"{base.cpu_ms_per_event:.2f}" if base else "-",
                    f"{mine.cpu_ms_per_event:.2f}",
                    f"{mine.cpu_ms_per_event / base.cpu_ms_per_event:.1f}x" if base and base.cpu_ms_per_event else "-",
                )
            )
    if "bytes" in results:
        sizes = results["bytes"]
        for page in ("plan", "family", "child", "leader"):
            print(
                _row(
                    f"websocket bytes, page load ({page})",
                    f"{sizes['counter']:,}",
                    f"{sizes[page]:,}",
                    f"{sizes[page] / sizes['counter']:.1f}x",
                )
            )
            print(
                _row(
                    f"  the same with permessage-deflate ({page})",
                    f"{sizes['counter deflated']:,}",
                    f"{sizes[f'{page} deflated']:,}",
                    f"{sizes[f'{page} deflated'] / sizes['counter deflated']:.1f}x",
                )
            )
    for page, count in results.get("statements", {}).items():
        print(_row(f"SQL statements per load, fresh / kept ({page})", "-", count, "-"))
    if "memory" in results:
        n, c, m = results["memory"]
        ratio = f"{m / c:.1f}x" if c > 0 else "-"
        print(_row(f"memory per connected client, {n} idle clients", f"{c / 1024:.0f} KB", f"{m / 1024:.0f} KB", ratio))


if __name__ == "__main__":
    sys.exit(main())
