"""Growth: every page's load at demo size and at municipality size, side by side (issue 12: within 2x).

    python -m bench.growth                     # SQLite demo size (200 logs) | PostgreSQL municipality (10,000)
    python -m bench.growth --big-engine sqlite # both on SQLite (the big one at scale 1: a few minutes to fill)
    python -m bench.growth --small-engine postgres  # both on PostgreSQL: the data's size alone

Each page's on_load handlers run in-process on real State instances (bench/statements.py), as the
same demo people on both data sets: a holder, a guardian, the child, and the leader of the holder's
unit. Printed per page: the median CPU time of a load (the process's own time, database threads
included, so other work on the machine moves it little), and the SQL statements of one load, which
must not grow with the data.
"""

import argparse
import json
import subprocess
import sys
from typing import Any

from sqlalchemy import create_engine
from sqlmodel import Session, col, select

from bench.load import PYTHON, ROOT, _app_env, _sessions, database
from bench.municipality_data import demo_logs

REPEAT = 7
TYPICAL_LOGS = 5  # a holder's logs: 5.2 on average in the municipality data
# page name -> (path after /logs/<id>, or an absolute path; who opens it)
PAGES: dict[str, tuple[str, str]] = {
    "plan": ("", "holder"),
    "family": ("/family", "guardian"),
    "child": ("/child", "child"),
    "meeting mode": ("/meeting", "holder"),
    "log messages": ("/messages", "holder"),
    "print": ("/print", "holder"),
    "archive": ("/archive", "holder"),
    "my logs": ("abs:/logs", "holder"),
    "inbox": ("abs:/messages", "guardian"),
    "calendar": ("abs:/calendar", "holder"),
    "leader": ("abs:/leader", "leader"),
}


def _people(url: str) -> tuple[int, int, dict[str, str]]:
    """A demo log whose holder takes part in TYPICAL_LOGS logs (or the nearest: "Mine logger" and the
    calendar grow with the person's own logs, which is not what this compares), how many that is,
    and a session cookie for each of its people and its unit's leader."""
    from sqlalchemy import func

    from stafett_app.models import Participant, StafettLog, UnitLeader
    from stafett_app.services.auth import start_session
    from stafett_app.settings import get_settings

    engine = create_engine(url)
    demos = demo_logs(engine)
    with Session(engine) as session:
        in_force = col(Participant.removed_at).is_(None)
        counted = select(Participant.person_id, func.count()).where(in_force).group_by(col(Participant.person_id))
        logs_of = dict(session.exec(counted).all())
        demo = min(demos, key=lambda d: (abs(logs_of.get(d.holder_id, 0) - TYPICAL_LOGS), d.log_id))
        unit_id = select(StafettLog.unit_id).where(StafettLog.id == demo.log_id).scalar_subquery()
        leader_id = session.exec(select(UnitLeader.person_id).where(UnitLeader.unit_id == unit_id)).one()
        leader_token = start_session(session, leader_id)
        session.commit()
    engine.dispose()
    tokens, _biggest_units_leader = _sessions(url, [demo])
    cookie = get_settings().session_cookie
    people = {"holder": demo.holder_id, "guardian": demo.guardian_id, "child": demo.child_id}
    cookies = {role: f"{cookie}={tokens[person]}" for role, person in people.items()}
    cookies["leader"] = f"{cookie}={leader_token}"
    return demo.log_id, logs_of.get(demo.holder_id, 0), cookies


def measure(url: str) -> dict[str, Any]:
    log_id, holders_logs, cookies = _people(url)
    pages = {}
    for name, (where, role) in PAGES.items():
        path = where.removeprefix("abs:") if where.startswith("abs:") else f"/logs/{log_id}{where}"
        pages[name] = {"path": path, "log_id": "" if where.startswith("abs:") else str(log_id), "cookie": cookies[role]}
    out = subprocess.run(  # noqa: S603 - our own script, our arguments
        [PYTHON, str(ROOT / "bench" / "statements.py"), json.dumps(pages), str(REPEAT)],
        cwd=ROOT,
        env=_app_env(url, 0, 1, ""),
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1]) | {"holders_logs": holders_logs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small-engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--big-engine", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test", help="admin URL")
    args = parser.parse_args()
    found = {}
    for size, engine, scale in (("demo", args.small_engine, 0.02), ("municipality", args.big_engine, 1.0)):
        options = argparse.Namespace(db_url="", engine=engine, scale=scale, postgres=args.postgres)
        with database(options) as url:
            found[size] = measure(url)
    demo, big = found["demo"], found["municipality"]
    print()
    sizes = f"demo {args.small_engine} | municipality {args.big_engine}"
    print(f"CPU ms per page load (median of {REPEAT}) and SQL statements; {sizes}")
    print(f"(the holder takes part in {demo['holders_logs']} | {big['holders_logs']} logs)")
    print("fresh: nothing kept of the log (the first load after a change); kept: the log unchanged since the last load")
    widths = (14, 13, 6, 5, 12, 6, 5, 22, 15)
    heads = (
        "page",
        "fresh ms demo",
        "big",
        "ratio",
        "kept ms demo",
        "big",
        "ratio",
        "stmts fresh demo / big",
        "kept demo / big",
    )
    print("| " + " | ".join(f"{h:>{w}}" for h, w in zip(heads, widths, strict=True)) + " |")
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for page in PAGES:
        cold, warm = (demo["cpu_ms_cold"][page], big["cpu_ms_cold"][page]), (demo["cpu_ms"][page], big["cpu_ms"][page])
        cells = (
            page,
            f"{cold[0]:.1f}",
            f"{cold[1]:.1f}",
            f"{cold[1] / cold[0]:.1f}x",
            f"{warm[0]:.1f}",
            f"{warm[1]:.1f}",
            f"{warm[1] / warm[0]:.1f}x",
            f"{demo['statements'][page]} / {big['statements'][page]}",
            f"{demo['kept'][page]} / {big['kept'][page]}",
        )
        print("| " + " | ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
