"""The family's own copy of a log (GDPR art. 15): everything Stafett holds about the family in it.

One structure (`OwnCopy`) is assembled once, after the permission check, and rendered two ways: a
JSON document in a documented, versioned format (docs/own-copy-format.md) and a PDF/A made from the
print template (services.printing) with the copy's own sections added. What is in it, and why staff
notes are, is in docs/privacy.md.
"""

import json
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from stafett_app.domain.dates import NORWAY, utcnow
from stafett_app.domain.permissions import Action
from stafett_app.domain.roles import FAMILY_ROLES, LogRole
from stafett_app.models import (
    Conversation,
    ConversationMember,
    FormDraft,
    Message,
    MessageRevision,
    NotificationChoice,
    Observation,
    Participant,
    Person,
    id_of,
)
from stafett_app.services import printing, read
from stafett_app.services.access import open_log
from stafett_app.services.access_log import OpeningRow, openings_of_log
from stafett_app.services.log_reader import LogContent, read_log

FORMAT = "stafett-own-copy"
FORMAT_VERSION = 1
ALL_OPENINGS = 100_000  # the whole access log of the log, not the family page's first rows


@dataclass
class FamilyMember:
    role: str  # owner (the child) or guardian
    name: str
    birth_date: str  # YYYY-MM-DD, or empty
    # Contact and language: the one who asked and the child. Another guardian's contact details are
    # theirs to ask for (art. 15(4)); their name and role are in the plan anyway.
    email: str = ""
    mobile: str = ""
    language: str = ""
    is_you: bool = False


@dataclass
class MessageRecord:
    sent_at: str  # ISO 8601, UTC
    sender: str
    body: str
    earlier_texts: list[str] = field(default_factory=list)  # before the sender corrected it


@dataclass
class ConversationRecord:
    subject: str
    with_everyone: bool
    members: list[str]
    messages: list[MessageRecord]


@dataclass
class ObservationRecord:
    observed_on: str
    kind: str
    author: str
    text: str


@dataclass
class NotificationRecord:
    kind: str
    email: bool
    push: bool


@dataclass
class DraftRecord:
    form: str
    updated_at: str
    values: dict[str, str]


@dataclass
class OwnCopy:
    made_at: str
    language: str
    requested_by: str
    content: LogContent  # the plan, meetings, consents, notes and timeline, as the print reads them
    family: list[FamilyMember]
    observations: list[ObservationRecord]
    conversations: list[ConversationRecord]
    openings: list[OpeningRow]
    notifications: list[NotificationRecord]
    drafts: list[DraftRecord]


def _iso(at: datetime) -> str:
    return at.replace(tzinfo=UTC).isoformat()


def own_copy(session: Session, person: Person, log_id: int) -> OwnCopy:
    """For a guardian or the young person from 15 (Action.OWN_COPY); anyone else is refused and
    the attempt recorded (services.access.open_log)."""
    open_log(session, person, log_id, Action.OWN_COPY)
    lang = person.language or "nb"
    return OwnCopy(
        made_at=_iso(utcnow()),
        language=lang,
        requested_by=read.full_name(person),
        content=read_log(session, log_id, lang),
        family=_family(session, person, log_id),
        observations=_observations(session, log_id),
        conversations=_conversations(session, person, log_id),
        openings=openings_of_log(session, person, log_id, lang, limit=ALL_OPENINGS),
        notifications=[
            NotificationRecord(c.kind, c.email, c.push)
            for c in session.exec(
                select(NotificationChoice)
                .where(NotificationChoice.person_id == person.id)
                .order_by(NotificationChoice.kind)
            ).all()
        ],
        drafts=[
            DraftRecord(d.kind, _iso(d.updated_at), json.loads(d.values_json or "{}"))
            for d in session.exec(
                select(FormDraft).where(FormDraft.person_id == person.id, FormDraft.log_id == log_id)
            ).all()
        ],
    )


def _family(session: Session, person: Person, log_id: int) -> list[FamilyMember]:
    """The log's family: its owner and guardians, now or earlier (never another family's people)."""
    rows = session.exec(
        select(Participant.role, Person)
        .join(Person, col(Person.id) == col(Participant.person_id))
        .where(Participant.log_id == log_id, col(Participant.role).in_([r.value for r in FAMILY_ROLES]))
        .order_by(col(Participant.role).desc(), col(Person.first_name))
    ).all()
    members: dict[int, FamilyMember] = {}
    for role, member in rows:
        own = member.id == person.id or role == LogRole.OWNER
        members.setdefault(
            id_of(member),
            FamilyMember(
                role=role,
                name=read.full_name(member),
                birth_date=member.birth_date.isoformat() if member.birth_date else "",
                email=member.email if own else "",
                mobile=member.mobile if own else "",
                language=member.language if own else "",
                is_you=member.id == person.id,
            ),
        )
    return list(members.values())


def _observations(session: Session, log_id: int) -> list[ObservationRecord]:
    rows = session.exec(
        select(Observation, Person)
        .join(Person, col(Person.id) == col(Observation.author_id))
        .where(Observation.log_id == log_id)
        .order_by(col(Observation.observed_on), col(Observation.id))
    ).all()
    return [ObservationRecord(o.observed_on.isoformat(), o.kind, read.full_name(p), o.text) for o, p in rows]


def _conversations(session: Session, person: Person, log_id: int) -> list[ConversationRecord]:
    """The conversations the person is part of (with everyone in the log, or chosen as a member)."""
    chosen = select(ConversationMember.conversation_id).where(ConversationMember.person_id == person.id)
    conversations = session.exec(
        select(Conversation)
        .where(Conversation.log_id == log_id, col(Conversation.with_everyone) | col(Conversation.id).in_(chosen))
        .order_by(col(Conversation.created_at), col(Conversation.id))
    ).all()
    ids = [id_of(c) for c in conversations]
    messages = session.exec(
        select(Message).where(col(Message.conversation_id).in_(ids)).order_by(col(Message.sent_at), col(Message.id))
    ).all()
    earlier: dict[int, list[str]] = {}
    for revision in session.exec(
        select(MessageRevision)
        .where(col(MessageRevision.message_id).in_([m.id for m in messages]))
        .order_by(col(MessageRevision.id))
    ).all():
        earlier.setdefault(revision.message_id, []).append(revision.body)
    members: dict[int, set[int]] = {}
    for conversation_id, member_id in session.exec(
        select(ConversationMember.conversation_id, ConversationMember.person_id).where(
            col(ConversationMember.conversation_id).in_(ids)
        )
    ).all():
        members.setdefault(conversation_id, set()).add(member_id)
    people = read.people_by_id(session, {m.sender_id for m in messages} | set().union(*members.values()))
    return [
        ConversationRecord(
            subject=c.subject,
            with_everyone=c.with_everyone,
            members=sorted(read.full_name(people[m]) for m in members.get(id_of(c), set())),
            messages=[
                MessageRecord(_iso(m.sent_at), read.full_name(people[m.sender_id]), m.body, earlier.get(id_of(m), []))
                for m in messages
                if m.conversation_id == c.id
            ],
        )
        for c in conversations
    ]


# --- JSON ----------------------------------------------------------------------------------------


def to_json(copy: OwnCopy) -> dict:
    """The documented format (docs/own-copy-format.md): data only, no page flags or links."""
    content, plan = copy.content, copy.content.plan
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "made_at": copy.made_at,
        "language": copy.language,
        "requested_by": copy.requested_by,
        "log": {
            "id": content.log_id,
            "unit": content.unit_name,
            "status": content.status,
            "level": plan.level,
            "created_on": content.created_on.isoformat(),
            "closed_on": content.closed_on.isoformat() if content.closed_on else None,
            "description": plan.description,
            "interest": plan.interest_text,
            "closing_note": plan.closing_note,
            "holders": [{"name": p.name, "unit": p.unit_name} for p in plan.holders],
            "professionals": [{"name": p.name, "role": p.role, "unit": p.unit_name} for p in plan.professionals],
        },
        "family": [asdict(m) for m in copy.family],
        "concerns": [
            {
                "text": c.text,
                "category": c.category,
                "shared_understanding": c.shared_understanding,
                "pupil_view": c.pupil_view,
                "goals": [
                    {
                        "text": g.text,
                        "sub_goal": g.is_sub,
                        "reached": g.reached,
                        "measures": [
                            {
                                "title": m.title,
                                "description": m.description,
                                "arena": m.arena,
                                "responsible": m.responsible_name,
                                "start": m.start_iso,
                                "evaluation_date": m.evaluation_iso,
                                "ended": m.ended,
                                "evaluations": [
                                    {
                                        "on": e.evaluated_iso,
                                        "result": e.result,
                                        "outcome": e.outcome_label,
                                        "text": e.text,
                                        "participants": e.participants_text,
                                        "recorded_by": e.recorded_by,
                                    }
                                    for e in m.evaluations
                                ],
                                "comments": [
                                    {"at": k.written_iso, "author": k.author_name, "text": k.text} for k in m.comments
                                ],
                                "earlier_versions": [
                                    {"title": r.title, "description": r.description, "reason": r.reason}
                                    for r in m.revisions
                                ],
                            }
                            for m in g.measures
                        ],
                    }
                    for g in c.goals
                ],
            }
            for c in plan.concerns
        ],
        "lysglimt": [{"at": g.written_iso, "author": g.author, "text": g.text} for g in content.glimmers],
        "meetings": [
            {"on": m.on.isoformat(), "when": m.when, "place": m.place, "agenda": m.agenda, "minutes": m.minutes}
            for m in content.meetings
        ],
        "consents": [
            {"version": k.version, "on": k.on.isoformat(), "given": k.given, "withdrawn": k.withdrawn, "named": k.named}
            for k in content.consents
        ],
        "notes": [
            {
                "at": n.written_iso,
                "title": n.title,
                "author": n.author,
                "text": n.text,
                "attachments": [a.name for a in n.attachments],
            }
            for n in plan.notes
        ],
        "observations": [asdict(o) for o in copy.observations],
        "messages": [asdict(c) for c in copy.conversations],
        "access_log": [asdict(o) for o in copy.openings],
        "notification_settings": [asdict(n) for n in copy.notifications],
        "form_drafts": [asdict(d) for d in copy.drafts],
    }


def json_bytes(copy: OwnCopy) -> bytes:
    return json.dumps(to_json(copy), ensure_ascii=False, indent=2).encode("utf-8")


def pdf_bytes(copy: OwnCopy) -> bytes:
    """The print of the whole log with the copy's own sections after it (one template, one PDF/A)."""
    return printing.render_pdf(copy.content, printing.PrintChoice(), copy.language, own_copy=copy)


def filename(copy: OwnCopy, suffix: str) -> str:
    # A header value must be Latin-1 and is better plain ASCII: "Åse" becomes "Ase", "Łucja" "ucja".
    plain = unicodedata.normalize("NFKD", copy.content.plan.child_first_name)
    safe = "".join(ch for ch in plain if ch.isascii() and ch.isalnum()) or "logg"
    day = datetime.fromisoformat(copy.made_at).astimezone(NORWAY).date().isoformat()
    return f"stafett-kopi-{safe}-{day}.{suffix}"
