"""What people are told about, on which channels, and what a notice may say.

A notice leaves the app (mail servers, push services of phone makers), so it never carries a
child's name or any content: only that something new is waiting, and a link into the app. The
text comes from the translation catalogue by kind, so no caller can put content into it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class EventKind(StrEnum):
    INVITATION = "invitation"  # added to a log
    MESSAGE = "message"
    GLIMMER = "glimmer"
    MEETING = "meeting"  # called, changed or cancelled
    EVALUATION_DUE = "evaluation_due"
    CONSENT = "consent"  # the family is asked to consent (a new log, new people, reopening)
    HANDOVER = "handover"  # a handover proposed to you, or answered
    REMOVED = "removed"  # no longer taking part: a thank-you, never the child's name
    DELETION = "deletion"  # a family asks a leader to delete a log
    FEEDBACK = "feedback"  # to administrators: someone sent feedback on accessibility


class Channel(StrEnum):
    EMAIL = "email"
    PUSH = "push"


# Until a person chooses, everything important comes by both; lysglimt only as push.
DEFAULT_CHANNELS: dict[EventKind, frozenset[Channel]] = {
    EventKind.INVITATION: frozenset({Channel.EMAIL, Channel.PUSH}),
    EventKind.MESSAGE: frozenset({Channel.EMAIL, Channel.PUSH}),
    EventKind.GLIMMER: frozenset({Channel.PUSH}),
    EventKind.MEETING: frozenset({Channel.EMAIL, Channel.PUSH}),
    EventKind.EVALUATION_DUE: frozenset({Channel.EMAIL, Channel.PUSH}),
    EventKind.CONSENT: frozenset({Channel.EMAIL, Channel.PUSH}),
    EventKind.HANDOVER: frozenset({Channel.EMAIL, Channel.PUSH}),
    EventKind.REMOVED: frozenset({Channel.EMAIL}),
    EventKind.DELETION: frozenset({Channel.EMAIL, Channel.PUSH}),
    EventKind.FEEDBACK: frozenset({Channel.EMAIL}),
}

# The kinds everyone chooses channels for on the notice settings page; feedback reaches administrators only.
PERSONAL_KINDS: tuple[EventKind, ...] = tuple(kind for kind in EventKind if kind != EventKind.FEEDBACK)

EVALUATION_REMINDER_BEFORE = timedelta(days=3)


def channels_for(kind: EventKind, chosen: tuple[bool, bool] | None) -> frozenset[Channel]:
    """The channels for one kind: the person's (email, push) choice, or the default."""
    if chosen is None:
        return DEFAULT_CHANNELS[kind]
    email, push = chosen
    return frozenset({c for c, on in ((Channel.EMAIL, email), (Channel.PUSH, push)) if on})


@dataclass(frozen=True)
class Notice:
    """The whole of what an e-mail or push message says: translation keys and a link."""

    subject_key: str
    body_key: str
    link: str
    # From a practice log: the subject begins with this key's text and the body says no real person was told.
    practice_key: str = ""


def notice_for(kind: EventKind, link: str, *, practice: bool = False) -> Notice:
    if not link.startswith("/") or link.startswith("//"):
        raise ValueError("a notice links to a path inside the app")
    return Notice(
        subject_key=f"notify.{kind.value}.subject",
        body_key="notify.body_practice" if practice else "notify.body",
        link=link,
        practice_key="notify.practice_mark" if practice else "",
    )


def subject_of(notice: Notice, translate: Callable[[str], str]) -> str:
    """The subject line (also a push message's text), marked when it is practice."""
    subject = translate(notice.subject_key)
    return f"{translate(notice.practice_key)} {subject}" if notice.practice_key else subject


def evaluation_reminder_day(evaluation_date: date) -> date:
    """The day the reminder for an evaluation goes out."""
    return evaluation_date - EVALUATION_REMINDER_BEFORE


def reminder_window(today: date) -> tuple[date, date]:
    """Evaluation dates whose reminder is due today or was due on a day already past: tomorrow to
    EVALUATION_REMINDER_BEFORE ahead. A day the server was down is made up on the next run; on the
    evaluation day itself the plan shows it as due, so no late reminder is sent then."""
    return today + timedelta(days=1), today + EVALUATION_REMINDER_BEFORE
