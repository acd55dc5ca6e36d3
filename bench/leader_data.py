"""A municipality-sized data set for the leader benchmark: 10,000 logs over 40 units, written with
PostgreSQL COPY (one stream per table, ids chosen here) so it takes seconds, not minutes; on SQLite
with plain bulk inserts (for small sizes).

Invented names only; the same data every run (a fixed random seed). Used by bench/leader_dashboard.py;
bench/municipality_data.py extends `DataSet` with the rest of a log (family, consent, meetings, messages).
"""

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from stafett_app import models  # noqa: F401 - registers every table in the metadata
from stafett_app.domain.plan_rules import Arena, ConcernCategory


@dataclass(frozen=True)
class Shape:
    """How big the data set is and how much each log holds. Ranges are (low, high), both included."""

    logs: int = 10_000
    units: int = 40
    staff_per_unit: int = 12
    concerns: tuple[int, int] = (1, 2)
    sub_goals: tuple[int, int] = (0, 0)  # under each main goal; measures hang on every goal
    measures_per_goal: tuple[int, int] = (1, 3)
    comments: tuple[int, int] = (0, 3)
    glimmers: tuple[int, int] = (0, 2)
    # Shares of logs or measures: holder gone, measure ended, measure evaluated, a refused attempt.
    holder_gone: float = 0.05
    ended: float = 0.1
    evaluated: float = 0.5
    refused: float = 0.1


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


def _model_defaults(table: str) -> dict[str, Any]:
    """The plain default of each field of the table's model: a column added later (with a default)
    needs no change here. COPY and bulk inserts write every column, so the defaults come from us."""
    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        if mapper.local_table.name == table:
            fields = mapper.class_.model_fields
            return {
                name: field.default
                for name, field in fields.items()
                if field.default is not PydanticUndefined and not callable(field.default)
            }
    raise KeyError(table)


class Rows:
    """Rows for one table, in its column order, with ids handed out here."""

    def __init__(self, table: str):
        self.table = SQLModel.metadata.tables[table]
        self.columns = [c.name for c in self.table.columns]
        self.defaults = _model_defaults(table)
        self.rows: list[tuple] = []

    def add(self, **values: Any) -> int:
        row_id = len(self.rows) + 1
        if "id" in self.columns:  # a link table (unit_leader) has none
            values.setdefault("id", row_id)
        missing = [c for c in values if c not in self.columns]
        if missing:
            raise KeyError(f"{self.table.name} has no {missing}")
        defaults = self.defaults
        self.rows.append(tuple(values[c] if c in values else defaults.get(c) for c in self.columns))
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


def _insert(engine: Engine, tables: Iterable[Rows]) -> None:
    """SQLite has no COPY: one executemany per table, in one transaction."""
    with engine.begin() as conn:
        for rows in tables:
            if rows.rows:
                conn.execute(rows.table.insert(), [dict(zip(rows.columns, row, strict=True)) for row in rows.rows])


def write(engine: Engine, tables: Iterable[Rows]) -> None:
    """Write the rows into an empty, migrated database, then refresh the planner's statistics."""
    if engine.dialect.name == "postgresql":
        _copy(engine, tables)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        _insert(engine, tables)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


class DataSet:
    """The rows of a generated municipality. `generate()` fills them; a subclass adds what its
    benchmark needs around each log (the hooks `people_of_log` and `rest_of_log`)."""

    TABLES = (
        "unit", "person", "stafett_log", "participant", "concern", "goal", "measure", "evaluation",
        "comment", "glimmer", "access_attempt", "unit_leader",
    )  # fmt: skip

    def __init__(self, shape: Shape, *, today: date, seed: int = 2026):
        self.shape, self.today = shape, today
        self.pick = random.Random(seed)  # noqa: S311 - a repeatable data set, not a secret
        self.now = datetime.combine(today, time(12))
        self.rows = {name: Rows(name) for name in self.TABLES}
        self.categories = [c.value for c in ConcernCategory]
        self.staff: dict[int, list[int]] = {}
        self.leaders: dict[int, int] = {}

    def between(self, span: tuple[int, int]) -> int:
        return self.pick.randint(*span)

    def person(self, kind: str, **extra: Any) -> int:
        return self.rows["person"].add(
            first_name=self.pick.choice(FIRST),
            last_name=self.pick.choice(LAST),
            kind=kind,
            title=extra.pop("title", ""),
            is_leader=extra.pop("is_leader", False),
            may_hold_logs=kind == "staff",
            **extra,
        )

    def generate(self) -> dict[str, int]:
        """Build every row (nothing written yet). Returns the row counts per table."""
        shape = self.shape
        for n in range(shape.units):
            unit_id = self.rows["unit"].add(name=f"Enhet {n + 1}", kind="school" if n % 2 else "kindergarten")
            self.leaders[unit_id] = self.person("staff", unit_id=unit_id, is_leader=True, title="Leder")
            self.rows["unit_leader"].add(unit_id=unit_id, person_id=self.leaders[unit_id])
            self.staff[unit_id] = [
                self.person("staff", unit_id=unit_id, title="Lærer") for _ in range(shape.staff_per_unit)
            ]
        # One big unit (a fifth of all logs), the rest spread evenly: the big one is the hard case.
        unit_ids = list(self.staff)
        weights = [max(1, shape.units // 4)] + [1] * (shape.units - 1)
        for n in range(shape.logs):
            self.log(n, self.unit_of_log(n, unit_ids, weights))
        return {name: len(rows.rows) for name, rows in self.rows.items()}

    def unit_of_log(self, n: int, unit_ids: list[int], weights: list[int]) -> int:
        return self.pick.choices(unit_ids, weights)[0]

    def log_status(self, n: int) -> str:
        return self.pick.choices(["active", "passive", "draft"], [80, 15, 5])[0]

    def holder_of_log(self, n: int, unit_id: int) -> int:
        return self.pick.choice(self.staff[unit_id])

    def holder_gone_at(self, n: int, created: datetime) -> datetime | None:
        """When the holder left the log (their participant row removed), or None."""
        return created + timedelta(days=5) if self.pick.random() < self.shape.holder_gone else None

    def child_of_log(self, n: int) -> int:
        return self.person("child", birth_date=self.today - timedelta(days=self.pick.randint(2000, 6000)))

    def people_of_log(self, n: int, log_id: int, unit_id: int, holder: int, created: datetime) -> dict[str, int]:
        """Who is responsible for a measure in each arena. Here: the holder for all of them."""
        return {arena.value: holder for arena in Arena}

    def rest_of_log(self, n: int, log_id: int, holder: int, people: dict[str, int], created: datetime) -> None:
        """What a subclass adds to each log after its plan."""

    def log(self, n: int, unit_id: int) -> int:
        shape, pick, rows = self.shape, self.pick, self.rows
        holder = self.holder_of_log(n, unit_id)
        child = self.child_of_log(n)
        created = self.now - timedelta(days=pick.randint(10, 900))
        status = self.log_status(n)
        log_id = rows["stafett_log"].add(
            child_id=child,
            unit_id=unit_id,
            status=status,
            level=0 if status == "draft" else pick.randint(1, 3),
            created_by_id=holder,
            created_at=created,
            activated_at=None if status == "draft" else created + timedelta(days=2),
            closed_at=self.now - timedelta(days=5) if status == "passive" else None,
        )
        gone = self.holder_gone_at(n, created)
        rows["participant"].add(log_id=log_id, person_id=holder, role="holder", added_at=created, removed_at=gone)
        rows["participant"].add(log_id=log_id, person_id=child, role="owner", added_at=created)
        people = self.people_of_log(n, log_id, unit_id, holder, created)
        people["owner"] = child
        arenas = [arena.value for arena in Arena]
        for _ in range(self.between(shape.concerns)):
            concern_id = rows["concern"].add(
                log_id=log_id,
                text="Generert",
                category=pick.choice(self.categories),
                created_by_id=holder,
                created_at=created,
            )
            main = rows["goal"].add(concern_id=concern_id, text="Generert", created_by_id=holder, created_at=created)
            goals = [main] + [
                rows["goal"].add(
                    concern_id=concern_id, parent_id=main, text="Delmål", created_by_id=holder, created_at=created
                )
                for _ in range(self.between(shape.sub_goals))
            ]
            for goal_id in goals:
                for m in range(self.between(shape.measures_per_goal)):
                    self.measure(goal_id, arenas[m % len(arenas)], people, holder, created)
        for _ in range(self.between(shape.comments)):
            rows["comment"].add(
                log_id=log_id,
                author_id=holder,
                text="Generert",
                created_at=self.now - timedelta(days=pick.randint(0, 120)),
            )
        for _ in range(self.between(shape.glimmers)):
            rows["glimmer"].add(
                log_id=log_id, author_id=holder, text="Fint", created_at=self.now - timedelta(days=pick.randint(0, 120))
            )
        if pick.random() < shape.refused:
            rows["access_attempt"].add(
                person_id=pick.choice(self.staff[unit_id]),
                log_id=log_id,
                action="view_plan",
                at=self.now - timedelta(days=pick.randint(0, 60)),
            )
        self.rest_of_log(n, log_id, holder, people, created)
        return log_id

    def measure(self, goal_id: int, arena: str, people: dict[str, int], holder: int, created: datetime) -> int:
        pick, today = self.pick, self.today
        due = today + timedelta(days=pick.randint(-60, 60))
        written = created + timedelta(days=pick.randint(0, 30))
        measure_id = self.rows["measure"].add(
            goal_id=goal_id,
            title="Generert",
            description="",
            arena=arena,
            responsible_id=people[arena],
            start_date=written.date(),
            evaluation_date=due,
            picture="",
            created_by_id=holder,
            created_at=written,
            ended_at=self.now if pick.random() < self.shape.ended else None,
        )
        if pick.random() < self.shape.evaluated:
            on = due - timedelta(days=pick.randint(-5, 40))
            self.rows["evaluation"].add(
                measure_id=measure_id,
                result=pick.choice(["green", "red"]),
                outcome="continue",
                text="Generert",
                participants_text="",
                evaluated_on=on,
                recorded_by_id=holder,
                recorded_at=datetime.combine(on, time(10)),
            )
        return measure_id


def generate(engine: Engine, *, logs: int = 10_000, today: date, seed: int = 2026) -> dict[str, int]:
    """Fill an empty, migrated database. Returns the row counts, and the biggest unit's leader id."""
    data = DataSet(Shape(logs=logs), today=today, seed=seed)
    counts = data.generate()
    write(engine, data.rows.values())
    unit_ids = list(data.staff)
    counts["big_unit_leader"] = data.leaders[unit_ids[0]]
    counts["small_unit_leader"] = data.leaders[unit_ids[1]]
    return counts
