"""Consent, participants and the log's lifecycle."""

from sqlmodel import Session, select

from stafett_app.domain import consent as consent_rules
from stafett_app.domain import lifecycle
from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.permissions import Action
from stafett_app.domain.roles import LogRole
from stafett_app.models import Consent, ConsentEntry, Participant, Person
from stafett_app.services.access import current_roles, open_log
from stafett_app.services.plan_view import consent_in_force


def consent_record(session: Session, log_id: int) -> consent_rules.ConsentRecord | None:
    consent = consent_in_force(session, log_id)
    if consent is None:
        return None
    entries = session.exec(select(ConsentEntry).where(ConsentEntry.consent_id == consent.id)).all()
    return consent_rules.ConsentRecord(
        version=consent.version,
        named=frozenset((e.person_id, LogRole(e.role)) for e in entries),
        withdrawn=consent.withdrawn_at is not None,
    )


def give_consent(session: Session, person: Person, log_id: int, named: list[tuple[int, LogRole]]) -> int:
    """A guardian (or the young person from 15) gives a new consent version naming participants."""
    open_log(session, person, log_id, Action.GIVE_CONSENT)
    previous = consent_in_force(session, log_id)
    consent = Consent(
        log_id=log_id,
        version=(previous.version + 1) if previous else 1,
        given_by_id=person.id,  # type: ignore[arg-type]
        given_at=utcnow(),
    )
    session.add(consent)
    session.flush()
    for person_id, role in named:
        session.add(ConsentEntry(consent_id=consent.id, person_id=person_id, role=role))  # type: ignore[arg-type]
    return consent.version


def add_participant(session: Session, person: Person, log_id: int, new_person_id: int, role: LogRole) -> None:
    """The holder adds someone; staff must be named in the consent in force."""
    open_log(session, person, log_id, Action.MANAGE_PARTICIPANTS)
    consent_rules.require_named(consent_record(session, log_id), new_person_id, role)
    if role in current_roles(session, log_id, new_person_id):
        return
    session.add(Participant(log_id=log_id, person_id=new_person_id, role=role, added_at=utcnow()))


def activate(session: Session, person: Person, log_id: int, *, level: int = 1) -> None:
    log, _ = open_log(session, person, log_id, Action.EDIT_PLAN)
    consent_rules.require_consent_on_record(consent_record(session, log_id))
    new_status = lifecycle.next_status(lifecycle.LogStatus(log.status), lifecycle.Transition.ACTIVATE)
    lifecycle.check_level(new_status, level)
    log.status, log.level, log.activated_at = new_status, level, utcnow()
    session.add(log)


def close(session: Session, person: Person, log_id: int, closing_note: str) -> None:
    log, _ = open_log(session, person, log_id, Action.EDIT_PLAN)
    note = closing_note.strip()
    if not note:
        raise ValidationFailed({"closing_note": "error.required"})
    log.status = lifecycle.next_status(lifecycle.LogStatus(log.status), lifecycle.Transition.CLOSE)
    log.closing_note, log.closed_at = note, utcnow()
    session.add(log)


def withdraw_consent(session: Session, person: Person, log_id: int) -> None:
    """Withdrawn without giving a reason: the log is closed at once."""
    log, _ = open_log(session, person, log_id, Action.WITHDRAW_CONSENT)
    now = utcnow()
    consent = consent_in_force(session, log_id)
    if consent is not None and consent.withdrawn_at is None:
        consent.withdrawn_at, consent.withdrawn_by_id = now, person.id
        session.add(consent)
    log.status = lifecycle.next_status(lifecycle.LogStatus(log.status), lifecycle.Transition.WITHDRAW)
    log.closed_at = now
    session.add(log)
