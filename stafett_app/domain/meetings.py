"""Collaboration meetings: called by the holder, about 20 % status and 80 % what happens next."""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from stafett_app.domain.dates import NORWAY
from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.messages import BODY_MAX
from stafett_app.domain.validation import FieldChecks, checked

MIN_MINUTES, MAX_MINUTES = 15, 240
SHORT_NOTICE = timedelta(hours=48)  # an ad-hoc meeting: the same, flagged as short notice
STATUS_SHARE = 0.2
PLACE_MAX, LINK_MAX, AGENDA_MAX = 200, 300, 3000
MINUTES_MAX = BODY_MAX  # the minutes go out as a message


class Response(StrEnum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


@dataclass(frozen=True)
class MeetingInput:
    starts_at_utc: datetime  # naive UTC, as stored
    duration_minutes: int
    place: str
    video_link: str
    agenda: str
    short_notice: bool
    invitee_ids: frozenset[int]


def agenda_minutes(duration_minutes: int) -> tuple[int, int]:
    """(status, what happens next): a fifth for status, the rest for the way forward."""
    status = max(5, round(duration_minutes * STATUS_SHARE / 5) * 5)
    return status, duration_minutes - status


def check_meeting(form: dict[str, str], *, now_utc: datetime, participant_ids: set[int]) -> MeetingInput:
    checks = FieldChecks()
    day = checks.date("date", form.get("date"))
    start_time = _parse_time(form.get("time", ""))
    if start_time is None:
        checks.add("time", "error.bad_time")
    try:
        duration = int(form.get("duration", ""))
    except ValueError:
        duration = 0
    if not MIN_MINUTES <= duration <= MAX_MINUTES:
        checks.add("duration", "error.choose_one")
    place = checks.text("place", form.get("place", ""), max_length=PLACE_MAX, required=False)
    link = checks.text("video_link", form.get("video_link", ""), max_length=LINK_MAX, required=False)
    if link and not link.startswith("https://"):
        checks.add("video_link", "error.link_https")
    if not place and not link:
        checks.add("place", "error.place_or_link")
    agenda = checks.text("agenda", form.get("agenda", ""), max_length=AGENDA_MAX)
    invitees = frozenset(pid for pid in participant_ids if form.get(f"invite_{pid}") in ("on", "true", "1"))
    if not invitees:
        checks.add("invitees", "error.invite_someone")
    starts_at = None
    if day and start_time:
        local = datetime.combine(day, start_time, tzinfo=NORWAY)
        starts_at = local.astimezone(UTC).replace(tzinfo=None)
        if starts_at <= now_utc:
            checks.add("date", "error.meeting_in_past")
    checks.raise_if_any()
    starts_at = checked(starts_at)
    return MeetingInput(starts_at, duration, place, link, agenda, starts_at - now_utc < SHORT_NOTICE, invitees)


def _parse_time(raw: str) -> time | None:
    try:
        return time.fromisoformat(raw.strip())
    except ValueError:
        return None


def local_time(utc_naive: datetime) -> datetime:
    return utc_naive.replace(tzinfo=UTC).astimezone(NORWAY)


# --- after the call: moving, cancelling, and the minutes -------------------------------------


def may_change(*, starts_at: datetime, cancelled_at: datetime | None, now: datetime) -> bool:
    """A meeting is moved or cancelled before it begins, never afterwards."""
    return cancelled_at is None and starts_at > now


def minutes_open(minutes_sent_at: datetime | None) -> bool:
    """The minutes are written until they are sent; after that, additions are new messages."""
    return minutes_sent_at is None


def check_minutes_text(text: str, *, minutes_sent_at: datetime | None) -> str:
    if not minutes_open(minutes_sent_at):
        raise ValidationFailed({"minutes": "error.minutes_already_sent"})
    if len(text) > MINUTES_MAX:
        raise ValidationFailed({"minutes": f"error.too_long|{MINUTES_MAX}"})
    return text


def check_minutes_sendable(*, starts_at: datetime, minutes_sent_at: datetime | None, now: datetime) -> None:
    """Sent once, and only when the meeting has begun."""
    if not minutes_open(minutes_sent_at):
        raise ValidationFailed({"minutes": "error.minutes_already_sent"})
    if starts_at > now:
        raise ValidationFailed({"minutes": "error.minutes_before_meeting"})
