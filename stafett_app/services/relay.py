"""The relay after consent: activation, levels, removing a participant, handover, closing,
withdrawal, and deletion requests. Every step is checked in domain.permissions on the server and
written to the log's own history (services.log_events) for the timeline."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain import consent as consent_rules
from stafett_app.domain import lifecycle, relay
from stafett_app.domain.archive import ArchiveTrigger
from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import DomainError, PermissionDenied, ValidationFailed
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.permissions import Action
from stafett_app.domain.relay import DeletionDecision, HandoverStatus, LogEventKind
from stafett_app.domain.roles import FAMILY_ROLES, LogRole, PersonKind
from stafett_app.models import (
    Concern,
    ConsentEntry,
    ConsentRequest,
    DeletionRequest,
    Handover,
    HandoverConcern,
    Participant,
    Person,
    StafettLog,
    UnitLeader,
    id_of,
)
from stafett_app.pictures import is_known
from stafett_app.services import archive, archive_status, log_events, notify_events, practice, read
from stafett_app.services.access import led_unit_ids, open_log, record_refusal
from stafett_app.services.log_rows import delete_rows_of_log
from stafett_app.services.notifications import notify
from stafett_app.services.participation import consent_record
from stafett_app.services.request_keys import once

# --- Activation and the introduction --------------------------------------------------------


def activate(session: Session, person: Person, log_id: int, form: dict) -> None:
    """The draft becomes an active log at level 1, only with consent on record, with the short
    description of the child and what they like."""
    log, _ = open_log(session, person, log_id, Action.ACTIVATE)
    consent_rules.require_consent_on_record(consent_record(session, log_id))
    intro = relay.check_introduction(form, known_picture=is_known)
    log.status = lifecycle.next_status(lifecycle.LogStatus(log.status), lifecycle.Transition.ACTIVATE)
    log.level, log.activated_at = 1, utcnow()
    log.description, log.interest_text, log.interest_picture = (
        intro.description,
        intro.interest_text,
        intro.interest_picture,
    )
    session.add(log)
    session.flush()
    log_events.record(session, log, LogEventKind.ACTIVATED, actor_id=person.id, to_level=1)
    participants = [p.person_id for p in read.participants_in_force(session, log_id)]
    notify_events.joined_log(session, log_id, participants, person.id)  # type: ignore[arg-type]


def edit_introduction(session: Session, person: Person, log_id: int, form: dict) -> None:
    log, _ = open_log(session, person, log_id, Action.EDIT_PLAN)
    intro = relay.check_introduction(form, known_picture=is_known)
    log.description, log.interest_text, log.interest_picture = (
        intro.description,
        intro.interest_text,
        intro.interest_picture,
    )
    session.add(log)


# --- Levels and participants ------------------------------------------------------------------


def change_level(session: Session, person: Person, log_id: int, level: int | str, reason: str) -> None:
    """Raise to 2 or 3, or lower again, with a short reason. Nobody is added by it."""
    log, _ = open_log(session, person, log_id, Action.CHANGE_LEVEL)
    try:
        new = int(level)
    except (TypeError, ValueError):
        raise ValidationFailed({"level": "error.level_out_of_range"}) from None
    cleaned = lifecycle.check_level_change(lifecycle.LogStatus(log.status), log.level, new, reason)
    log_events.record(
        session, log, LogEventKind.LEVEL_CHANGED, actor_id=person.id, text=cleaned, from_level=log.level, to_level=new
    )
    log.level = new
    session.add(log)


def _holders(session: Session, log_id: int) -> list[Participant]:
    return [p for p in read.participants_in_force(session, log_id) if p.role == LogRole.HOLDER]


def remove_participant(session: Session, person: Person, log_id: int, participant_id: int, reason: str = "") -> None:
    """Their access ends at once; what they wrote stays. They get a kind notice (the catalogue's
    thank-you, never the child's name)."""
    log, _ = open_log(session, person, log_id, Action.REMOVE_PARTICIPANT)
    row = session.get(Participant, participant_id)
    if row is None or row.log_id != log_id or row.removed_at is not None:
        record_refusal(session, person.id, log_id, Action.REMOVE_PARTICIPANT.value)
        raise PermissionDenied()
    if row.role in FAMILY_ROLES:
        raise ValidationFailed({"participant_id": "error.family_not_removed"})
    if row.role == LogRole.HOLDER:
        relay.check_holder_count(len(_holders(session, log_id)) - 1, two_allowed=log.two_holders)
    note = relay.check_summary(reason, "reason", relay.REASON_MAX) if reason.strip() else ""
    row.removed_at = utcnow()
    session.add(row)
    if row.role == LogRole.HOLDER:
        archive.request_copy(session, log_id, ArchiveTrigger.HANDOVER, f"participant-{participant_id}")
        if len(_holders(session, log_id)) <= relay.MAX_HOLDERS:
            log.two_holders = False
            session.add(log)
    log_events.record(
        session, log, LogEventKind.PARTICIPANT_REMOVED, actor_id=person.id, subject_id=row.person_id, text=note
    )
    notify(session, [row.person_id], EventKind.REMOVED, routes.MY_LOGS, actor_id=person.id)


# --- Handover ---------------------------------------------------------------------------------


def _pending_handover(session: Session, log_id: int) -> Handover | None:
    return session.exec(
        select(Handover).where(Handover.log_id == log_id, Handover.status == HandoverStatus.PENDING)
    ).first()


def _consented_unit_ids(session: Session, log_id: int) -> set[int]:
    """The services the family has consented to: the units of the staff the consent in force names."""
    consent = read.consent_in_force(session, log_id)
    if consent is None or consent.withdrawn_at is not None:
        return set()
    return {
        unit_id
        for unit_id in session.exec(
            select(Person.unit_id)
            .join(ConsentEntry, col(ConsentEntry.person_id) == col(Person.id))
            .where(ConsentEntry.consent_id == consent.id)
        ).all()
        if unit_id is not None
    }


def _candidate(session: Session, person_id: object) -> relay.Candidate | None:
    try:
        target = session.get(Person, int(str(person_id)))
    except (TypeError, ValueError):
        return None
    if target is None or target.kind != PersonKind.STAFF:
        return None
    return relay.Candidate(target.id, target.unit_id, target.may_hold_logs)  # type: ignore[arg-type]


def propose_handover(
    session: Session, person: Person, log_id: int, form: dict, *, request_key: str | None = None
) -> int:
    """The holder (or a leader of the log's unit, for an absent holder) proposes a new holder.
    Nothing changes for anyone until the proposed holder accepts."""

    def create() -> int:
        log, _ = open_log(session, person, log_id, Action.PROPOSE_HANDOVER)
        if _pending_handover(session, log_id) is not None:
            raise ValidationFailed({"to_person_id": "error.handover_pending"})
        candidate = _candidate(session, form.get("to_person_id"))
        if candidate is not None:
            practice.require_may_join(session, log, candidate.person_id, "to_person_id")
        holders = _holders(session, log_id)
        open_concerns = session.exec(
            select(Concern.id).where(Concern.log_id == log_id, col(Concern.closed_at).is_(None))
        ).all()
        data = relay.check_handover(
            form,
            candidate=candidate,
            current_holder_ids={h.person_id for h in holders},
            log_unit_id=log.unit_id,
            consented_unit_ids=_consented_unit_ids(session, log_id),
            concern_ids=set(open_concerns),  # type: ignore[arg-type]
        )
        holder_ids = [h.person_id for h in holders]
        from_holder = person.id if person.id in holder_ids else holder_ids[0]
        handover = Handover(
            log_id=log_id,
            from_holder_id=from_holder,
            to_person_id=data.to_person_id,
            proposed_by_id=person.id,  # type: ignore[arg-type]
            proposed_at=utcnow(),
            reason=data.reason,
            former=data.former,
            closing_note=data.closing_note,
        )
        session.add(handover)
        session.flush()
        for concern_id in sorted(data.concern_ids):
            session.add(HandoverConcern(handover_id=handover.id, concern_id=concern_id))  # type: ignore[arg-type]
        log_events.record(
            session,
            log,
            LogEventKind.HANDOVER_PROPOSED,
            actor_id=person.id,
            subject_id=data.to_person_id,
            text=data.reason,
        )
        notify(session, [data.to_person_id, from_holder], EventKind.HANDOVER, routes.plan(log_id), actor_id=person.id)
        return handover.id  # type: ignore[return-value]

    return once(session, person.id, request_key, "handover", create)  # type: ignore[arg-type]


def _handover(session: Session, person: Person, handover_id: int, action: str) -> Handover:
    handover = session.get(Handover, handover_id)
    if handover is None:
        record_refusal(session, person.id, None, action)
        raise PermissionDenied()
    if handover.status != HandoverStatus.PENDING:
        raise DomainError("error.handover_not_pending")
    return handover


def withdraw_handover(session: Session, person: Person, handover_id: int) -> None:
    """The proposer's side takes it back: nothing changes."""
    handover = _handover(session, person, handover_id, Action.PROPOSE_HANDOVER.value)
    log, _ = open_log(session, person, handover.log_id, Action.PROPOSE_HANDOVER)
    handover.status, handover.decided_at, handover.decided_by_id = HandoverStatus.WITHDRAWN, utcnow(), person.id
    session.add(handover)
    log_events.record(
        session, log, LogEventKind.HANDOVER_WITHDRAWN, actor_id=person.id, subject_id=handover.to_person_id
    )
    notify(session, [handover.to_person_id], EventKind.HANDOVER, routes.MY_LOGS, actor_id=person.id)


def decline_handover(session: Session, person: Person, handover_id: int, reason: str) -> None:
    """Only the proposed holder declines, with a reason. Nothing else changes."""
    handover = _handover(session, person, handover_id, Action.ANSWER_HANDOVER.value)
    log, _ = open_log(session, person, handover.log_id, Action.ANSWER_HANDOVER, handover_to_id=handover.to_person_id)
    cleaned = relay.check_decline(reason)
    handover.status, handover.decided_at, handover.decided_by_id = HandoverStatus.DECLINED, utcnow(), person.id
    handover.decline_reason = cleaned
    session.add(handover)
    log_events.record(session, log, LogEventKind.HANDOVER_DECLINED, actor_id=person.id, text=cleaned)
    notify(
        session,
        {handover.from_holder_id, handover.proposed_by_id},
        EventKind.HANDOVER,
        routes.plan(log.id),
        actor_id=person.id,
    )


def accept_handover(session: Session, person: Person, handover_id: int) -> None:
    """Only the proposed holder accepts. The roles swap in this one transaction: the new holder
    holds, the former becomes an actor, leaves, or stays as the second holder (the exception they
    chose); concerns that did not go along are closed with the proposal's note."""
    handover = _handover(session, person, handover_id, Action.ANSWER_HANDOVER.value)
    log, _ = open_log(session, person, handover.log_id, Action.ANSWER_HANDOVER, handover_to_id=handover.to_person_id)
    practice.require_may_join(session, log, id_of(person), "to_person_id")
    candidate = _candidate(session, person.id)
    if candidate is None or not candidate.may_hold:
        raise ValidationFailed({"to_person_id": "error.handover_cannot_hold"})
    now = utcnow()
    former = relay.FormerHolder(handover.former)
    rows = read.participants_in_force(session, log.id)  # type: ignore[arg-type]
    for row in rows:
        if row.person_id == person.id and row.role in (LogRole.ACTOR, LogRole.READER):
            row.removed_at = now  # the new holder's earlier role gives way to holding
            session.add(row)
        if (
            row.person_id == handover.from_holder_id
            and row.role == LogRole.HOLDER
            and former != relay.FormerHolder.SECOND_HOLDER
        ):
            row.removed_at = now
            session.add(row)
    session.add(Participant(log_id=log.id, person_id=person.id, role=LogRole.HOLDER, added_at=now))  # type: ignore[arg-type]
    if relay.roles_after_handover(former) == LogRole.ACTOR:
        session.add(Participant(log_id=log.id, person_id=handover.from_holder_id, role=LogRole.ACTOR, added_at=now))  # type: ignore[arg-type]
    log.two_holders = former == relay.FormerHolder.SECOND_HOLDER
    if candidate.unit_id is not None:
        log.unit_id = candidate.unit_id  # the log follows the child to the new holder's service
    session.add(log)
    session.flush()
    relay.check_holder_count(len(_holders(session, log.id)), two_allowed=log.two_holders)  # type: ignore[arg-type]
    along = set(
        session.exec(select(HandoverConcern.concern_id).where(HandoverConcern.handover_id == handover.id)).all()
    )
    for concern in session.exec(
        select(Concern).where(Concern.log_id == log.id, col(Concern.closed_at).is_(None))
    ).all():
        if concern.id not in along:
            concern.closed_at, concern.closing_note = now, handover.closing_note
            session.add(concern)
    handover.status, handover.decided_at, handover.decided_by_id = HandoverStatus.ACCEPTED, now, person.id
    session.add(handover)
    archive.request_copy(session, log.id, ArchiveTrigger.HANDOVER, f"handover-{handover.id}")  # type: ignore[arg-type]
    log_events.record(
        session, log, LogEventKind.HANDOVER_ACCEPTED, actor_id=person.id, subject_id=handover.from_holder_id
    )
    notify(
        session,
        {handover.from_holder_id, handover.proposed_by_id},
        EventKind.HANDOVER,
        routes.plan(log.id),
        actor_id=person.id,
    )


@dataclass(frozen=True)
class HandoverRow:
    handover_id: int
    log_id: int
    child_first_name: str
    from_name: str
    to_name: str
    reason: str
    proposed_at: datetime
    side: str  # "to_me" (answer it), "from_me" (waiting; may withdraw), "unit" (a leader's overview)


def pending_handovers(session: Session, person: Person) -> list[HandoverRow]:
    """Pending handovers on *Mine logger*: proposed to me, proposed by or from me, and for a
    leader those of the unit's logs."""
    led = led_unit_ids(session, person)
    rows = session.exec(
        select(Handover, StafettLog)
        .join(StafettLog, col(StafettLog.id) == col(Handover.log_id))
        .where(Handover.status == HandoverStatus.PENDING)
        .order_by(col(Handover.proposed_at))
    ).all()
    ids = {pid for h, log in rows for pid in (h.from_holder_id, h.to_person_id, log.child_id)}
    people = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(sorted(ids)))).all()}
    result = []
    for handover, log in rows:
        if handover.to_person_id == person.id:
            side = "to_me"
        elif person.id in (handover.from_holder_id, handover.proposed_by_id):
            side = "from_me"
        elif log.unit_id in led:
            side = "unit"
        else:
            continue
        result.append(
            HandoverRow(
                handover.id,  # type: ignore[arg-type]
                log.id,  # type: ignore[arg-type]
                people[log.child_id].first_name,
                read.full_name(people[handover.from_holder_id]),
                read.full_name(people[handover.to_person_id]),
                handover.reason,
                handover.proposed_at,
                side,
            )
        )
    return result


def handover_candidates(session: Session, person: Person, log_id: int) -> list[Person]:
    """Staff who may be proposed: the right to hold logs, the log's unit or a consented service,
    and not already holding it."""
    log, _ = open_log(session, person, log_id, Action.PROPOSE_HANDOVER)
    units = {log.unit_id} | _consented_unit_ids(session, log_id)
    holders = {h.person_id for h in _holders(session, log_id)}
    staff = session.exec(
        select(Person)
        .where(Person.kind == PersonKind.STAFF, col(Person.may_hold_logs), col(Person.unit_id).in_(sorted(units)))
        .where(practice.people_allowed_in(log))
        .order_by(col(Person.first_name))
    ).all()
    return [p for p in staff if p.id not in holders]


# --- Closing and withdrawal -------------------------------------------------------------------


def _stop_waiting(session: Session, log_id: int, now: datetime) -> None:
    """A log that becomes passive has no pending handover or open consent request left."""
    for handover in session.exec(
        select(Handover).where(Handover.log_id == log_id, Handover.status == HandoverStatus.PENDING)
    ).all():
        handover.status, handover.decided_at = HandoverStatus.WITHDRAWN, now
        session.add(handover)
    for request in session.exec(
        select(ConsentRequest).where(
            ConsentRequest.log_id == log_id,
            col(ConsentRequest.consent_id).is_(None),
            col(ConsentRequest.superseded_at).is_(None),
        )
    ).all():
        request.superseded_at = now
        session.add(request)


def close_log(session: Session, person: Person, log_id: int, form: dict) -> None:
    """With a closing note and a reason; the log becomes passive (read-only)."""
    log, _ = open_log(session, person, log_id, Action.CLOSE_LOG)
    note, reason = relay.check_closing(form)
    now = utcnow()
    log.status = lifecycle.next_status(lifecycle.LogStatus(log.status), lifecycle.Transition.CLOSE)
    log.closing_note, log.closing_reason, log.closed_at = note, reason, now
    session.add(log)
    archive.request_copy(session, log_id, ArchiveTrigger.PASSIVE, now.isoformat())
    _stop_waiting(session, log_id, now)
    log_events.record(session, log, LogEventKind.CLOSED, actor_id=person.id, text=note)


def withdraw_consent(session: Session, person: Person, log_id: int) -> None:
    """The family withdraws, without giving a reason: the log is closed at once, and shows as
    withdrawn (closing_reason and a timeline item), not as a log without consent."""
    log, _ = open_log(session, person, log_id, Action.WITHDRAW_CONSENT)
    now = utcnow()
    consent = read.consent_in_force(session, log_id)
    if consent is not None and consent.withdrawn_at is None:
        consent.withdrawn_at, consent.withdrawn_by_id = now, person.id
        session.add(consent)
    log.status = lifecycle.next_status(lifecycle.LogStatus(log.status), lifecycle.Transition.WITHDRAW)
    log.closed_at, log.closing_reason = now, lifecycle.ClosingReason.CONSENT_WITHDRAWN
    session.add(log)
    archive.request_copy(session, log_id, ArchiveTrigger.PASSIVE, now.isoformat())
    _stop_waiting(session, log_id, now)
    log_events.record(session, log, LogEventKind.CONSENT_WITHDRAWN, actor_id=person.id)


# --- Deletion -----------------------------------------------------------------------------------


def _unit_leaders(session: Session, unit_id: int) -> list[int]:
    return list(
        session.exec(
            select(UnitLeader.person_id)
            .join(Person, col(Person.id) == col(UnitLeader.person_id))
            .where(UnitLeader.unit_id == unit_id, col(Person.deactivated_at).is_(None))
        ).all()
    )


def request_deletion(
    session: Session, person: Person, log_id: int, reason: str = "", *, request_key: str | None = None
) -> int:
    """A guardian, or the young person from 15, asks; the unit's leader is told and decides."""

    def create() -> int:
        log, _ = open_log(session, person, log_id, Action.REQUEST_DELETION)
        open_request = session.exec(
            select(DeletionRequest).where(
                DeletionRequest.log_id == log_id, DeletionRequest.decision == DeletionDecision.PENDING
            )
        ).first()
        if open_request is not None:
            return open_request.id  # type: ignore[return-value]
        cleaned = relay.check_summary(reason, "reason", relay.REASON_MAX) if reason.strip() else ""
        row = DeletionRequest(log_id=log_id, requested_by_id=person.id, requested_at=utcnow(), reason=cleaned)  # type: ignore[arg-type]
        session.add(row)
        session.flush()
        log_events.record(session, log, LogEventKind.DELETION_REQUESTED, actor_id=person.id)
        notify(session, _unit_leaders(session, log.unit_id), EventKind.DELETION, routes.MY_LOGS, actor_id=person.id)
        return row.id  # type: ignore[return-value]

    return once(session, person.id, request_key, "deletion_request", create)  # type: ignore[arg-type]


@dataclass(frozen=True)
class DeletionRow:
    request_id: int
    log_id: int
    child_first_name: str
    status: str
    requested_at: datetime
    reason: str


def deletion_requests_for(session: Session, leader: Person) -> list[DeletionRow]:
    """Undecided requests for the logs of the leader's unit."""
    led = led_unit_ids(session, leader)
    if not led:
        return []
    rows = session.exec(
        select(DeletionRequest, StafettLog, Person)
        .join(StafettLog, col(StafettLog.id) == col(DeletionRequest.log_id))
        .join(Person, col(Person.id) == col(StafettLog.child_id))
        .where(col(StafettLog.unit_id).in_(sorted(led)), DeletionRequest.decision == DeletionDecision.PENDING)
        .order_by(col(DeletionRequest.requested_at))
    ).all()
    return [DeletionRow(r.id, log.id, child.first_name, log.status, r.requested_at, r.reason) for r, log, child in rows]  # type: ignore[arg-type]


def refuse_deletion(session: Session, person: Person, request_id: int, note: str) -> None:
    request = _deletion_request(session, person, request_id)
    log, _ = open_log(session, person, request.log_id, Action.DECIDE_DELETION)
    cleaned = relay.check_summary(note, "decision_note", relay.REASON_MAX)
    request.decision, request.decided_by_id, request.decided_at = DeletionDecision.REFUSED, person.id, utcnow()
    request.decision_note = cleaned
    session.add(request)
    log_events.record(session, log, LogEventKind.DELETION_REFUSED, actor_id=person.id, text=cleaned)
    notify(session, [request.requested_by_id], EventKind.DELETION, routes.MY_LOGS, actor_id=person.id)


def delete_log(session: Session, person: Person, request_id: int) -> None:
    """A leader deletes a passive log, and only once its archive copy exists."""
    request = _deletion_request(session, person, request_id)
    log, _ = open_log(session, person, request.log_id, Action.DECIDE_DELETION)
    relay.check_deletion(status=log.status, archived=archive_status.has_archive_copy(session, log.id))  # type: ignore[arg-type]
    requested_by = request.requested_by_id
    delete_rows_of_log(session, log.id)  # type: ignore[arg-type]
    notify(session, [requested_by], EventKind.DELETION, routes.MY_LOGS, actor_id=person.id)


def _deletion_request(session: Session, person: Person, request_id: int) -> DeletionRequest:
    request = session.get(DeletionRequest, request_id)
    if request is None:
        record_refusal(session, person.id, None, Action.DECIDE_DELETION.value)
        raise PermissionDenied()
    if request.decision != DeletionDecision.PENDING:
        raise DomainError("error.deletion_decided")
    return request
