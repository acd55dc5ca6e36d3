"""Database work on the event loop or on database threads: the plan page's load handler, called by many
signed-in tabs at once through the real State handlers, in one process and one event loop (as one
Reflex worker runs them), once each way:

- on the loop: the database work runs inline, as plain `def` handlers did before;
- threads: the database work runs on the database threads (stafett_app.db.run_in_session).

Besides loads per second and their latency it measures what every other client of the worker feels:
how late a tick scheduled every millisecond runs (a bare counter event waits that long for the loop).
SQLite in a fresh seeded file by default; with a PostgreSQL admin URL, in its own database there.

    .venv/bin/python -m bench.offloop [--clients 20] [--rounds 10] [postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from reflex.istate.data import HeaderData, PageData
from reflex.state import State
from sqlalchemy import event
from sqlmodel import Session, select

import stafett_app.stafett_app  # noqa: F401  (registers every page and state)
from bench.databases import migrate, own_database
from stafett_app import db
from stafett_app.models import Person
from stafett_app.pages.plan.state import PlanState
from stafett_app.seed import seed
from stafett_app.services.auth import start_session
from stafett_app.settings import SESSION_COOKIE

T = TypeVar("T")
EMMA_LOG = "1"
TICK_SECONDS = 0.001


@contextmanager
def database(admin_url: str | None) -> Iterator[str]:
    """A seeded database of its own: a temporary SQLite file, or a new PostgreSQL database."""
    if admin_url is None:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    with own_database(admin_url) as url:
        yield url


def prepare(url: str) -> None:
    db.engine.cache_clear()  # the engine is made anew for this URL
    migrate(url)
    with db.session_scope() as session:
        seed(session)


async def plan_tabs(clients: int) -> list:
    """One signed-in tab of Kari (the holder) per client, on Emma's plan page."""

    tabs = []
    for _ in range(clients):
        with db.session_scope() as session:
            kari = session.exec(select(Person).where(Person.first_name == "Kari")).one()
            token = start_session(session, kari.id, max_minutes=60)
        root = State(_reflex_internal_init=True)
        root.rx_router_headers = HeaderData(cookie=f"{SESSION_COOKIE}={token}")
        root.rx_router_page = PageData(params={"log_id": EMMA_LOG})
        tabs.append(await root.get_state(PlanState))
    return tabs


async def on_the_loop(work: Callable[[Session], T]) -> T:
    """What a plain `def` handler did: the database work on the event loop itself."""

    with db.session_scope() as session:
        return work(session)


async def measure(tabs: list, rounds: int) -> dict[str, float]:
    lags: list[float] = []
    running = True

    async def ticker() -> None:
        while running:
            due = time.perf_counter() + TICK_SECONDS
            await asyncio.sleep(TICK_SECONDS)
            lags.append(max(0.0, time.perf_counter() - due))

    async def timed(tab, arrived: float) -> float:
        """From when all the tabs asked (together) until this tab's page is loaded."""
        if (sent := await tab.load()) is not None or not tab.loaded:
            raise RuntimeError(f"the plan did not load: {sent}")
        return time.perf_counter() - arrived

    tick = asyncio.create_task(ticker())
    arrived = time.perf_counter()
    await asyncio.gather(*(timed(tab, arrived) for tab in tabs))  # warm up: connections, caches
    lags.clear()
    started = time.perf_counter()
    latencies: list[float] = []
    for _ in range(rounds):
        arrived = time.perf_counter()
        latencies += await asyncio.gather(*(timed(tab, arrived) for tab in tabs))
    elapsed = time.perf_counter() - started
    running = False
    await tick
    quantiles = statistics.quantiles(latencies, n=20)
    lag_quantiles = statistics.quantiles(lags, n=20) if len(lags) > 1 else [0.0] * 19
    return {
        "loads/s": len(latencies) / elapsed,
        "load p50 ms": statistics.median(latencies) * 1000,
        "load p95 ms": quantiles[18] * 1000,
        "loop lag p95 ms": lag_quantiles[18] * 1000,
        "loop lag max ms": max(lags, default=0.0) * 1000,
        "ticks/s": len(lags) / elapsed,
    }


def statements_per_load(tab) -> int:

    count = [0]

    def record(*_args) -> None:
        count[0] += 1

    event.listen(db.engine(), "before_cursor_execute", record)
    try:
        asyncio.run(tab.load())
    finally:
        event.remove(db.engine(), "before_cursor_execute", record)
    return count[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("admin_url", nargs="?", help="PostgreSQL admin URL (default: SQLite)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    # Every tab is a login of its own: allow that many at once for the one person they all are.
    os.environ["STAFETT_SESSION_MAX_PARALLEL"] = str(args.clients + 1)

    with database(args.admin_url) as url:
        prepare(url)
        threaded = db.run_in_session
        results = {}
        for name, runner in (("on the loop", on_the_loop), ("threads", threaded)):
            db.run_in_session = runner  # type: ignore[assignment]  # the handlers look it up per call
            tabs = asyncio.run(plan_tabs(args.clients))
            results[name] = asyncio.run(measure(tabs, args.rounds))
        db.run_in_session = threaded  # type: ignore[assignment]
        statements = statements_per_load(asyncio.run(plan_tabs(1))[0])
        db.engine().dispose()
    kind = "PostgreSQL" if args.admin_url else "SQLite"
    print(f"plan page load, {args.clients} tabs at once x {args.rounds} rounds, {kind}, {os.cpu_count()} CPUs")
    print(f"{'':18}" + "".join(f"{name:>14}" for name in results))
    for figure in results["threads"]:
        print(f"{figure:18}" + "".join(f"{found[figure]:14.1f}" for found in results.values()))
    print(f"SQL statements per plan page load: {statements}")


if __name__ == "__main__":
    main()
