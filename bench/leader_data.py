"""A municipality-sized data set for the leader benchmark: 10,000 logs over 40 units, written with
PostgreSQL COPY (one stream per table, ids chosen here) so it takes seconds, not minutes.

Invented names only; the same data every run (a fixed random seed). Used by bench/leader_dashboard.py.
"""

import random
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from stafett_app.domain.plan_rules import ConcernCategory

UNITS = 40
STAFF_PER_UNIT = 12
# Shares of logs or measures: holder gone, measure ended, measure evaluated, a refused attempt.
HOLDER_GONE, ENDED, EVALUATED, REFUSED = 0.05, 0.1, 0.5, 0.1
FIRST = [
    "Ada",
    "Bo",
    "Cato",
    "Dina",
    "Eli",
    "Finn",
    "Gro",
    "Hugo",
    "Ida",
    "Jens",
    "Kaja",
    "Liv",
    "Mats",
    "Nils",
    "Olga",
    "Pål",
    "Rut",
    "Sjur",
    "Tone",
    "Ulf",
    "Vera",
]
LAST = [
    "Aas",
    "Berg",
    "Dahl",
    "Eng",
    "Fjeld",
    "Gran",
    "Holt",
    "Jahr",
    "Kvam",
    "Lund",
    "Moen",
    "Nygård",
    "Rønning",
    "Sæther",
    "Tveit",
    "Vang",
]


class Rows:
    """Rows for one table, in its column order, with ids handed out here."""

    def __init__(self, table: str):
        self.table = SQLModel.metadata.tables[table]
        self.columns = [c.name for c in self.table.columns]
        self.rows: list[tuple] = []

    def add(self, **values: Any) -> int:
        row_id = len(self.rows) + 1
        if "id" in self.columns:  # a link table (unit_leader) has none
            values.setdefault("id", row_id)
        missing = [c for c in values if c not in self.columns]
        if missing:
            raise KeyError(f"{self.table.name} has no {missing}")
        self.rows.append(tuple(values.get(c) for c in self.columns))
        return row_id


def _copy(engine: Engine, tables: Iterable[Rows]) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for rows in tables:
            columns = ", ".join(f'"{c}"' for c in rows.columns)
            with cursor.copy(f'COPY "{rows.table.name}" ({columns}) FROM STDIN') as copy:  # type: ignore[attr-defined]
                for row in rows.rows:
                    copy.write_row(row)
            if "id" not in rows.columns:
                continue
            # The app inserts without ids: its sequences must start after ours.
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{rows.table.name}\"', 'id'), {max(len(rows.rows), 1)})"
            )
        raw.commit()
    finally:
        raw.close()


def generate(engine: Engine, *, logs: int = 10_000, today: date, seed: int = 2026) -> dict[str, int]:
    """Fill an empty, migrated database. Returns the row counts, and the biggest unit's leader id."""
    pick = random.Random(seed)  # noqa: S311 - a repeatable data set, not a secret
    now = datetime.combine(today, time(12))
    units, people = Rows("unit"), Rows("person")
    log_rows, participants = Rows("stafett_log"), Rows("participant")
    concerns, goals, measures, evaluations = Rows("concern"), Rows("goal"), Rows("measure"), Rows("evaluation")
    comments, glimmers, attempts = Rows("comment"), Rows("glimmer"), Rows("access_attempt")
    unit_leaders = Rows("unit_leader")
    categories = [c.value for c in ConcernCategory]

    def person(kind: str, **extra: Any) -> int:
        return people.add(
            first_name=pick.choice(FIRST),
            last_name=pick.choice(LAST),
            kind=kind,
            title=extra.pop("title", ""),
            is_leader=extra.pop("is_leader", False),
            is_admin=False,
            email="",
            language="nb",
            **extra,
        )

    staff: dict[int, list[int]] = {}
    leaders: dict[int, int] = {}
    for n in range(UNITS):
        unit_id = units.add(name=f"Enhet {n + 1}", kind="school" if n % 2 else "kindergarten")
        leaders[unit_id] = person("staff", unit_id=unit_id, is_leader=True, title="Leder")
        unit_leaders.add(unit_id=unit_id, person_id=leaders[unit_id])
        staff[unit_id] = [person("staff", unit_id=unit_id, title="Lærer") for _ in range(STAFF_PER_UNIT)]

    # One big unit (a fifth of all logs), the rest spread evenly: the big one is the hard case.
    weights = [UNITS // 4] + [1] * (UNITS - 1)
    unit_ids = list(staff)
    for _ in range(logs):
        unit_id = pick.choices(unit_ids, weights)[0]
        holder = pick.choice(staff[unit_id])
        child = person("child", birth_date=today - timedelta(days=pick.randint(2000, 6000)))
        created = now - timedelta(days=pick.randint(10, 900))
        status = pick.choices(["active", "passive", "draft"], [80, 15, 5])[0]
        log_id = log_rows.add(
            child_id=child,
            unit_id=unit_id,
            status=status,
            level=0 if status == "draft" else pick.randint(1, 3),
            description="",
            interest_picture="",
            interest_text="",
            created_by_id=holder,
            created_at=created,
            activated_at=None if status == "draft" else created + timedelta(days=2),
            closing_note="",
        )
        gone = created + timedelta(days=5) if pick.random() < HOLDER_GONE else None
        participants.add(log_id=log_id, person_id=holder, role="holder", added_at=created, removed_at=gone)
        participants.add(log_id=log_id, person_id=child, role="owner", added_at=created)
        for _ in range(pick.randint(1, 2)):
            concern_id = concerns.add(
                log_id=log_id,
                text="Generert",
                category=pick.choice(categories),
                shared_understanding="",
                created_by_id=holder,
                created_at=created,
            )
            goal_id = goals.add(concern_id=concern_id, text="Generert", created_by_id=holder, created_at=created)
            for _ in range(pick.randint(1, 3)):
                due = today + timedelta(days=pick.randint(-60, 60))
                written = created + timedelta(days=pick.randint(0, 30))
                measure_id = measures.add(
                    goal_id=goal_id,
                    title="Generert",
                    description="",
                    arena="school",
                    responsible_id=holder,
                    start_date=written.date(),
                    evaluation_date=due,
                    picture="",
                    created_by_id=holder,
                    created_at=written,
                    ended_at=now if pick.random() < ENDED else None,
                )
                if pick.random() < EVALUATED:
                    on = due - timedelta(days=pick.randint(-5, 40))
                    evaluations.add(
                        measure_id=measure_id,
                        result=pick.choice(["green", "red"]),
                        outcome="continue",
                        text="Generert",
                        participants_text="",
                        evaluated_on=on,
                        recorded_by_id=holder,
                        recorded_at=datetime.combine(on, time(10)),
                    )
        for _ in range(pick.randint(0, 3)):
            comments.add(
                log_id=log_id, author_id=holder, text="Generert", created_at=now - timedelta(days=pick.randint(0, 120))
            )
        for _ in range(pick.randint(0, 2)):
            glimmers.add(
                log_id=log_id, author_id=holder, text="Fint", created_at=now - timedelta(days=pick.randint(0, 120))
            )
        if pick.random() < REFUSED:
            attempts.add(
                person_id=pick.choice(staff[unit_id]),
                log_id=log_id,
                action="view_plan",
                at=now - timedelta(days=pick.randint(0, 60)),
            )

    everything = [
        units, people, unit_leaders, log_rows, participants, concerns, goals, measures, evaluations, comments,
        glimmers, attempts,
    ]  # fmt: skip
    _copy(engine, everything)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    counts = {rows.table.name: len(rows.rows) for rows in everything}
    counts["big_unit_leader"] = leaders[unit_ids[0]]
    counts["small_unit_leader"] = leaders[unit_ids[1]]
    return counts
