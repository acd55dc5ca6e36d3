"""SQL statements and CPU time per page load: each page's on_load handlers run here, in-process, on
real State instances (as the State tests make them), with every statement the app's engines execute
counted. Run by bench/load.py and bench/growth.py inside the app's folder, with STAFETT_DB_URL set:

    python bench/statements.py '{"plan": {"path": "/logs/1", "log_id": "1", "cookie": "stafett_session=..."}}' [repeat]

Prints {"statements": {"plan": 34, ...}, "cpu_ms": {"plan": 12.1, ...}} as JSON: the statements of
one load, and the median CPU time of `repeat` loads (5 by default; process time of this one process,
database threads included, so other load on the machine moves it little). A handler that redirects
(no access) counts as a failure: -1.
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


async def _load(path: str, log_id: str, cookie: str) -> int:
    global executed  # noqa: PLW0603
    root = State(_reflex_internal_init=True)
    root.rx_router_headers = HeaderData(cookie=cookie)
    root.rx_router_page = PageData(path=path, raw_path=path, params={"log_id": log_id} if log_id else {})
    root.router = RouterData.from_router_data(
        {"pathname": path, "query": {"log_id": log_id}, "headers": {"cookie": cookie}}
    )
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


async def main() -> None:
    pages = json.loads(sys.argv[1])
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5  # noqa: PLR2004 - the optional second argument
    counts, cpu_ms = {}, {}
    for name, page in pages.items():
        args = (page["path"], page.get("log_id", ""), page["cookie"])
        await _load(*args)  # the first load warms caches
        counts[name] = await _load(*args)
        times = []
        for _ in range(repeat):
            started = time.process_time()
            await _load(*args)
            times.append((time.process_time() - started) * 1000)
        cpu_ms[name] = round(statistics.median(times), 2)
    print(json.dumps({"statements": counts, "cpu_ms": cpu_ms}))


if __name__ == "__main__":
    asyncio.run(main())
