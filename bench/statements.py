"""SQL statements and CPU time per page load: each page's on_load handlers run here, in-process, on
real State instances (as the State tests make them), with every statement the app's engines execute
counted. Run by bench/load.py and bench/growth.py inside the app's folder, with STAFETT_DB_URL set:

    python bench/statements.py '{"plan": {"path": "/logs/1", "log_id": "1", "cookie": "stafett_session=..."}}' [repeat]

Prints {"statements": {"plan": 32, ...}, "kept": {"plan": 14, ...}, "cpu_ms": {"plan": 9.1, ...},
"cpu_ms_cold": {"plan": 15.2, ...}} as JSON: the statements of a load with nothing kept of the log
(services.log_cache: the first load after a change), of a load of the unchanged log (what the worker
kept is used), and the median CPU time of `repeat` loads of each kind (5 by default; process time of
this one process, database threads included, so other load on the machine moves it little), each in
one tab that showed the page before (a tab's first load clears what it held: not what a navigation
costs). A handler that redirects (no access) counts as a failure: -1.
"""

import asyncio
import inspect
import json
import os
import statistics
import sys
import time

# Reflex makes a State outside a running server only under a test runner; this is one, for counting.
os.environ.setdefault("PYTEST_CURRENT_TEST", "bench/statements.py")
sys.path.insert(0, os.getcwd())  # the app's folder: run as a script, Python put ours first

from reflex.istate.data import HeaderData, PageData, RouterData
from reflex.state import State
from sqlalchemy import event
from sqlalchemy.engine import Engine

import stafett_app.stafett_app  # noqa: F401 - registers every page and state
from stafett_app.pages import ROUTES
from stafett_app.services import log_cache

executed = 0


@event.listens_for(Engine, "before_cursor_execute")
def _count(*_args) -> None:
    global executed  # noqa: PLW0603 - one counter for the whole process
    executed += 1


def _route_of(path: str):
    parts = path.strip("/").split("/")
    for route in ROUTES:
        pattern = route.path.strip("/").split("/")
        if len(pattern) == len(parts) and all(p == q or p.startswith("[") for p, q in zip(pattern, parts, strict=True)):
            return route
    raise LookupError(path)


def _tab(path: str, log_id: str, cookie: str) -> State:
    """A tab's root state, on the page."""
    root = State(_reflex_internal_init=True)
    root.rx_router_headers = HeaderData(cookie=cookie)
    root.rx_router_page = PageData(path=path, raw_path=path, params={"log_id": log_id} if log_id else {})
    root.router = RouterData.from_router_data(
        {"pathname": path, "query": {"log_id": log_id}, "headers": {"cookie": cookie}}
    )
    return root


async def _load(path: str, log_id: str, cookie: str, root: State | None = None) -> int:
    """One load of the page, in a new tab or in `root` (a tab that showed it before: nothing of another
    person's to clear first, as in a navigation back to the page)."""
    global executed  # noqa: PLW0603
    root = root or _tab(path, log_id, cookie)
    executed = 0
    for handler in _route_of(path).on_load:
        state = await root.get_state(State.get_class_substate(handler.state_full_name))
        result = handler.fn(state)
        if inspect.isawaitable(result):
            result = await result
        if inspect.isgenerator(result):
            result = list(result)
        if result is not None and "redirect" in repr(result):
            return -1
    return executed


async def _cpu_ms(args: tuple[str, str, str], repeat: int, *, cold: bool) -> float:
    times = []
    tab = _tab(*args)
    await _load(*args, root=tab)  # the tab now holds the page for its person
    for _ in range(repeat):
        if cold:
            log_cache.forget_all()
        started = time.process_time()
        await _load(*args, root=tab)
        times.append((time.process_time() - started) * 1000)
    return round(statistics.median(times), 2)


async def main() -> None:
    pages = json.loads(sys.argv[1])
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5  # noqa: PLR2004 - the optional second argument
    found: dict[str, dict[str, float]] = {"statements": {}, "kept": {}, "cpu_ms": {}, "cpu_ms_cold": {}}
    for name, page in pages.items():
        args = (page["path"], page.get("log_id", ""), page["cookie"])
        await _load(*args)  # the first load warms the process's own caches (compiled queries, catalogues)
        log_cache.forget_all()
        found["statements"][name] = await _load(*args)
        found["kept"][name] = await _load(*args)
        found["cpu_ms"][name] = await _cpu_ms(args, repeat, cold=False)
        found["cpu_ms_cold"][name] = await _cpu_ms(args, repeat, cold=True)
    print(json.dumps(found))


if __name__ == "__main__":
    asyncio.run(main())
