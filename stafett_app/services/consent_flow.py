"""The family's consent: the holder names participants and asks; each person asked confirms;
when everyone asked has confirmed, a new consent version is on record. A signed paper form,
recorded by the holder, is the manual path to the same result. Versions are never edited: a
newer one supersedes the one before, and every version says which path it came by.

Who is asked is decided in domain.relay.who_is_asked: every registered guardian under 15 (all
must confirm), the young person alone from 15 once registered.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain import lifecycle, relay
from stafett_app.domain.dates import age_on, today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.permissions import Action
from stafett_app.domain.relay import ConsentPath, LogEventKind
from stafett_app.domain.roles import STAFF_ROLES, LogRole, PersonKind
from stafett_app.i18n import translate
from stafett_app.models import (
    Consent,
    ConsentAsk,
    ConsentEntry,
    ConsentRequest,
    ConsentRequestEntry,
    Note,
    Participant,
    ParticipantProposal,
    Person,
    StafettLog,
    id_of,
    selected_id,
)
from stafett_app.services import log_events, notify_events, practice, read
from stafett_app.services.access import open_log, record_refusal
from stafett_app.services.notes import store_pdf
from stafett_app.services.notifications import notify
from stafett_app.services.request_keys import once
from stafett_app.services.views import PersonRow

WHY_MAX = 300


@dataclass(frozen=True)
class Named:
    """A participant the holder proposes: person, role, and why they are asked (for the family)."""

    person_id: int
    role: LogRole
    why: str = ""


_OPEN_REQUESTS_NEWEST_FIRST = (
    select(ConsentRequest)
    .where(
        ConsentRequest.log_id == bindparam("log_id"),
        col(ConsentRequest.consent_id).is_(None),
        col(ConsentRequest.superseded_at).is_(None),
    )
    .order_by(col(ConsentRequest.id).desc())
)


def _open_request(session: Session, log_id: int) -> ConsentRequest | None:
    return read.first_of_log(session, log_id, "people", ("open request",), _OPEN_REQUESTS_NEWEST_FIRST)


def _findable_staff_ids(session: Session, log: StafettLog) -> set[int]:
    """Staff the holder may name: the log's own unit, and from level 2 every service."""
    query = select(Person.id).where(Person.kind == PersonKind.STAFF, practice.people_allowed_in(log))
    if not log.is_practice and not lifecycle.may_find_other_services(log.level):
        query = query.where(Person.unit_id == log.unit_id)
    return set(session.exec(query).all())  # type: ignore[arg-type]


def _asked_ids(session: Session, log: StafettLog) -> set[int]:
    child = session.get(Person, log.child_id)
    guardians = {p.person_id for p in read.participants_in_force(session, log.id) if p.role == LogRole.GUARDIAN}  # type: ignore[arg-type]
    return relay.who_is_asked(
        guardians,
        log.child_id,
        age_on(child.birth_date, today_in_norway()) if child else None,
        log.young_person_consents,
    )


def staff_to_name(session: Session, person: Person, log_id: int) -> list[PersonRow]:
    """Staff the holder can name in the next consent: at level 0 and 1 only the log's own unit,
    from level 2 every service; staff already taking part are kept in the list."""
    log, _ = open_log(session, person, log_id, Action.ASK_CONSENT)
    present = {p.person_id for p in read.participants_in_force(session, log_id) if p.role in STAFF_ROLES}
    ids = _findable_staff_ids(session, log) | present
    people = session.exec(
        select(Person).where(col(Person.id).in_(sorted(ids))).order_by(col(Person.first_name), col(Person.last_name))
    ).all()
    units = read.unit_names(session)
    return [
        PersonRow(
            person_id=id_of(p), name=read.full_name(p), role_label=p.title, unit_name=units.get(p.unit_id or 0, "")
        )
        for p in people
    ]


def ask_consent(
    session: Session, person: Person, log_id: int, named: list[Named], *, request_key: str | None = None
) -> int:
    """The holder names every participant of the next consent version (the holder among them)
    and asks the family. For a passive log this is the way back: on record, it reopens."""

    def create() -> int:
        log, _ = open_log(session, person, log_id, Action.ASK_CONSENT)
        pairs = relay.check_named([(n.person_id, LogRole(n.role)) for n in named], holder_id=person.id)  # type: ignore[arg-type]
        holders = {p.person_id for p in read.participants_in_force(session, log_id) if p.role == LogRole.HOLDER}
        allowed = _findable_staff_ids(session, log) | {
            p.person_id
            for p in read.participants_in_force(session, log_id)
            if p.role in (LogRole.ACTOR, LogRole.READER)
        }
        for person_id, role in pairs:
            if (role == LogRole.HOLDER and person_id not in holders) or (
                role != LogRole.HOLDER and person_id not in allowed
            ):
                raise ValidationFailed({"named": "error.choose_one"})
        why = {n.person_id: n.why.strip()[:WHY_MAX] for n in named}
        asked = _asked_ids(session, log)
        now = utcnow()
        earlier = _open_request(session, log_id)
        if earlier is not None:
            earlier.superseded_at = now
            session.add(earlier)
        request = ConsentRequest(
            log_id=log_id,
            asked_by_id=person.id,  # type: ignore[arg-type]
            asked_at=now,
            reopen=log.status == lifecycle.LogStatus.PASSIVE,
        )
        session.add(request)
        session.flush()
        for person_id, role in pairs:
            session.add(ConsentRequestEntry(request_id=request.id, person_id=person_id, role=role, why=why[person_id]))  # type: ignore[arg-type]
        for person_id in asked:
            session.add(ConsentAsk(request_id=request.id, person_id=person_id))  # type: ignore[arg-type]
        kind = LogEventKind.REOPEN_ASKED if request.reopen else LogEventKind.CONSENT_ASKED
        log_events.record(session, log, kind, actor_id=person.id)
        notify(session, asked, EventKind.CONSENT, routes.family(log_id), actor_id=person.id)
        session.flush()
        return request.id  # type: ignore[return-value]

    return once(session, person.id, request_key, "consent_request", create)  # type: ignore[arg-type]


def confirm_consent(
    session: Session, person: Person, log_id: int, request_id: int, *, request_key: str | None = None
) -> int:
    """One person asked confirms. Returns the version put on record, or 0 while others are
    still asked. Confirming twice changes nothing."""

    def create() -> int:
        log, _ = open_log(session, person, log_id, Action.GIVE_CONSENT)
        request = session.get(ConsentRequest, request_id)
        ask = session.exec(
            select(ConsentAsk).where(ConsentAsk.request_id == request_id, ConsentAsk.person_id == person.id)
        ).first()
        if request is None or request.log_id != log_id or ask is None:
            record_refusal(session, person.id, log_id, Action.GIVE_CONSENT.value)
            raise PermissionDenied()
        if request.superseded_at is not None:
            raise ValidationFailed({"consent": "error.consent_request_replaced"})
        if request.consent_id is not None:
            return session.get(Consent, request.consent_id).version  # type: ignore[union-attr]
        if ask.confirmed_at is None:
            ask.confirmed_at = utcnow()
            session.add(ask)
            log_events.record(session, log, LogEventKind.CONSENT_CONFIRMED, actor_id=person.id, subject_id=person.id)
        asks = session.exec(select(ConsentAsk).where(ConsentAsk.request_id == request_id)).all()
        if not relay.on_record([a.person_id for a in asks], [a.person_id for a in asks if a.confirmed_at]):
            return 0
        return _put_on_record(session, log, request, given_by_id=person.id, path=ConsentPath.DIGITAL)  # type: ignore[arg-type]

    return once(session, person.id, request_key, "consent", create)  # type: ignore[arg-type]


def record_paper_consent(
    session: Session,
    person: Person,
    log_id: int,
    form: dict,
    raw_pdf: bytes,
    filename: str,
    *,
    request_key: str | None = None,
) -> int:
    """The manual path: the family signed the proposal on paper; the holder records who signed,
    when, and the scanned PDF (checked like every other PDF). Returns the version on record."""

    def create() -> int:
        log, _ = open_log(session, person, log_id, Action.ASK_CONSENT)
        request = _open_request(session, log_id)
        if request is None:
            raise ValidationFailed({"consent": "error.consent_nothing_asked"})
        paper = relay.check_paper_consent(form, today=today_in_norway())
        note = Note(
            log_id=log_id,
            author_id=person.id,  # type: ignore[arg-type]
            title=translate("nb", "consent.paper_note_title"),
            text=paper.signed_by,
            created_at=utcnow(),
        )
        session.add(note)
        session.flush()
        attachment = store_pdf(session, log_id, raw_pdf, filename, note_id=note.id)  # type: ignore[arg-type]
        return _put_on_record(
            session,
            log,
            request,
            given_by_id=person.id,  # type: ignore[arg-type]
            path=ConsentPath.PAPER,
            signed_by=paper.signed_by,
            signed_on=paper.signed_on,
            attachment_id=attachment.id,
        )

    return once(session, person.id, request_key, "consent", create)  # type: ignore[arg-type]


def _put_on_record(
    session: Session,
    log: StafettLog,
    request: ConsentRequest,
    *,
    given_by_id: int,
    path: ConsentPath,
    signed_by: str = "",
    signed_on: date | None = None,
    attachment_id: int | None = None,
) -> int:
    """A new consent version from a request. Staff it names join the log; a passive log is
    active again in a new period."""
    previous = read.consent_in_force(session, log.id)  # type: ignore[arg-type]
    now = utcnow()
    consent = Consent(
        log_id=log.id,  # type: ignore[arg-type]
        version=(previous.version + 1) if previous else 1,
        given_by_id=given_by_id,
        given_at=now,
        path=path,
        paper_signed_by=signed_by,
        paper_signed_on=signed_on,
        paper_attachment_id=attachment_id,
    )
    session.add(consent)
    session.flush()
    entries = session.exec(select(ConsentRequestEntry).where(ConsentRequestEntry.request_id == request.id)).all()
    present = {(p.person_id, p.role) for p in read.participants_in_force(session, log.id)}  # type: ignore[arg-type]
    joined = []
    for entry in entries:
        practice.require_may_join(session, log, entry.person_id, "named")
        session.add(ConsentEntry(consent_id=consent.id, person_id=entry.person_id, role=entry.role))  # type: ignore[arg-type]
        if (entry.person_id, entry.role) not in present:
            session.add(Participant(log_id=log.id, person_id=entry.person_id, role=entry.role, added_at=now))  # type: ignore[arg-type]
            joined.append(entry.person_id)
        for proposal in session.exec(
            select(ParticipantProposal).where(
                ParticipantProposal.log_id == log.id,
                ParticipantProposal.person_id == entry.person_id,
                ParticipantProposal.role == entry.role,
                col(ParticipantProposal.consent_id).is_(None),
            )
        ).all():
            proposal.consent_id = consent.id
            session.add(proposal)
    request.consent_id = consent.id
    session.add(request)
    log_events.record(session, log, LogEventKind.CONSENT_ON_RECORD, actor_id=given_by_id, text=path.value)
    if request.reopen and log.status == lifecycle.LogStatus.PASSIVE:
        log.status = lifecycle.next_status(lifecycle.LogStatus(log.status), lifecycle.Transition.REOPEN)
        log.period += 1
        log.closed_at, log.closing_note, log.closing_reason = None, "", ""
        session.add(log)
        session.flush()
        log_events.record(session, log, LogEventKind.PERIOD_STARTED, actor_id=given_by_id)
    session.flush()
    notify_events.joined_log(session, log.id, joined, given_by_id)  # type: ignore[arg-type]
    return consent.version


@dataclass(frozen=True)
class AskedRow:
    person_id: int
    name: str
    confirmed: bool


@dataclass(frozen=True)
class NamedRow:
    person_id: int
    name: str
    role: str
    unit_name: str
    why: str = ""


@dataclass(frozen=True)
class ConsentStatus:
    """What the holder sees: the version on record (and its path), and an open request with who
    has consented and who is still asked."""

    version: int
    path: str
    withdrawn: bool
    named: list[NamedRow]
    request_id: int | None
    asked: list[AskedRow]
    proposed: list[NamedRow]


def _names(session: Session, ids: set[int]) -> dict[int, Person]:
    return read.people_by_id(session, ids)


def _named_rows(session: Session, rows: list[tuple[int, str, str]]) -> list[NamedRow]:
    people = _names(session, {pid for pid, _, _ in rows})
    units = read.unit_names(session)
    return [
        NamedRow(
            pid,
            f"{people[pid].first_name} {people[pid].last_name}",
            role,
            units.get(people[pid].unit_id, ""),  # type: ignore[arg-type]
            why,
        )
        for pid, role, why in rows
        if pid in people
    ]


def _request_rows(session: Session, request: ConsentRequest) -> tuple[list[AskedRow], list[NamedRow]]:
    asks = session.exec(
        select(ConsentAsk).where(ConsentAsk.request_id == request.id).order_by(col(ConsentAsk.id))
    ).all()
    people = _names(session, {a.person_id for a in asks})
    asked = [
        AskedRow(
            a.person_id, f"{people[a.person_id].first_name} {people[a.person_id].last_name}", a.confirmed_at is not None
        )
        for a in asks
    ]
    entries = session.exec(
        select(ConsentRequestEntry)
        .where(ConsentRequestEntry.request_id == request.id)
        .order_by(col(ConsentRequestEntry.id))
    ).all()
    return asked, _named_rows(session, [(e.person_id, e.role, e.why) for e in entries])


def consent_status(session: Session, person: Person, log_id: int) -> ConsentStatus:
    """For the holder (or the draft's author)."""
    open_log(session, person, log_id, Action.ASK_CONSENT)
    consent = read.consent_in_force(session, log_id)
    named: list[NamedRow] = []
    if consent is not None:
        entries = read.consent_entries(session, log_id, id_of(consent))
        named = _named_rows(session, [(e.person_id, e.role, "") for e in entries])
    request = _open_request(session, log_id)
    asked, proposed = _request_rows(session, request) if request else ([], [])
    return ConsentStatus(
        version=consent.version if consent else 0,
        path=consent.path if consent else "",
        withdrawn=bool(consent and consent.withdrawn_at),
        named=named,
        request_id=request.id if request else None,
        asked=asked,
        proposed=proposed,
    )


@dataclass(frozen=True)
class FamilyRequest:
    """A request on the family's own page: who is proposed, in which role and unit, and why."""

    log_id: int
    request_id: int
    reopen: bool
    confirmed_by_me: bool
    asked: list[AskedRow]
    proposed: list[NamedRow]


# Asked of the person, and neither answered by a consent nor replaced by a newer request.
_OPEN_AND_ASKING = (
    ConsentAsk.person_id == bindparam("person_id"),
    col(ConsentRequest.consent_id).is_(None),
    col(ConsentRequest.superseded_at).is_(None),
)
# The family page asks on every load: built once (see services.read on prebuilt statements).
_OPEN_REQUESTS_ASKING = (
    select(ConsentRequest, ConsentAsk)
    .join(ConsentAsk, col(ConsentAsk.request_id) == col(ConsentRequest.id))
    .where(*_OPEN_AND_ASKING)
    .order_by(col(ConsentRequest.id))
)
_OPEN_REQUESTS_ASKING_IN_LOG = _OPEN_REQUESTS_ASKING.where(ConsentRequest.log_id == bindparam("log_id"))

# "Mine logger" lists the same requests by log with the child's first name: one statement, not the
# proposal's rows per request.
_CHILD = aliased(Person)
_OPEN_ASKS_BY_LOG = (
    select(ConsentRequest.log_id, ConsentRequest.id, ConsentAsk.confirmed_at, _CHILD.first_name)
    .join(ConsentAsk, col(ConsentAsk.request_id) == col(ConsentRequest.id))
    .join(StafettLog, col(StafettLog.id) == col(ConsentRequest.log_id))
    .join(_CHILD, col(_CHILD.id) == col(StafettLog.child_id))
    .where(*_OPEN_AND_ASKING)
    .order_by(col(ConsentRequest.id))
)


def asked_by_log(session: Session, person: Person) -> list[tuple[int, int, str, bool]]:
    """(log id, request id, child's first name, confirmed by me) of the first open request per log
    this person is asked to confirm."""
    first: dict[int, tuple[int, int, str, bool]] = {}
    for log_id, request_id, confirmed_at, first_name in session.exec(
        _OPEN_ASKS_BY_LOG, params={"person_id": person.id}
    ).all():
        first.setdefault(log_id, (log_id, selected_id(request_id), first_name, confirmed_at is not None))
    return list(first.values())


def requests_for(session: Session, person: Person, log_id: int | None = None) -> list[FamilyRequest]:
    """Open requests this person is asked to confirm (in one log, or in all). Being asked is the
    permission: a guardian sees the proposal of a draft without seeing the draft."""
    if log_id is None:
        rows = session.exec(_OPEN_REQUESTS_ASKING, params={"person_id": person.id}).all()
    else:
        rows = session.exec(_OPEN_REQUESTS_ASKING_IN_LOG, params={"person_id": person.id, "log_id": log_id}).all()
    result = []
    for request, ask in rows:
        asked, proposed = _request_rows(session, request)
        result.append(
            FamilyRequest(request.log_id, request.id, request.reopen, ask.confirmed_at is not None, asked, proposed)  # type: ignore[arg-type]
        )
    return result
