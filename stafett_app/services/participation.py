"""Consent, participants and the log's lifecycle."""

from enum import StrEnum

from sqlmodel import Session, col, select

from stafett_app.domain import consent as consent_rules
from stafett_app.domain import lifecycle
from stafett_app.domain.archive import ArchiveTrigger
from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import ConsentRequired, ValidationFailed
from stafett_app.domain.permissions import Action, may_take_role
from stafett_app.domain.roles import STAFF_ROLES, LogRole, PersonKind
from stafett_app.models import Consent, ConsentEntry, Participant, ParticipantProposal, Person, StafettLog, Unit, id_of
from stafett_app.services import archive, notify_events, practice, read
from stafett_app.services.access import open_log
from stafett_app.services.request_keys import once
from stafett_app.services.views import PersonRow


def consent_record(session: Session, log_id: int) -> consent_rules.ConsentRecord | None:
    consent = read.consent_in_force(session, log_id)
    if consent is None:
        return None
    entries = session.exec(select(ConsentEntry).where(ConsentEntry.consent_id == consent.id)).all()
    return consent_rules.ConsentRecord(
        version=consent.version,
        named=frozenset((e.person_id, LogRole(e.role)) for e in entries),
        withdrawn=consent.withdrawn_at is not None,
    )


def give_consent(
    session: Session, person: Person, log_id: int, named: list[tuple[int, LogRole]], *, request_key: str | None = None
) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(session, person.id, request_key, "consent", lambda: _give_consent(session, person, log_id, named))  # type: ignore[arg-type]


def _give_consent(session: Session, person: Person, log_id: int, named: list[tuple[int, LogRole]]) -> int:
    """A guardian (or the young person from 15) gives a new consent version naming participants."""
    open_log(session, person, log_id, Action.GIVE_CONSENT)
    previous = read.consent_in_force(session, log_id)
    consent = Consent(
        log_id=log_id,
        version=(previous.version + 1) if previous else 1,
        given_by_id=id_of(person),
        given_at=utcnow(),
    )
    session.add(consent)
    session.flush()
    for person_id, role in named:
        session.add(ConsentEntry(consent_id=id_of(consent), person_id=person_id, role=role))
    log = session.get(StafettLog, log_id)
    if log is not None and log.status != lifecycle.LogStatus.DRAFT:  # a draft's consent counts from activation
        archive.request_copy(session, log_id, ArchiveTrigger.CONSENT, str(consent.version))
    return consent.version


class Added(StrEnum):
    ADDED = "added"
    PROPOSED = "proposed"  # not named in the consent: the family is asked for a new one


def add_participant(session: Session, person: Person, log_id: int, new_person_id: int, role: LogRole) -> Added:
    """The holder adds someone. Staff not named in the consent in force become a proposal that
    waits for the family's new consent; nobody joins without it."""
    log, _ = open_log(session, person, log_id, Action.MANAGE_PARTICIPANTS)
    practice.require_may_join(session, log, new_person_id)
    if role not in STAFF_ROLES - {LogRole.HOLDER} or new_person_id not in {
        p.id for p in addable_staff(session, log_id)
    }:
        raise ValidationFailed({"person_id": "error.choose_one"})
    new_person = session.get(Person, new_person_id)
    if new_person is None or not may_take_role(
        role,
        active=new_person.deactivated_at is None,
        may_hold_logs=new_person.may_hold_logs,
        may_be_actor=new_person.may_be_actor,
    ):
        raise ValidationFailed({"role": "error.role_not_allowed"})
    try:
        consent_rules.require_named(consent_record(session, log_id), new_person_id, role)
    except ConsentRequired:
        if not _open_proposal(session, log_id, new_person_id, role):
            session.add(
                ParticipantProposal(
                    log_id=log_id,
                    person_id=new_person_id,
                    role=role,
                    proposed_by_id=id_of(person),
                    proposed_at=utcnow(),
                )
            )
        return Added.PROPOSED
    session.add(Participant(log_id=log_id, person_id=new_person_id, role=role, added_at=utcnow()))
    notify_events.joined_log(session, log_id, [new_person_id], id_of(person))
    return Added.ADDED


def staff_to_add(session: Session, person: Person, log_id: int) -> list[PersonRow]:
    """The people the holder may choose from, for the add-participant form."""
    open_log(session, person, log_id, Action.MANAGE_PARTICIPANTS)
    units = {u.id: u.name for u in session.exec(select(Unit)).all()}
    return [
        PersonRow(
            person_id=id_of(p),
            name=f"{p.first_name} {p.last_name}",
            role_label=p.title,
            unit_name=units.get(p.unit_id, ""),
        )
        for p in addable_staff(session, log_id)
    ]


def addable_staff(session: Session, log_id: int) -> list[Person]:
    """Staff who can be found for this log: its own unit, and from level 2 every service."""
    log = session.get(StafettLog, log_id)
    if log is None:
        return []
    present = set(
        session.exec(
            select(Participant.person_id).where(Participant.log_id == log_id, col(Participant.removed_at).is_(None))
        ).all()
    )
    query = (
        select(Person)
        .where(Person.kind == PersonKind.STAFF, col(Person.deactivated_at).is_(None))  # nobody who has left
        .where(practice.people_allowed_in(log))
        .order_by(col(Person.first_name))
    )
    if log.is_practice:
        pass  # the invented colleague has no unit: the practice log finds its own invented people only
    elif not lifecycle.may_find_other_services(log.level):
        query = query.where(Person.unit_id == log.unit_id)
    return [p for p in session.exec(query).all() if p.id not in present]


def _open_proposal(session: Session, log_id: int, person_id: int, role: str) -> ParticipantProposal | None:
    return session.exec(
        select(ParticipantProposal).where(
            ParticipantProposal.log_id == log_id,
            ParticipantProposal.person_id == person_id,
            ParticipantProposal.role == role,
            col(ParticipantProposal.consent_id).is_(None),
        )
    ).first()


def open_proposals(session: Session, log_id: int) -> list[ParticipantProposal]:
    return list(
        session.exec(
            select(ParticipantProposal)
            .where(ParticipantProposal.log_id == log_id, col(ParticipantProposal.consent_id).is_(None))
            .order_by(col(ParticipantProposal.id))
        ).all()
    )


def consent_to_proposals(session: Session, person: Person, log_id: int, *, request_key: str | None = None) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(session, person.id, request_key, "consent", lambda: _consent_to_proposals(session, person, log_id))  # type: ignore[arg-type]


def _consent_to_proposals(session: Session, person: Person, log_id: int) -> int:
    """The family consents to everyone already named plus everyone proposed: a new consent
    version, and the proposed people join the log."""
    proposals = open_proposals(session, log_id)
    record = consent_record(session, log_id)
    named = set(record.named) if record and not record.withdrawn else set()
    named |= {(p.person_id, LogRole(p.role)) for p in proposals}
    version = give_consent(session, person, log_id, sorted(named))
    consent = read.consent_in_force(session, log_id)
    if consent is None:
        raise RuntimeError("the consent just given is not in force")
    log = session.get(StafettLog, log_id)
    for proposal in proposals:
        practice.require_may_join(session, log, proposal.person_id)  # type: ignore[arg-type]
        proposal.consent_id = consent.id
        session.add(proposal)
        session.add(Participant(log_id=log_id, person_id=proposal.person_id, role=proposal.role, added_at=utcnow()))
    notify_events.joined_log(session, log_id, [p.person_id for p in proposals], id_of(person))
    return version


def activate(session: Session, person: Person, log_id: int, *, level: int = 1) -> None:
    log, _ = open_log(session, person, log_id, Action.EDIT_PLAN)
    consent_rules.require_consent_on_record(consent_record(session, log_id))
    new_status = lifecycle.next_status(lifecycle.LogStatus(log.status), lifecycle.Transition.ACTIVATE)
    lifecycle.check_level(new_status, level)
    log.status, log.level, log.activated_at = new_status, level, utcnow()
    session.add(log)
    # The consent given for the draft becomes active now.
    archive.request_copy(session, log_id, ArchiveTrigger.CONSENT, str(read.consent_in_force(session, log_id).version))  # type: ignore[union-attr]
    # Everyone named while it was a draft learns about it now that it is shared.
    participants = select(Participant.person_id).where(
        Participant.log_id == log_id, col(Participant.removed_at).is_(None)
    )
    notify_events.joined_log(session, log_id, session.exec(participants).all(), id_of(person))


def close(session: Session, person: Person, log_id: int, closing_note: str, reason: str = "other") -> None:
    """Kept for the existing closing form; services.relay.close_log is the whole rule."""
    from stafett_app.services import relay  # noqa: PLC0415  (relay builds on this module)

    relay.close_log(session, person, log_id, {"closing_note": closing_note, "closing_reason": reason})


def withdraw_consent(session: Session, person: Person, log_id: int) -> None:
    """Withdrawn without giving a reason: the log is closed at once (services.relay.withdraw_consent)."""
    from stafett_app.services import relay  # noqa: PLC0415  (relay builds on this module)

    relay.withdraw_consent(session, person, log_id)
