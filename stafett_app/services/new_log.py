"""Level 0: a staff member starts a draft, keeps dated observations and talk summaries in it,
registers the family, or discards it with a short summary kept for themself."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain import lifecycle, relay
from stafett_app.domain.dates import age_on, today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.permissions import Action, may_start_log
from stafett_app.domain.relay import LogEventKind
from stafett_app.domain.roles import LogRole, PersonKind
from stafett_app.models import Observation, Participant, Person, StafettLog
from stafett_app.services import log_events, read
from stafett_app.services.access import open_log, record_refusal
from stafett_app.services.log_rows import delete_rows_of_log
from stafett_app.services.notifications import notify
from stafett_app.services.request_keys import once


def start_draft(session: Session, person: Person, form: dict, *, request_key: str | None = None) -> int:
    """A new log, as a level 0 draft only its author sees. Returns the log id."""
    if not may_start_log(person.kind, person.may_hold_logs):
        record_refusal(session, person.id, None, "start_log")
        raise PermissionDenied()
    return once(session, person.id, request_key, "log", lambda: _start_draft(session, person, form))  # type: ignore[arg-type]


def _start_draft(session: Session, person: Person, form: dict) -> int:
    today = today_in_norway()
    new = relay.check_new_log(form, today=today, allowed_unit_ids=[person.unit_id] if person.unit_id else [])
    now = utcnow()
    child = Person(first_name=new.first_name, last_name=new.last_name, kind=PersonKind.CHILD, birth_date=new.birth_date)
    session.add(child)
    session.flush()
    log = StafettLog(
        child_id=child.id,  # type: ignore[arg-type]
        unit_id=new.unit_id,
        status=lifecycle.LogStatus.DRAFT,
        level=0,
        created_by_id=person.id,  # type: ignore[arg-type]
        created_at=now,
    )
    session.add(log)
    session.flush()
    session.add(Participant(log_id=log.id, person_id=person.id, role=LogRole.HOLDER, added_at=now))  # type: ignore[arg-type]
    session.add(Participant(log_id=log.id, person_id=child.id, role=LogRole.OWNER, added_at=now))  # type: ignore[arg-type]
    if new.observations:
        session.add(
            Observation(
                log_id=log.id,  # type: ignore[arg-type]
                author_id=person.id,  # type: ignore[arg-type]
                kind=relay.ObservationKind.OBSERVATION,
                observed_on=today,
                text=new.observations,
                created_at=now,
            )
        )
    log_events.record(session, log, LogEventKind.DRAFT_STARTED, actor_id=person.id)
    session.flush()
    return log.id  # type: ignore[return-value]


def add_observation(
    session: Session, person: Person, log_id: int, form: dict, *, request_key: str | None = None
) -> int:
    """A dated observation, or the summary of a first talk, while the log is a draft."""

    def create() -> int:
        open_log(session, person, log_id, Action.ADD_OBSERVATION)
        data = relay.check_observation(form, today=today_in_norway())
        row = Observation(
            log_id=log_id,
            author_id=person.id,  # type: ignore[arg-type]
            kind=data.kind,
            observed_on=data.observed_on,
            text=data.text,
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()
        return row.id  # type: ignore[return-value]

    return once(session, person.id, request_key, "observation", create)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ObservationRow:
    observation_id: int
    kind: str
    observed_on: date
    text: str


_OBSERVATIONS = (
    select(Observation)
    .where(Observation.log_id == bindparam("log_id"))
    .order_by(col(Observation.observed_on), col(Observation.id))
)


def observations_of(session: Session, person: Person, log_id: int) -> list[ObservationRow]:
    """The early observations: the author's own notes, in the draft and after it."""
    log, _ = open_log(session, person, log_id, Action.VIEW_LOG)
    if log.created_by_id != person.id:
        return []
    rows = read.of_log(session, log_id, "people", ("observations",), _OBSERVATIONS)
    return [ObservationRow(o.id, o.kind, o.observed_on, o.text) for o in rows]  # type: ignore[arg-type]


def discard_draft(session: Session, person: Person, log_id: int, summary: str) -> None:
    """A draft that led nowhere: its content goes, a short summary stays for the author."""
    log, _ = open_log(session, person, log_id, Action.DISCARD_DRAFT)
    note = relay.check_summary(summary)
    log.status = lifecycle.next_status(lifecycle.LogStatus(log.status), lifecycle.Transition.DISCARD)
    log.closing_note, log.closed_at = note, utcnow()
    session.add(log)
    # Observations, concerns and the rest of the content go; the log row with its summary, its
    # people and its history stay so the author can find what they decided.
    delete_rows_of_log(session, log_id, keep={"stafett_log", "participant", "log_event"})
    log_events.record(session, log, LogEventKind.DRAFT_DISCARDED, actor_id=person.id)


@dataclass(frozen=True)
class DiscardedRow:
    log_id: int
    child_name: str
    summary: str
    discarded_at: datetime | None


def discarded_drafts(session: Session, person: Person) -> list[DiscardedRow]:
    """The author's own discarded drafts and the summary kept of each."""
    rows = session.exec(
        select(StafettLog, Person)
        .join(Person, col(Person.id) == col(StafettLog.child_id))
        .where(StafettLog.created_by_id == person.id, StafettLog.status == lifecycle.LogStatus.DISCARDED)
        .order_by(col(StafettLog.closed_at).desc())
    ).all()
    return [DiscardedRow(log.id, f"{c.first_name} {c.last_name}", log.closing_note, log.closed_at) for log, c in rows]  # type: ignore[arg-type]


def _guardians(session: Session, log_id: int) -> list[Person]:
    return list(
        session.exec(
            select(Person)
            .join(Participant, col(Participant.person_id) == col(Person.id))
            .where(
                Participant.log_id == log_id,
                Participant.role == LogRole.GUARDIAN,
                col(Participant.removed_at).is_(None),
            )
        ).all()
    )


def register_guardian(
    session: Session, person: Person, log_id: int, form: dict, *, request_key: str | None = None
) -> int:
    """A guardian with name, e-mail and mobile. They get an invitation with a link (never the
    child's name). A guardian already known by e-mail (another child's log) is the same person."""

    def create() -> int:
        log, _ = open_log(session, person, log_id, Action.REGISTER_FAMILY)
        present = _guardians(session, log_id)
        contact = relay.check_contact(
            form,
            taken_emails={g.email for g in present if g.email},
            taken_mobiles={g.mobile for g in present if g.mobile},
        )
        # A practice log never reaches a real family: its guardians are always new, invented people.
        guardian = (
            None
            if log.is_practice
            else session.exec(
                select(Person).where(
                    Person.kind == PersonKind.GUARDIAN,
                    Person.email == contact.email,
                    col(Person.practice_log_id).is_(None),
                )
            ).first()
        )
        if guardian is None:
            guardian = Person(
                first_name=contact.first_name,
                last_name=contact.last_name,
                kind=PersonKind.GUARDIAN,
                email=contact.email,
                mobile=contact.mobile,
                practice_log_id=log.id if log.is_practice else None,
            )
            session.add(guardian)
            session.flush()
        elif not guardian.mobile:
            guardian.mobile = contact.mobile
            session.add(guardian)
        session.add(Participant(log_id=log_id, person_id=guardian.id, role=LogRole.GUARDIAN, added_at=utcnow()))  # type: ignore[arg-type]
        log_events.record(session, log, LogEventKind.FAMILY_REGISTERED, actor_id=person.id, subject_id=guardian.id)
        notify(session, [guardian.id], EventKind.INVITATION, routes.family(log_id), actor_id=person.id)  # type: ignore[list-item]
        return guardian.id  # type: ignore[return-value]

    return once(session, person.id, request_key, "guardian", create)  # type: ignore[arg-type]


def register_young_person(session: Session, person: Person, log_id: int, form: dict) -> None:
    """From 15 the young person consents: their e-mail and mobile, and an invitation."""
    log, _ = open_log(session, person, log_id, Action.REGISTER_FAMILY)
    child = session.get(Person, log.child_id)
    if (age_on(child.birth_date, today_in_norway()) or 0) < relay.AGE_OF_OWN_CONSENT:  # type: ignore[union-attr]
        raise ValidationFailed({"email": "error.young_person_under_15"})
    contact = relay.check_contact(form, names=False)
    child.email, child.mobile = contact.email, contact.mobile  # type: ignore[union-attr]
    log.young_person_consents = True
    session.add(child)
    session.add(log)
    log_events.record(session, log, LogEventKind.FAMILY_REGISTERED, actor_id=person.id, subject_id=child.id)  # type: ignore[union-attr]
    notify(session, [child.id], EventKind.INVITATION, routes.family(log_id), actor_id=person.id)  # type: ignore[union-attr, list-item]
