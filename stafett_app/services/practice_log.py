"""Practice logs (domain.practice): start one, act for its invented family, list them, and delete
each with its invented people after 30 days. The guards every adding service uses are in practice.py."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Table, delete, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from stafett_app.db import session_scope
from stafett_app.domain import lifecycle
from stafett_app.domain import practice as rules
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.permissions import Action
from stafett_app.domain.relay import LogEventKind, ObservationKind
from stafett_app.domain.roles import LogRole, PersonKind
from stafett_app.i18n import format_short_date
from stafett_app.models import ConsentAsk, ConsentRequest, Observation, Participant, Person, StafettLog, id_of
from stafett_app.services import consent_flow, log_events
from stafett_app.services.access import open_log, record_refusal
from stafett_app.services.log_rows import delete_rows_of_log
from stafett_app.services.request_keys import once

# The invented people. Names are plainly made up; the banner on every page says so as well.
_CHILD = ("Milla", "Øvelse")
_GUARDIAN = ("Anja", "Øvelse")
_COLLEAGUE = ("Trym", "Prøvesen", "helsesykepleier")
START_ACTION = "start_practice"


def start_practice_log(session: Session, person: Person, *, request_key: str | None = None) -> int:
    """A practice log with an invented child, guardian and colleague; the person holds it."""
    if not rules.may_start_practice(person.kind, active=person.deactivated_at is None) or person.unit_id is None:
        record_refusal(session, person.id, None, START_ACTION)
        raise PermissionDenied()
    return once(session, id_of(person), request_key, "practice_log", lambda: _start(session, person))


def _invented(first: str, last: str, kind: PersonKind, log_id: int | None = None) -> Person:
    return Person(first_name=first, last_name=last, kind=kind, practice_log_id=log_id)


def _start(session: Session, person: Person) -> int:
    today = today_in_norway()
    now = utcnow()
    birth = date(today.year - rules.PRACTICE_CHILD_AGE, today.month, min(today.day, 28))
    child = _invented(*_CHILD, PersonKind.CHILD)
    child.birth_date = birth
    session.add(child)
    session.flush()
    log = StafettLog(
        child_id=id_of(child),
        unit_id=person.unit_id,  # type: ignore[arg-type]
        status=lifecycle.LogStatus.DRAFT,
        level=0,
        created_by_id=id_of(person),
        created_at=now,
        is_practice=True,
    )
    session.add(log)
    session.flush()
    child.practice_log_id = log.id
    guardian = _invented(*_GUARDIAN, PersonKind.GUARDIAN, log.id)
    first, last, title = _COLLEAGUE
    # No unit: an invented colleague never shows in a unit's staff lists.
    colleague = _invented(first, last, PersonKind.STAFF, log.id)
    colleague.title = title
    session.add_all([child, guardian, colleague])
    session.flush()
    for who, role in ((person, LogRole.HOLDER), (child, LogRole.OWNER), (guardian, LogRole.GUARDIAN)):
        session.add(Participant(log_id=id_of(log), person_id=id_of(who), role=role, added_at=now))
    session.add(
        Observation(
            log_id=id_of(log),
            author_id=id_of(person),
            kind=ObservationKind.OBSERVATION,
            observed_on=today,
            text="Milla sitter alene i friminuttene og sier lite i timene.",
            created_at=now,
        )
    )
    log_events.record(session, log, LogEventKind.DRAFT_STARTED, actor_id=person.id)
    session.flush()
    return id_of(log)


# --- acting for the invented family -------------------------------------------------------------


def confirm_for_family(session: Session, person: Person, log_id: int) -> int:
    """The practising person confirms the latest consent request on behalf of every invented person
    asked. Returns the consent version on record. Refused in a real log and for anyone else.

    Idempotent by itself, like a guardian's own confirmation: a second tap finds the request already
    on record and returns its version. (A request key would not do: SQLite reuses the ids of a
    deleted practice log's rows, so a key built from them could meet an old one.)"""
    log, _ = open_log(session, person, log_id, Action.ASK_CONSENT)
    request = session.exec(
        select(ConsentRequest)
        .where(ConsentRequest.log_id == log_id, col(ConsentRequest.superseded_at).is_(None))
        .order_by(col(ConsentRequest.id).desc())
    ).first()
    asked = session.exec(
        select(Person)
        .join(ConsentAsk, col(ConsentAsk.person_id) == col(Person.id))
        .where(ConsentAsk.request_id == (request.id if request else -1))
    ).all()
    if request is None or not asked:
        raise ValidationFailed({"consent": "error.practice_nothing_to_confirm"})
    for invented in asked:
        try:
            rules.require_may_act_for(
                log_is_practice=log.is_practice,
                log_id=log_id,
                log_owner_id=log.created_by_id,
                person_id=id_of(person),
                invented_log_id=invented.practice_log_id,
            )
        except PermissionDenied:
            record_refusal(session, person.id, log_id, "practice_act_for")
            raise
    version = 0
    for invented in asked:
        version = consent_flow.confirm_consent(session, invented, log_id, id_of(request))
    return version


def banner_date(session: Session, log_id: int, lang: str) -> str:
    """For the banner on every page of a practice log: the day it is deleted, in words; empty for a real log."""
    log = session.get(StafettLog, log_id)
    if log is None or not log.is_practice:
        return ""
    return format_short_date(lang, rules.deleted_after(log.created_at).date())


# --- the list on Mine logger --------------------------------------------------------------------


@dataclass(frozen=True)
class PracticeRow:
    log_id: int
    child_name: str
    status: str
    deleted_on: date


def practice_logs_of(session: Session, person: Person) -> list[PracticeRow]:
    rows = session.exec(
        select(StafettLog, Person)
        .join(Person, col(Person.id) == col(StafettLog.child_id))
        .where(col(StafettLog.is_practice), StafettLog.created_by_id == person.id)
        .order_by(col(StafettLog.created_at).desc())
    ).all()
    return [
        PracticeRow(id_of(log), f"{c.first_name} {c.last_name}", log.status, rules.deleted_after(log.created_at).date())
        for log, c in rows
    ]


# --- deletion after PRACTICE_DAYS --------------------------------------------------------------


def delete_expired(bind: Engine, now: datetime | None = None) -> int:
    """Delete every practice log older than PRACTICE_DAYS with its invented people. Every worker
    may run it: each log is deleted in its own transaction that first locks the log's row, so a
    second worker waits and then finds nothing left to delete. Returns how many this call deleted."""
    now = now or utcnow()
    with session_scope(bind) as session:
        due = session.exec(
            select(StafettLog.id).where(
                col(StafettLog.is_practice), col(StafettLog.created_at) <= rules.expiry_cutoff(now)
            )
        ).all()
    deleted = 0
    for log_id in due:
        with session_scope(bind) as session:
            locked = session.execute(
                update(StafettLog)
                .where(col(StafettLog.id) == log_id, col(StafettLog.is_practice))
                .values(closing_note=StafettLog.closing_note)
            )
            if locked.rowcount != 1:  # type: ignore[attr-defined]
                continue  # another worker deleted it
            delete_practice_log(session, log_id)  # type: ignore[arg-type]
            deleted += 1
    return deleted


def delete_practice_log(session: Session, log_id: int) -> None:
    """Everything of one practice log, then the invented people made for it."""
    log = session.get(StafettLog, log_id)
    if log is None or not log.is_practice:
        raise ValueError("only a practice log is deleted this way")
    delete_rows_of_log(session, log_id)
    invented = [pid for pid in session.exec(select(Person.id).where(Person.practice_log_id == log_id)).all() if pid]
    if invented:
        _delete_people(session, invented)


def _delete_people(session: Session, person_ids: list[int]) -> None:
    """Rows that point at the invented people (a request key, a notice setting), then the people."""
    ordered: list[Table] = list(reversed(SQLModel.metadata.sorted_tables))
    for table in ordered:
        for fk in table.foreign_keys:
            if fk.column.table.name == "person" and table.name != "person":
                session.execute(delete(table).where(fk.parent.in_(person_ids)))
    session.execute(delete(Person).where(col(Person.id).in_(person_ids), col(Person.practice_log_id).is_not(None)))
    session.expire_all()
