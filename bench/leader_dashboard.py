"""The unit leader's page on a municipality-sized data set (10,000 logs) on PostgreSQL.

Creates its own database, migrates it, fills it (bench/leader_data.py), times the dashboard's
figures and the first page of the log list for the leader of the biggest unit (about 2,000 logs)
and of a typical one, prints the times, and drops the database again. Target: under 200 ms.

    .venv/bin/python -m bench.leader_dashboard [postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

import os
import signal
import statistics
import sys
import time
from datetime import datetime

from sqlmodel import Session

from bench import databases
from bench.databases import migrate, own_database
from bench.leader_data import generate
from stafett_app.db import make_engine
from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.leadership import parse_list_query
from stafett_app.models import Person
from stafett_app.services import leader_stats

ADMIN_URL = sys.argv[1] if len(sys.argv) > 1 else databases.ADMIN_URL
RUNS = 7
TARGET_MS = 200
GIVE_UP_SECONDS = 600  # the whole run, data included: it ends by itself


def time_leader(engine, leader_id: int) -> tuple[list[float], int, int]:
    today = today_in_norway()
    times = []
    for _ in range(RUNS):
        with Session(engine) as session:
            leader = session.get(Person, leader_id)
            if leader is None:
                raise LookupError(leader_id)
            started = time.perf_counter()
            board = leader_stats.dashboard(
                session,
                leader,
                today=today,
                now=datetime.now(),
                idle_weeks=6,
                labels=leader_stats.labels_in("nb"),
            )
            page = leader_stats.log_table(session, leader, parse_list_query(), today=today)
            times.append((time.perf_counter() - started) * 1000)
    return times, board.active_logs, page.total


def main() -> int:
    signal.alarm(GIVE_UP_SECONDS)  # SIGALRM ends the run; the finally blocks still drop the database
    with own_database(ADMIN_URL) as url:
        migrate(url)
        engine = make_engine(url)
        try:
            started = time.perf_counter()
            counts = generate(engine, today=today_in_norway())
            print(
                f"Generated in {time.perf_counter() - started:.1f} s:",
                {k: v for k, v in counts.items() if "leader" not in k},
            )
            worst = 0.0
            for label, leader_id in (
                ("biggest unit", counts["big_unit_leader"]),
                ("typical unit", counts["small_unit_leader"]),
            ):
                times, active, total = time_leader(engine, leader_id)
                median, slowest = statistics.median(times[1:]), max(times[1:])  # the first run warms the caches
                worst = max(worst, median)
                print(
                    f"{label}: {total} logs listed, {active} active; dashboard + first page: "
                    f"median {median:.0f} ms, slowest {slowest:.0f} ms over {RUNS - 1} runs"
                )
        finally:
            engine.dispose()
    verdict = "OK" if worst < TARGET_MS else "TOO SLOW"
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"{verdict}: target under {TARGET_MS} ms (median, slower of the two units); machine load {load}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
