"""The issue-12 data set: a municipality on PostgreSQL (40 units, 2,000 staff, 10,000 logs, about
100,000 measures, 60,000 evaluations, 100,000 messages and 20,000 meetings), every log with its family,
other services, consent, meetings and conversations, so each page renders as it would in use.

Built on bench/leader_data.py's `DataSet` (same names, same COPY writer; plain inserts on SQLite).
`--scale` shrinks it (0.02: 200 logs, the size of the demo). The data look settled, as after the
server has run: the periodic archive copies are done and the due reminders sent, so a server started
on it does not spend its first minutes making 10,000 PDFs.

Known people to sign in as (demo sign-in, `STAFETT_DEMO_MODE=1`): the first `demo` logs (200 at most)
each have their own holder, guardian and child with login subjects `demo:bench-holder-<n>`,
`demo:bench-guardian-<n>` and `demo:bench-child-<n>`; `demo_logs()` lists them for the load benchmark.

    .venv/bin/python -m bench.municipality_data --db-url postgresql+psycopg://postgres@127.0.0.1:5432/mydb
    .venv/bin/python -m bench.municipality_data --db-url sqlite:///var/bench.db --scale 0.02

The database must be empty and migrated (the command migrates it).
"""

import argparse
import os
import time
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bench.leader_data import DataSet, Rows, Shape, write
from stafett_app.domain.archive import CopyStatus, periodic_due
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.messages import MessageKind
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.plan_rules import Arena
from stafett_app.domain.relay import LogEventKind
from stafett_app.domain.roles import LogRole
from stafett_app.models import Participant, Person
from stafett_app.services.auth import DEMO_SUBJECT_PREFIX
from stafett_app.services.notification_delivery import reminders_due

MUNICIPALITY = Shape(
    logs=10_000,
    units=40,
    staff_per_unit=49,  # and a leader: 2,000 staff
    concerns=(1, 3),
    sub_goals=(0, 2),
    measures_per_goal=(1, 4),  # about 10 measures a log
    comments=(0, 6),
    glimmers=(0, 4),
    evaluated=0.6,
)
DEMO_PEOPLE = 200  # one per client of the load benchmark: the write limit counts per person
ANSWERS = ["", "yes", "yes", "no", "maybe"]
ALL_READ = 0.7  # share of conversations the holder has read to the end


@dataclass(frozen=True)
class DemoLog:
    """A log with its own people to sign in as."""

    log_id: int
    holder_id: int
    guardian_id: int
    child_id: int


def shape_at(scale: float) -> Shape:
    """The municipality, `scale` times as big (units and logs; a unit keeps its staff)."""
    return replace(
        MUNICIPALITY,
        logs=max(1, round(MUNICIPALITY.logs * scale)),
        units=max(5, round(MUNICIPALITY.units * scale)),
    )


class Municipality(DataSet):
    TABLES = (
        *DataSet.TABLES,
        "consent", "consent_entry", "log_event", "meeting", "meeting_invite", "conversation", "message",
        "conversation_read", "archive_copy",
    )  # fmt: skip

    def __init__(self, shape: Shape, *, today: date, seed: int = 2026, demo: int = DEMO_PEOPLE):
        super().__init__(shape, today=today, seed=seed)
        self.demo = min(demo, shape.logs, shape.units * shape.staff_per_unit)
        self.demo_logs: list[DemoLog] = []
        self._family: list[int] = []  # the current log's guardians and other services, for rest_of_log
        self._actors: list[int] = []

    # --- the demo people's logs: active, each with its own holder, guardian and child -------------

    def _demo_holder(self, n: int) -> int:
        unit_ids = list(self.staff)
        return self.staff[unit_ids[n % len(unit_ids)]][n // len(unit_ids)]

    def unit_of_log(self, n: int, unit_ids: list[int], weights: list[int]) -> int:
        if n < self.demo:
            return unit_ids[n % len(unit_ids)]
        return super().unit_of_log(n, unit_ids, weights)

    def holder_of_log(self, n: int, unit_id: int) -> int:
        if n >= self.demo:
            return super().holder_of_log(n, unit_id)
        holder = self._demo_holder(n)
        # Demo staff sign in like the seeded demo people (services.auth.is_demo_person).
        _set(self.rows["person"], holder, "login_subject", f"{DEMO_SUBJECT_PREFIX}bench-holder-{n + 1}")
        return holder

    def holder_gone_at(self, n: int, created: datetime) -> datetime | None:
        return None if n < self.demo else super().holder_gone_at(n, created)

    def log_status(self, n: int) -> str:
        return LogStatus.ACTIVE.value if n < self.demo else super().log_status(n)

    def child_of_log(self, n: int) -> int:
        if n >= self.demo:
            return super().child_of_log(n)
        # Under 15, so the child page is theirs and the guardian consents.
        born = self.today - timedelta(days=self.pick.randint(6 * 365, 13 * 365))
        return self.person("child", birth_date=born, login_subject=f"{DEMO_SUBJECT_PREFIX}bench-child-{n + 1}")

    # --- around each log ---------------------------------------------------------------------------

    def people_of_log(self, n: int, log_id: int, unit_id: int, holder: int, created: datetime) -> dict[str, int]:
        rows, pick = self.rows, self.pick
        demo = n < self.demo
        guardians = [
            self.person(
                "guardian",
                login_subject=f"{DEMO_SUBJECT_PREFIX}bench-guardian-{n + 1}" if demo and g == 0 else None,
            )
            for g in range(1 if demo else pick.randint(1, 2))
        ]
        other_units = list(self.staff)
        actors = list(
            dict.fromkeys(pick.choice(self.staff[pick.choice(other_units)]) for _ in range(pick.randint(1, 2)))
        )
        actors = [a for a in actors if a != holder]
        for guardian in guardians:
            rows["participant"].add(log_id=log_id, person_id=guardian, role=LogRole.GUARDIAN, added_at=created)
        for actor in actors:
            rows["participant"].add(log_id=log_id, person_id=actor, role=LogRole.ACTOR, added_at=created)
        self._family = guardians
        self._actors = actors
        return {
            Arena.SERVICE.value: actors[0] if actors else holder,
            Arena.HOME.value: guardians[0],
            Arena.CHILD.value: holder,  # replaced by the child below (log() adds the owner after this)
        }

    def measure(self, goal_id: int, arena: str, people: dict[str, int], holder: int, created: datetime) -> int:
        if arena == Arena.CHILD.value:
            people = {**people, arena: people["owner"]}
        return super().measure(goal_id, arena, people, holder, created)

    def rest_of_log(self, n: int, log_id: int, holder: int, people: dict[str, int], created: datetime) -> None:
        rows, pick = self.rows, self.pick
        status_column = rows["stafett_log"].columns.index("status")
        status = rows["stafett_log"].rows[log_id - 1][status_column]
        guardians, actors = self._family, self._actors
        if n < self.demo:
            self.demo_logs.append(DemoLog(log_id, holder, guardians[0], people["owner"]))
        if status == LogStatus.DRAFT:
            return
        given = created + timedelta(days=1)
        consent = rows["consent"].add(log_id=log_id, version=1, given_by_id=guardians[0], given_at=given)
        rows["consent_entry"].add(consent_id=consent, person_id=holder, role=LogRole.HOLDER)
        for actor in actors:
            rows["consent_entry"].add(consent_id=consent, person_id=actor, role=LogRole.ACTOR)
        rows["log_event"].add(
            log_id=log_id, kind=LogEventKind.CONSENT_ON_RECORD, at=given, actor_id=guardians[0], text="digital"
        )
        rows["log_event"].add(
            log_id=log_id, kind=LogEventKind.ACTIVATED, at=created + timedelta(days=2), actor_id=holder
        )
        if status == LogStatus.PASSIVE:
            rows["log_event"].add(
                log_id=log_id, kind=LogEventKind.CLOSED, at=self.now - timedelta(days=5), actor_id=holder
            )
        invited = [holder, *guardians, *actors]
        for _ in range(pick.randint(1, 3)):
            starts = self.now + timedelta(days=pick.randint(-120, 60), hours=pick.randint(-3, 3))
            meeting = rows["meeting"].add(
                log_id=log_id,
                starts_at=starts,
                duration_minutes=60,
                place="Møterommet",
                agenda="Status, og hva vi gjør videre",
                called_by_id=holder,
                created_at=starts - timedelta(days=14),
                minutes="Vi ble enige om neste steg." if starts < self.now else "",
            )
            for person in invited:
                rows["meeting_invite"].add(meeting_id=meeting, person_id=person, response=pick.choice(ANSWERS))
        for _ in range(pick.randint(1, 3)):
            begun = self.now - timedelta(days=pick.randint(1, 200))
            conversation = rows["conversation"].add(
                log_id=log_id,
                subject="Om neste møte",
                with_everyone=True,
                started_by_id=holder,
                created_at=begun,
                last_message_at=begun,
            )
            sent = begun
            last = 0
            for _ in range(pick.randint(1, 10)):
                sent += timedelta(hours=pick.randint(1, 48))
                last = rows["message"].add(
                    conversation_id=conversation,
                    sender_id=pick.choice(invited),
                    body="Takk, det passer fint.",
                    kind=MessageKind.TEXT,
                    sent_at=sent,
                )
            _set(rows["conversation"], conversation, "last_message_at", sent)
            # The holder has read all but the newest now and then: the unread counts have something to count.
            read_to = last if pick.random() < ALL_READ else last - 1
            rows["conversation_read"].add(conversation_id=conversation, person_id=holder, last_read_message_id=read_to)
        if status == LogStatus.ACTIVE:
            # The periodic archive copies the server would have made by now.
            activated = (created + timedelta(days=2)).date()
            for trigger, key in periodic_due(LogStatus.ACTIVE, activated, {}, self.today):
                rows["archive_copy"].add(
                    log_id=log_id,
                    trigger=trigger,
                    trigger_key=key,
                    status=CopyStatus.DONE,
                    created_at=self.now - timedelta(days=1),
                    finished_at=self.now - timedelta(days=1),
                    sha256="0" * 64,
                    size=1,
                    storage_path=f"archive/bench-{log_id}-{trigger}.pdf",
                    attempts=1,
                )


def _with(row: tuple, index: int, value: object) -> tuple:
    return (*row[:index], value, *row[index + 1 :])


def _set(rows: Rows, row_id: int, column: str, value: object) -> None:
    rows.rows[row_id - 1] = _with(rows.rows[row_id - 1], rows.columns.index(column), value)


def _reminders_sent(engine: Engine, today: date) -> Rows:
    """The evaluation reminders the server would have sent by now (the app's own query picks them)."""
    sent = Rows("reminder_sent")
    with Session(engine) as session:
        for measure_id, _log_id, person_id, due_on in reminders_due(session, today):
            sent.add(
                kind=EventKind.EVALUATION_DUE.value,
                subject_id=measure_id,
                person_id=person_id,
                due_on=due_on,
                sent_at=datetime.combine(today, datetime.min.time()),
            )
    return sent


def generate(
    engine: Engine, *, scale: float = 1.0, today: date, seed: int = 2026
) -> tuple[dict[str, int], list[DemoLog]]:
    """Fill an empty, migrated database. Returns the row counts per table and the demo people's logs."""
    data = Municipality(shape_at(scale), today=today, seed=seed)
    counts = data.generate()
    write(engine, data.rows.values())
    reminders = _reminders_sent(engine, today)
    write(engine, [reminders])
    counts["reminder_sent"] = len(reminders.rows)
    return counts, data.demo_logs


def demo_logs(engine: Engine) -> list[DemoLog]:
    """The generated demo logs, read back from a filled database (the load benchmark's clients)."""
    holders = {}
    guardians = {}
    children = {}
    prefix = f"{DEMO_SUBJECT_PREFIX}bench-"
    with Session(engine) as session:
        rows = session.execute(
            select(Participant.log_id, Participant.role, Person.id, Person.login_subject)
            .join(Person, Person.id == Participant.person_id)  # type: ignore[arg-type]
            .where(Person.login_subject.startswith(prefix))  # type: ignore[union-attr]
        ).all()
    for log_id, role, person_id, _subject in rows:
        {LogRole.HOLDER: holders, LogRole.GUARDIAN: guardians, LogRole.OWNER: children}.get(role, {})[log_id] = (
            person_id
        )
    return [
        DemoLog(log_id, holders[log_id], guardians[log_id], children[log_id])
        for log_id in sorted(holders)
        if log_id in guardians and log_id in children
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db-url", required=True, help="an empty database (migrated here)")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the municipality; 0.02 = demo size")
    args = parser.parse_args()
    os.environ["STAFETT_DB_URL"] = args.db_url  # alembic's env reads the app's settings
    from stafett_app.domain.dates import today_in_norway
    from stafett_app.migrate import upgrade_to_head

    upgrade_to_head()
    engine = create_engine(args.db_url)
    started = time.perf_counter()
    counts, demo = generate(engine, scale=args.scale, today=today_in_norway())
    print(f"Generated in {time.perf_counter() - started:.1f} s: {counts}; {len(demo)} demo logs")


if __name__ == "__main__":
    main()
