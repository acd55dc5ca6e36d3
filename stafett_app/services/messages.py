"""Secure messages in a log: starting a conversation, writing, correcting, reading, unread counts.

Who takes part: a conversation "with everyone" follows the log's participants as they are now
(a new participant sees it, a removed one does not); a chosen one has its members. Every call
checks the person against the log first (services.access.open_log), then the membership.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from sqlalchemy import BindParameter, ColumnElement, and_, bindparam, func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from stafett_app import routes
from stafett_app.db import after_commit, memoized
from stafett_app.domain import messages as rules
from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.meetings import local_time
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.permissions import Action, may
from stafett_app.i18n import format_short_date, translate
from stafett_app.models import (
    Conversation,
    ConversationMember,
    ConversationRead,
    Message,
    MessageRevision,
    Person,
    StafettLog,
    id_of,
    selected_id,
)
from stafett_app.services import live, read
from stafett_app.services.access import (
    access_for,
    accesses_in_log,
    accesses_of_person,
    accesses_of_person_with,
    open_log,
    record_refusal,
)
from stafett_app.services.notifications import notify
from stafett_app.services.request_keys import once


@dataclass
class ConversationRow:
    conversation_id: int
    subject: str
    audience: str  # "Alle i loggen" or the members' first names
    last_written: str
    unread: int


@dataclass
class RevisionRow:
    body: str
    replaced: str


@dataclass
class MessageRow:
    message_id: int
    sender_name: str
    body: str
    written: str
    is_mine: bool
    kind: str
    kind_label: str
    corrected: bool
    can_correct: bool
    history: list[RevisionRow] = field(default_factory=list)


@dataclass
class MemberOption:
    person_id: int
    name: str


def _when(lang: str, utc_naive: datetime) -> str:
    local = local_time(utc_naive)
    return f"{format_short_date(lang, local.date())} {local.strftime('%H:%M')}"


def readers_of_log(session: Session, log: StafettLog) -> set[int]:
    """Everyone in the log who may read its messages (a child under 15 has the picture view)."""
    return {pid for pid, access in accesses_in_log(session, log).items() if may(access, Action.READ_MESSAGES)}


def _member_ids(session: Session, conversation_id: int) -> set[int]:
    return set(
        session.exec(
            select(ConversationMember.person_id).where(ConversationMember.conversation_id == conversation_id)
        ).all()
    )


def recipients(session: Session, conversation: Conversation, log: StafettLog) -> set[int]:
    readers = readers_of_log(session, log)
    return readers if conversation.with_everyone else readers & _member_ids(session, id_of(conversation))


def _visible(session: Session, conversation: Conversation, person_id: int) -> bool:
    return rules.is_member(
        with_everyone=conversation.with_everyone,
        member_ids=() if conversation.with_everyone else _member_ids(session, id_of(conversation)),
        person_id=person_id,
    )


def open_conversation(
    session: Session, person: Person, conversation_id: int, action: Action
) -> tuple[Conversation, StafettLog]:
    """The conversation, if the person may `action` in its log and takes part in it."""
    conversation = session.get(Conversation, conversation_id)
    log, _access = open_log(session, person, conversation.log_id if conversation else -1, action)
    if conversation is None or not _visible(session, conversation, id_of(person)):
        record_refusal(session, person.id, log.id, action.value)
        raise PermissionDenied()
    return conversation, log


def child_first_name(session: Session, person: Person, log_id: int) -> str:
    """The heading of a log's messages page, for someone who may read them."""
    log, _ = open_log(session, person, log_id, Action.READ_MESSAGES)
    child = read.people_by_id(session, {log.child_id}).get(log.child_id)
    return child.first_name if child else ""


def may_write(session: Session, person: Person, log_id: int) -> bool:
    log = session.get(StafettLog, log_id)
    return log is not None and may(access_for(session, log, person), Action.WRITE_MESSAGE)


def member_options(session: Session, person: Person, log_id: int) -> list[MemberOption]:
    """Whom one can choose for a new conversation: the log's message readers but oneself."""
    log, _ = open_log(session, person, log_id, Action.WRITE_MESSAGE)
    people = read.people_by_id(session, readers_of_log(session, log) - {person.id})
    return sorted((MemberOption(pid, read.full_name(p)) for pid, p in people.items()), key=lambda option: option.name)


def _already_waiting(session: Session, conversation_id: int, person_ids: set[int]) -> set[int]:
    """Who still has unread messages from others here: they were told once and are not told again."""
    if not person_ids:
        return set()
    reads = dict(
        session.exec(
            select(ConversationRead.person_id, ConversationRead.last_read_message_id).where(
                ConversationRead.conversation_id == conversation_id, col(ConversationRead.person_id).in_(person_ids)
            )
        ).all()
    )
    waiting = set()
    for sender_id, message_id in session.exec(
        select(Message.sender_id, Message.id).where(Message.conversation_id == conversation_id)
    ).all():
        waiting |= {pid for pid in person_ids if pid != sender_id and selected_id(message_id) > reads.get(pid, 0)}
    return waiting


def announce_change(session: Session, log_id: int) -> None:
    """Open pages of the log reload once the change is committed."""
    after_commit(session, lambda: live.announce(log_id))


def _deliver(
    session: Session,
    conversation: Conversation,
    log: StafettLog,
    sender: Person,
    body: str,
    kind: rules.MessageKind = rules.MessageKind.TEXT,
    meeting_id: int | None = None,
) -> Message:
    to_tell = recipients(session, conversation, log) - {sender.id}
    to_tell -= _already_waiting(session, id_of(conversation), to_tell)
    now = utcnow()
    message = Message(
        conversation_id=id_of(conversation),
        sender_id=id_of(sender),
        body=body,
        kind=kind.value,
        meeting_id=meeting_id,
        sent_at=now,
    )
    session.add(message)
    conversation.last_message_at = now
    session.add(conversation)
    session.flush()
    _mark_read_up_to(session, id_of(conversation), id_of(sender), id_of(message))
    # One notice per conversation until it is read: a lively thread does not fill anyone's inbox.
    notify(session, to_tell, EventKind.MESSAGE, routes.messages(id_of(log)), actor_id=id_of(sender))
    announce_change(session, id_of(log))
    return message


def start_conversation(
    session: Session,
    person: Person,
    log_id: int,
    form: dict,
    kind: rules.MessageKind = rules.MessageKind.TEXT,
    meeting_id: int | None = None,
    *,
    request_key: str | None = None,
) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(
        session,
        id_of(person),
        request_key,
        "conversation",
        lambda: _start_conversation(session, person, log_id, form, kind, meeting_id),
    )


def _start_conversation(
    session: Session,
    person: Person,
    log_id: int,
    form: dict,
    kind: rules.MessageKind = rules.MessageKind.TEXT,
    meeting_id: int | None = None,
) -> int:
    log, _ = open_log(session, person, log_id, Action.WRITE_MESSAGE)
    data = rules.check_new_conversation(form, sender_id=id_of(person), allowed_member_ids=readers_of_log(session, log))
    now = utcnow()
    conversation = Conversation(
        log_id=log_id,
        subject=data.subject,
        with_everyone=data.with_everyone,
        started_by_id=id_of(person),
        created_at=now,
        last_message_at=now,
    )
    session.add(conversation)
    session.flush()
    for member_id in data.member_ids:
        session.add(ConversationMember(conversation_id=id_of(conversation), person_id=member_id))
    session.flush()
    _deliver(session, conversation, log, person, data.body, kind, meeting_id)
    return id_of(conversation)


def send(session: Session, person: Person, conversation_id: int, body: str, *, request_key: str | None = None) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(session, id_of(person), request_key, "message", lambda: _send(session, person, conversation_id, body))


def _send(session: Session, person: Person, conversation_id: int, body: str) -> int:
    conversation, log = open_conversation(session, person, conversation_id, Action.WRITE_MESSAGE)
    return id_of(_deliver(session, conversation, log, person, rules.check_body(body)))


def correct(session: Session, person: Person, message_id: int, new_body: str) -> int:
    """The sender fixes a typo within the window; the earlier text stays in the history."""
    message = session.get(Message, message_id)
    conversation_id = message.conversation_id if message else -1
    conversation, _log = open_conversation(session, person, conversation_id, Action.WRITE_MESSAGE)
    if message is None:  # open_conversation has refused already; this tells the type checker
        raise PermissionDenied()
    cleaned = rules.check_correction(
        sender_id=message.sender_id,
        person_id=id_of(person),
        sent_at=message.sent_at,
        now=utcnow(),
        old_body=message.body,
        new_body=new_body,
    )
    now = utcnow()
    session.add(MessageRevision(message_id=id_of(message), body=message.body, replaced_at=now))
    message.body, message.corrected_at = cleaned, now
    session.add(message)
    announce_change(session, conversation.log_id)
    return conversation.log_id


def _mark_read_up_to(session: Session, conversation_id: int, person_id: int, message_id: int) -> None:
    read = session.exec(
        select(ConversationRead).where(
            ConversationRead.conversation_id == conversation_id, ConversationRead.person_id == person_id
        )
    ).first()
    if read is None:
        read = ConversationRead(conversation_id=conversation_id, person_id=person_id, last_read_message_id=0)
    read.last_read_message_id = max(read.last_read_message_id, message_id)
    session.add(read)


MESSAGES_SHOWN = 50  # the latest ones; earlier ones come on request, so a long thread stays quick on a phone


def read_conversation(
    session: Session, person: Person, conversation_id: int, lang: str, shown: int = MESSAGES_SHOWN
) -> list[MessageRow]:
    """The latest `shown` messages, oldest first, with their history; marks them all read."""
    conversation, _log = open_conversation(session, person, conversation_id, Action.READ_MESSAGES)
    messages = list(
        reversed(
            session.exec(
                select(Message)
                .where(Message.conversation_id == conversation_id)
                .order_by(col(Message.id).desc())
                .limit(max(1, shown))
            ).all()
        )
    )
    revisions: dict[int, list[MessageRevision]] = defaultdict(list)
    for revision in session.exec(
        select(MessageRevision)
        .where(col(MessageRevision.message_id).in_([m.id for m in messages]))
        .order_by(col(MessageRevision.id))
    ).all():
        revisions[revision.message_id].append(revision)
    people = read.people_by_id(session, {m.sender_id for m in messages})
    may_write = may(access_for(session, _log, person), Action.WRITE_MESSAGE)
    now = utcnow()
    rows = [
        MessageRow(
            message_id=id_of(m),
            sender_name=read.full_name(people[m.sender_id]),
            body=m.body,
            written=_when(lang, m.sent_at),
            is_mine=m.sender_id == person.id,
            kind=m.kind,
            kind_label=translate(lang, f"messages.kind.{m.kind}"),
            corrected=m.corrected_at is not None,
            can_correct=may_write
            and rules.may_correct(sender_id=m.sender_id, person_id=id_of(person), sent_at=m.sent_at, now=now),
            history=[RevisionRow(r.body, _when(lang, r.replaced_at)) for r in revisions.get(id_of(m), [])],
        )
        for m in messages
    ]
    if messages:
        _mark_read_up_to(session, id_of(conversation), id_of(person), id_of(messages[-1]))
    return rows


def message_count(session: Session, conversation_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(Message).where(Message.conversation_id == conversation_id)
    ).one()


_Counted = TypeVar("_Counted", Select, SelectOfScalar)


def _unread_messages(counted: _Counted) -> _Counted:
    return _after_last_read(counted.join(Conversation, col(Conversation.id) == col(Message.conversation_id)))


def _after_last_read(counted: _Counted) -> _Counted:
    """Messages from others after the last one the person (the `person_id` parameter) read."""
    person_id: BindParameter[int] = bindparam("person_id")
    last_read = and_(
        col(ConversationRead.conversation_id) == col(Message.conversation_id),
        col(ConversationRead.person_id) == person_id,
    )
    return counted.outerjoin(ConversationRead, last_read).where(
        Message.sender_id != person_id,
        col(Message.id) > func.coalesce(col(ConversationRead.last_read_message_id), 0),
    )


def _visible_to() -> ColumnElement[bool]:
    """The conversations the person (the `person_id` parameter) sees: those with everyone in the log,
    and those they were chosen for."""
    chosen_for_me = select(ConversationMember.conversation_id).where(
        ConversationMember.person_id == bindparam("person_id")
    )
    return col(Conversation.with_everyone) | col(Conversation.id).in_(chosen_for_me)


# Built once (see services.read on prebuilt statements). Each conversation the person sees, newest
# first, with how many of its messages they have not read, in one statement.
_UNREAD_IN_CONVERSATION = (
    _after_last_read(select(func.count(col(Message.id))))
    .where(col(Message.conversation_id) == col(Conversation.id))
    .correlate(Conversation)
    .scalar_subquery()
)
_VISIBLE_CONVERSATIONS = (
    select(Conversation, _UNREAD_IN_CONVERSATION)
    .where(col(Conversation.log_id).in_(bindparam("log_ids", expanding=True)), _visible_to())
    .order_by(col(Conversation.last_message_at).desc())
)


def _visible_conversations(session: Session, person: Person, log_ids: list[int]) -> list[tuple[Conversation, int]]:
    """The conversations the person sees in these logs, each with its unread count."""
    if not log_ids:
        return []
    found = session.exec(_VISIBLE_CONVERSATIONS, params={"person_id": person.id, "log_ids": log_ids})
    return [(conversation, unread) for conversation, unread in found.all()]


def conversations_in(session: Session, person: Person, log_id: int, lang: str) -> list[ConversationRow]:
    open_log(session, person, log_id, Action.READ_MESSAGES)
    visible = _visible_conversations(session, person, [log_id])
    unread = {id_of(c): count for c, count in visible}
    conversations = [c for c, _count in visible]
    members: dict[int, set[int]] = defaultdict(set)
    for conversation_id, member_id in session.exec(
        select(ConversationMember.conversation_id, ConversationMember.person_id).where(
            col(ConversationMember.conversation_id).in_([c.id for c in conversations])
        )
    ).all():
        members[conversation_id].add(member_id)
    people = read.people_by_id(session, set().union(*members.values()) if members else set())
    everyone = translate(lang, "messages.with_everyone")
    return [
        ConversationRow(
            conversation_id=id_of(c),
            subject=c.subject,
            audience=everyone
            if c.with_everyone
            else ", ".join(sorted(people[m].first_name for m in members[id_of(c)] if m != id_of(person))),
            last_written=_when(lang, c.last_message_at),
            unread=unread.get(id_of(c), 0),
        )
        for c in conversations
    ]


# The header's count on every page: the person's logs, their roles and each log's unread count in one
# statement (the count is thrown away for a log whose messages the person may not read).
_UNREAD_IN_LOG = (
    _unread_messages(select(func.count(col(Message.id))))
    .where(col(Conversation.log_id) == col(StafettLog.id), _visible_to())
    .correlate(StafettLog)
    .scalar_subquery()
)


def unread_by_log(session: Session, person: Person) -> dict[int, int]:
    """Unread messages from others, per log the person may read messages in (logs without any left out).
    Once per session: the header's count, and "Mine logger" beside each log."""

    def read() -> dict[int, int]:
        accesses, unread = accesses_of_person_with(session, person, _UNREAD_IN_LOG)
        return {
            log_id: unread[log_id]
            for log_id, (_log, access) in accesses.items()
            if unread[log_id] and may(access, Action.READ_MESSAGES)
        }

    return memoized(session, ("unread by log", person.id), read)


def unread_total(session: Session, person: Person) -> int:
    return sum(unread_by_log(session, person).values())


@dataclass
class InboxRow:
    log_id: int
    child_first_name: str
    unread: int
    conversations: int


def inbox(session: Session, person: Person) -> list[InboxRow]:
    """Every log the person reads messages in, with unread counts; the newest activity first."""
    accesses = accesses_of_person(session, person)
    log_ids = [log_id for log_id, (_log, access) in accesses.items() if may(access, Action.READ_MESSAGES)]
    visible = _visible_conversations(session, person, log_ids)
    logs = {log_id: accesses[log_id][0] for log_id in log_ids}
    children = read.people_by_id(session, {log.child_id for log in logs.values()})
    rows = {log_id: InboxRow(log_id, children[logs[log_id].child_id].first_name, 0, 0) for log_id in log_ids}
    order = {log_id: index for index, log_id in enumerate(dict.fromkeys(c.log_id for c, _count in visible))}
    for c, unread in visible:
        rows[c.log_id].conversations += 1
        rows[c.log_id].unread += unread
    return sorted(rows.values(), key=lambda row: (order.get(row.log_id, len(order)), row.child_first_name))
