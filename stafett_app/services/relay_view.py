"""What the relay's middle and end add to a page: for the family, whether it may ask for the log
to be deleted (and has), and a new consent the holder asks for to reopen the log; for the holder,
the choices of the level and handover forms. Every function checks permission through open_log."""

from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from stafett_app.domain.lifecycle import MAX_LEVEL, ClosingReason, LogStatus
from stafett_app.domain.permissions import Action, may
from stafett_app.domain.relay import DeletionDecision
from stafett_app.domain.roles import STAFF_ROLES
from stafett_app.models import Concern, ConsentAsk, ConsentRequest, DeletionRequest, Person, StafettLog, Unit
from stafett_app.services import consent_flow, log_cache, read, relay
from stafett_app.services.access import open_log
from stafett_app.services.views import PersonRow


@dataclass(frozen=True)
class FamilyRelay:
    can_request_deletion: bool
    deletion_requested: bool
    reopen_request_id: int  # 0 when nothing is asked of this person


# Every family page load asks both: built once (see services.read on prebuilt statements).
_DELETION_PENDING = select(DeletionRequest.id).where(
    DeletionRequest.log_id == bindparam("log_id"), DeletionRequest.decision == DeletionDecision.PENDING
)
_REOPEN_ASKED_OF = (
    select(ConsentRequest.id)
    .join(ConsentAsk, col(ConsentAsk.request_id) == col(ConsentRequest.id))
    .where(
        ConsentRequest.log_id == bindparam("log_id"),
        col(ConsentRequest.reopen),
        col(ConsentRequest.consent_id).is_(None),
        col(ConsentRequest.superseded_at).is_(None),
        ConsentAsk.person_id == bindparam("person_id"),
        col(ConsentAsk.confirmed_at).is_(None),
    )
)


def family_relay(session: Session, person: Person, log_id: int) -> FamilyRelay:
    log, access = open_log(session, person, log_id, Action.VIEW_LOG)

    def asks() -> tuple[bool, int]:
        pending = session.exec(_DELETION_PENDING, params={"log_id": log_id}).first()
        reopen = session.exec(_REOPEN_ASKED_OF, params={"log_id": log_id, "person_id": person.id}).first()
        return pending is not None, reopen or 0

    # Both are of the log's people part (models/content_stamp.PARTS): kept while it holds.
    deletion_pending, reopen_id = log_cache.log_cached(session, log_id, "people", ("family asks", person.id), asks)
    return FamilyRelay(
        can_request_deletion=may(access, Action.REQUEST_DELETION) and not deletion_pending,
        deletion_requested=deletion_pending,
        reopen_request_id=reopen_id if log.status == LogStatus.PASSIVE else 0,
    )


def withdrawn_logs(session: Session, log_ids: list[int]) -> set[int]:
    """Which of these logs the family closed by withdrawing its consent (shown as such, not as closed)."""
    if not log_ids:
        return set()
    found = session.exec(
        select(StafettLog.id).where(
            col(StafettLog.id).in_(log_ids), StafettLog.closing_reason == ClosingReason.CONSENT_WITHDRAWN
        )
    ).all()
    return {log_id for log_id in found if log_id is not None}


def level_choices(session: Session, person: Person, log_id: int) -> int:
    """The level the form starts from (opening it is refused to anyone who may not change it)."""
    log, _ = open_log(session, person, log_id, Action.CHANGE_LEVEL)
    return min(log.level, MAX_LEVEL)


def handover_candidates(session: Session, person: Person, log_id: int) -> list[PersonRow]:
    units = {u.id: u.name for u in session.exec(select(Unit)).all()}
    return [
        PersonRow(
            person_id=p.id,  # type: ignore[arg-type]
            name=f"{p.first_name} {p.last_name}",
            role_label=p.title,
            unit_name=units.get(p.unit_id, ""),
        )
        for p in relay.handover_candidates(session, person, log_id)
    ]


def propose_for_absent_holder(session: Session, leader: Person, log_id: int, form: dict) -> int:
    """A unit leader proposes a new holder for a holder who is away. The leader does not read the
    plan, so every open concern goes along and the new holder decides what to close."""
    open_log(session, leader, log_id, Action.PROPOSE_HANDOVER)
    along = [
        str(i)
        for i in session.exec(
            select(Concern.id).where(Concern.log_id == log_id, col(Concern.closed_at).is_(None))
        ).all()
    ]
    return relay.propose_handover(session, leader, log_id, {**form, "concern_ids": along})


def ask_to_reopen(session: Session, person: Person, log_id: int) -> int:
    """The holder asks the family for a new consent naming the staff who take part now; when it
    is on record the log is active again (consent_flow puts it on record and marks the period)."""
    open_log(session, person, log_id, Action.ASK_CONSENT)
    named = [
        consent_flow.Named(p.person_id, p.role)  # type: ignore[arg-type]
        for p in read.participants_in_force(session, log_id)
        if p.role in STAFF_ROLES
    ]
    return consent_flow.ask_consent(session, person, log_id, named)
