"""Rules for secure messages: who takes part in a conversation, what a message may hold, and
the short window in which the sender may correct a typo. Messages are never deleted."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.ids import parse_id
from stafett_app.domain.validation import FieldChecks


class MessageKind(StrEnum):
    TEXT = "text"
    INVITATION = "invitation"  # written from the meeting invitation template
    MINUTES = "minutes"  # a meeting's minutes, sent after the meeting


SUBJECT_MAX, BODY_MAX = 120, 4000  # minutes are sent as a message, so they share the limit
# Long enough to spot a typo right after sending, short enough that others have not acted on it.
CORRECTION_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class NewConversation:
    subject: str
    body: str
    with_everyone: bool
    member_ids: frozenset[int]


def check_new_conversation(form: dict, *, sender_id: int, allowed_member_ids: Collection[int]) -> NewConversation:
    """A subject, a first message, and either everyone or at least one other chosen member."""
    checks = FieldChecks()
    subject = checks.text("subject", str(form.get("subject", "")), max_length=SUBJECT_MAX)
    body = checks.text("body", str(form.get("body", "")), max_length=BODY_MAX)
    with_everyone = str(form.get("audience", "everyone")) != "chosen"
    chosen: set[int] = set()
    if not with_everyone:
        for raw in form.get("member_ids", []) or []:
            member_id = parse_id(raw)
            if member_id is None:
                checks.add("member_ids", "error.choose_one")
            else:
                chosen.add(member_id)
        # Ids come from the browser: anything outside the log is refused, not silently dropped.
        if chosen - set(allowed_member_ids):
            raise PermissionDenied()
        chosen.discard(sender_id)
        if not chosen:
            checks.add("member_ids", "error.choose_someone")
    checks.raise_if_any()
    return NewConversation(subject, body, with_everyone, frozenset(chosen | ({sender_id} if chosen else set())))


def check_body(body: str, *, max_length: int = BODY_MAX) -> str:
    checks = FieldChecks()
    cleaned = checks.text("body", body, max_length=max_length)
    checks.raise_if_any()
    return cleaned


def is_member(*, with_everyone: bool, member_ids: Collection[int], person_id: int) -> bool:
    """A conversation with everyone follows the log's participants; a chosen one its members."""
    return with_everyone or person_id in member_ids


def correctable_until(sent_at: datetime) -> datetime:
    return sent_at + CORRECTION_WINDOW


def may_correct(*, sender_id: int, person_id: int, sent_at: datetime, now: datetime) -> bool:
    return sender_id == person_id and now < correctable_until(sent_at)


def check_correction(
    *, sender_id: int, person_id: int, sent_at: datetime, now: datetime, old_body: str, new_body: str
) -> str:
    if sender_id != person_id:
        raise PermissionDenied()
    if now >= correctable_until(sent_at):
        raise ValidationFailed({"body": "error.correction_window_over"})
    cleaned = check_body(new_body)
    if cleaned == old_body:
        raise ValidationFailed({"body": "error.no_change"})
    return cleaned


def unread_count(message_ids_from_others: Collection[int], last_read_message_id: int) -> int:
    return sum(1 for message_id in message_ids_from_others if message_id > last_read_message_id)
