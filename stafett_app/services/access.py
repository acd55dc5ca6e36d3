"""How a person relates to a log, read from the database and handed to domain.permissions."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, NoReturn, TypeVar

from sqlalchemy import ColumnElement, CompoundSelect, Row, and_, bindparam, exists, literal, union_all
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from stafett_app.db import memoized, plain_connection, read_memo
from stafett_app.domain.dates import age_on, today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.leadership import led_units, may_lead
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.permissions import Action, LogAccess, require
from stafett_app.domain.relay import HandoverStatus
from stafett_app.domain.roles import LogRole
from stafett_app.models import AccessAttempt, Handover, Participant, Person, StafettLog, UnitLeader, id_of
from stafett_app.services import log_cache, read

T = TypeVar("T")

# Every access check runs these: built once (see services.read on prebuilt statements).
_ROLES = select(Participant.role).where(
    Participant.log_id == bindparam("log_id"),
    Participant.person_id == bindparam("person_id"),
    col(Participant.removed_at).is_(None),
)
_LED_UNITS = select(UnitLeader.unit_id).where(UnitLeader.person_id == bindparam("person_id"))
# What access_for reads besides the roles, in one statement: a handover waiting for the person
# ("handover", its id) and the units they lead ("leads", a unit id), one row each.
_HANDOVER_TO_AND_LED_UNITS: CompoundSelect[str, int] = union_all(
    select(literal("handover"), Handover.id).where(
        Handover.log_id == bindparam("log_id"),
        Handover.to_person_id == bindparam("person_id"),
        Handover.status == HandoverStatus.PENDING,
    ),
    select(literal("leads"), UnitLeader.unit_id).where(UnitLeader.person_id == bindparam("person_id")),
)
# The same with the person's roles in the log, for a check in a session that has not read them (a write,
# the timeline): each role in the first column, 0 beside it (no role is called "handover" or "leads").
_ROLES_HANDOVER_TO_AND_LED_UNITS: CompoundSelect[str, int] = union_all(
    select(Participant.role, literal(0)).where(
        Participant.log_id == bindparam("log_id"),
        Participant.person_id == bindparam("person_id"),
        col(Participant.removed_at).is_(None),
    ),
    *_HANDOVER_TO_AND_LED_UNITS.selects,
)
_NOT_ROLES = frozenset({"handover", "leads"})
_LOGS_AND_ROLES = (
    select(StafettLog, Participant.role)
    .join(Participant, col(Participant.log_id) == col(StafettLog.id))
    .where(Participant.person_id == bindparam("person_id"), col(Participant.removed_at).is_(None))
)
# What access_for reads besides the roles, per log, for a statement that reads the log's row anyway (the
# header's on every page load, open_log's): whether a handover waits for the person, and whether they
# lead the log's unit. The access check then needs no statement of its own (_HANDOVER_TO_AND_LED_UNITS).
_BESIDE_ROLES = (
    exists().where(
        col(Handover.log_id) == col(StafettLog.id),
        col(Handover.to_person_id) == bindparam("person_id"),
        col(Handover.status) == HandoverStatus.PENDING,
    ),
    exists().where(
        col(UnitLeader.person_id) == bindparam("person_id"), col(UnitLeader.unit_id) == col(StafettLog.unit_id)
    ),
)


# One log with what access_for needs of the person's relation to it (their roles: a row each, or one
# without; _BESIDE_ROLES) and the stamps of its content (the page's views read them next): an access
# check on a log the session has not read yet costs one statement, not two.
_LOG_AND_ROLE = (
    select(StafettLog, Participant.role, *_BESIDE_ROLES)
    .outerjoin(
        Participant,
        and_(
            col(Participant.log_id) == col(StafettLog.id),
            col(Participant.person_id) == bindparam("person_id"),
            col(Participant.removed_at).is_(None),
        ),
    )
    .where(col(StafettLog.id) == bindparam("log_id"))
)
_LOG_AND_ACCESS: Select[tuple[Any, ...]] = log_cache.with_stamps(_LOG_AND_ROLE)  # type: ignore[arg-type, assignment]


def log_with_access(session: Session, person: Person, log_id: int) -> StafettLog | None:
    """The log (None if there is none), and what access_for then reads of it kept in the read memo: the
    read open_log makes before its check (no check of its own: use open_log)."""
    memo = read_memo(session)
    if memo is None or ("beside roles", log_id, person.id) in memo or ("access", log_id, person.id) in memo:
        return session.get(StafettLog, log_id)
    rows: list[Any] = list(session.exec(_LOG_AND_ACCESS, params={"log_id": log_id, "person_id": person.id}))
    if not rows:
        return None
    log: StafettLog
    log, _role, pending, leads_its_unit, *stamps = rows[0]
    memo[("log", log_id)] = log  # held, so the next session.get of it is answered from the session
    memo[("roles", log_id, person.id)] = frozenset(LogRole(row[1]) for row in rows if row[1] is not None)
    memo[("beside roles", log_id, person.id)] = (bool(pending), bool(leads_its_unit))
    log_cache.remember_stamps(session, stamps)
    return log


def current_roles(session: Session, log_id: int, person_id: int) -> frozenset[LogRole]:
    def read() -> frozenset[LogRole]:
        found = session.exec(_ROLES, params={"log_id": log_id, "person_id": person_id}).all()
        return frozenset(LogRole(role) for role in found)

    return memoized(session, ("roles", log_id, person_id), read)


def led_unit_ids(session: Session, person: Person) -> frozenset[int]:
    """The units the person leads (domain.leadership.led_units over their unit_leader links)."""
    if person.id is None:
        return frozenset()

    def read() -> frozenset[int]:  # once per page load: the leader's pages ask in several places
        linked = session.exec(_LED_UNITS, params={"person_id": person.id}).all()
        return led_units(linked_units=linked, active=person.deactivated_at is None)

    return memoized(session, ("led units", person.id), read)


def access_for(session: Session, log: StafettLog, person: Person) -> LogAccess:
    def read() -> LogAccess:
        memo = read_memo(session)
        roles_key = ("roles", log.id, person.id)
        roles_read = memo is not None and roles_key in memo  # by the header's count, on a page load
        # What the header's statement read beside the roles (_BESIDE_ROLES), when it did.
        beside = memo.get(("beside roles", log.id, person.id)) if memo is not None and roles_read else None
        found: Sequence[Row[str, int]] = []
        if beside is not None:
            pending, leads_its_unit = beside
            linked = [log.unit_id] if leads_its_unit and log.unit_id is not None else []
        else:
            # Plain SQL on the session's connection: the rows are two columns, nothing for the ORM to build.
            statement = _HANDOVER_TO_AND_LED_UNITS if roles_read else _ROLES_HANDOVER_TO_AND_LED_UNITS
            found = plain_connection(session).execute(statement, {"log_id": log.id, "person_id": person.id}).all()
            pending = any(kind == "handover" for kind, _id in found)
            linked = [i for kind, i in found if kind == "leads"]
        if roles_read:
            roles = current_roles(session, id_of(log), id_of(person))
        else:
            roles = frozenset(LogRole(kind) for kind, _id in found if kind not in _NOT_ROLES)
        led = led_units(linked_units=linked, active=person.deactivated_at is None)
        if memo is not None:
            memo[("log", log.id)] = log  # held, so the next session.get of it is answered from the session
            memo[roles_key] = roles
        return LogAccess(
            person_id=id_of(person),
            roles=roles,
            status=LogStatus(log.status),
            is_draft_author=log.created_by_id == person.id,
            person_age=age_on(person.birth_date, today_in_norway()),
            # A practice log is its practising person's alone: no leader reaches it through the unit.
            is_unit_leader=not log.is_practice and may_lead(led, log.unit_id),
            pending_handover_to_me=pending,
        )

    return memoized(session, ("access", log.id, person.id), read)


def accesses_in_log(session: Session, log: StafettLog) -> dict[int, LogAccess]:
    """Everyone taking part in a log and what they are to it, from the participants and people the
    session has read (read.participants_in_force, read.people_by_id), not one query per person."""
    roles: dict[int, set[LogRole]] = defaultdict(set)
    for participant in read.participants_in_force(session, id_of(log)):
        roles[participant.person_id].add(LogRole(participant.role))
    people = read.people_by_id(session, set(roles)).values()
    today = today_in_norway()
    return {
        id_of(p): LogAccess(
            person_id=id_of(p),
            roles=frozenset(roles[id_of(p)]),
            status=LogStatus(log.status),
            is_draft_author=log.created_by_id == p.id,
            person_age=age_on(p.birth_date, today),
        )
        for p in people
    }


def accesses_of_person(session: Session, person: Person) -> dict[int, tuple[StafettLog, LogAccess]]:
    """Every log the person takes part in, with what they are to it, in one query (none when the
    header's statement read them in this session: accesses_of_person_with)."""
    return memoized(
        session,
        ("accesses of", person.id),
        lambda: _accesses_of(session, person, session.exec(_LOGS_AND_ROLES, params={"person_id": person.id}).all()),
    )


@cache
def _logs_and_roles_with(per_log: ColumnElement[Any]) -> Select[tuple[Any, ...]]:
    # The log, the role, _BESIDE_ROLES, the log's and the site's stamps (log_cache.STAMP_COLUMNS), per_log.
    return log_cache.with_stamps(_LOGS_AND_ROLES.add_columns(*_BESIDE_ROLES)).add_columns(per_log)  # type: ignore[return-value]


def accesses_of_person_with(
    session: Session, person: Person, per_log: ColumnElement[T]
) -> tuple[dict[int, tuple[StafettLog, LogAccess]], dict[int, T]]:
    """accesses_of_person, and a value per log from the same statement: `per_log`, an expression
    correlated with stafett_log, built once by the caller (its only parameter `person_id`)."""
    rows: list[Any] = list(session.exec(_logs_and_roles_with(per_log), params={"person_id": person.id}))
    values = {id_of(row[0]): row[-1] for row in rows}
    accesses = _accesses_of(session, person, [(row[0], row[1]) for row in rows])
    if (memo := read_memo(session)) is not None:
        memo[("accesses of", person.id)] = accesses
        for log, _role, pending, leads_its_unit, *stamps, _value in rows:
            memo[("beside roles", id_of(log), person.id)] = (bool(pending), bool(leads_its_unit))
            log_cache.remember_stamps(session, stamps)
    return accesses, values


def _accesses_of(
    session: Session, person: Person, rows: Iterable[tuple[StafettLog, str]]
) -> dict[int, tuple[StafettLog, LogAccess]]:
    roles: dict[int, set[LogRole]] = defaultdict(set)
    logs: dict[int, StafettLog] = {}
    for log, role in rows:
        logs[id_of(log)] = log
        roles[id_of(log)].add(LogRole(role))
    if (memo := read_memo(session)) is not None:
        # What the page then opens of one of these logs is answered from here: the log (held, as the
        # session keeps its rows only while they are referenced) and the person's roles in it.
        for log_id, log in logs.items():
            memo[("log", log_id)] = log
            memo[("roles", log_id, person.id)] = frozenset(roles[log_id])
    age = age_on(person.birth_date, today_in_norway())
    return {
        log_id: (
            log,
            LogAccess(
                person_id=id_of(person),
                roles=frozenset(roles[log_id]),
                status=LogStatus(log.status),
                is_draft_author=log.created_by_id == person.id,
                person_age=age,
            ),
        )
        for log_id, log in logs.items()
    }


def record_refusal(session: Session, person_id: int | None, log_id: int | None, action: str) -> None:
    """Keep a trace of the refusal, committed even though the caller's work is rolled back."""
    with Session(session.get_bind()) as audit:
        audit.add(AccessAttempt(person_id=person_id, log_id=log_id, action=action, at=utcnow()))
        audit.commit()


def open_log(
    session: Session,
    person: Person,
    log_id: int,
    action: Action,
    *,
    measure_responsible_id: int | None = None,
    secretary_id: int | None = None,
    handover_to_id: int | None = None,
) -> tuple[StafettLog, LogAccess]:
    """Load the log and check the action; a missing log and a forbidden one look the same."""
    log = log_with_access(session, person, log_id)
    if log is None:
        refuse(session, person, log_id, action)
    access = access_for(session, log, person)
    try:
        require(
            access,
            action,
            measure_responsible_id=measure_responsible_id,
            secretary_id=secretary_id,
            handover_to_id=handover_to_id,
        )
    except PermissionDenied:
        record_refusal(session, person.id, log_id, action.value)
        raise
    return log, access


def refuse(session: Session, person: Person, log_id: int, action: Action) -> NoReturn:
    """Record the refused attempt and refuse. A missing row is refused like a forbidden one
    (log_id -1 when the row that would name the log does not exist)."""
    record_refusal(session, person.id, log_id, action.value)
    raise PermissionDenied()
