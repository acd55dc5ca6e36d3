"""Minutes: the holder (or the secretary they choose for a meeting) writes them in the log during
or after the meeting; once the meeting has begun they are sent to the invited as a message."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from stafett_app.domain import meetings as rules
from stafett_app.domain import messages as message_rules
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.meetings import local_time
from stafett_app.domain.messages import MessageKind
from stafett_app.domain.permissions import Action, LogAccess, may
from stafett_app.i18n import format_date
from stafett_app.models import Meeting, Person, StafettLog, id_of
from stafett_app.services import log_cache, message_templates, messages, read
from stafett_app.services.access import access_for, open_log, refuse
from stafett_app.services.messages import MemberOption

MEETINGS_SHOWN = 4  # upcoming, and as many held


@dataclass
class MinutesRow:
    meeting_id: int
    when: str
    has_begun: bool
    minutes: str
    secretary_name: str
    secretary_id: int  # 0: the holder writes
    sent: bool
    can_write: bool
    can_choose_secretary: bool
    can_change: bool  # move or cancel: the holder, before the meeting begins


@dataclass
class MinutesOverview:
    rows: list[MinutesRow] = field(default_factory=list)
    secretary_options: list[MemberOption] = field(default_factory=list)


def _meeting(session: Session, person: Person, meeting_id: int, action: Action) -> tuple[Meeting, StafettLog]:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.cancelled_at is not None:
        refuse(session, person, -1, action)
    log, _access = open_log(session, person, meeting.log_id, action, secretary_id=meeting.secretary_id)
    return meeting, log


def overview(session: Session, person: Person, log_id: int, lang: str) -> MinutesOverview:
    """The log's latest meetings, for those who may read its messages (minutes go out as one)."""
    log, access = open_log(session, person, log_id, Action.READ_MESSAGES)
    now = utcnow()
    in_log = read.meetings_of(session, log_id)
    # A page load's view, kept while what it shows holds: the meetings, the people in the log (whom a
    # secretary is chosen from) and their names, the log's row, the reader's access, the day (dates say
    # the year only when it is another) and which meetings have begun.
    return log_cache.kept_while(
        session,
        log_id,
        ("meetings panel", access.person_id, lang),
        lambda stamps, site: (
            stamps.meetings,
            stamps.people,
            site.person,
            log_cache.row_values(log),
            access,
            today_in_norway(),
            tuple(m.starts_at > now for m in in_log),
        ),
        lambda: _overview(session, person, log_id, lang, access, now, in_log),
    )


def _overview(
    session: Session,
    person: Person,
    log_id: int,
    lang: str,
    access: LogAccess,
    now: datetime,
    in_log: tuple[Meeting, ...],
) -> MinutesOverview:
    # The next meetings first (soonest first), then the latest ones held (newest first).
    coming = [m for m in in_log if m.starts_at > now][:MEETINGS_SHOWN]
    held = [m for m in reversed(in_log) if m.starts_at <= now][:MEETINGS_SHOWN]
    meetings = [*coming, *held]
    people = read.people_by_id(session, {m.secretary_id for m in meetings if m.secretary_id})
    rows = [
        MinutesRow(
            meeting_id=id_of(m),
            when=f"{format_date(lang, local_time(m.starts_at).date())} {local_time(m.starts_at):%H:%M}",
            has_begun=m.starts_at <= now,
            minutes=m.minutes,
            secretary_name=read.full_name(people[m.secretary_id]) if m.secretary_id else "",
            secretary_id=m.secretary_id or 0,
            sent=m.minutes_sent_at is not None,
            can_write=rules.minutes_open(m.minutes_sent_at)
            and may(access, Action.WRITE_MINUTES, secretary_id=m.secretary_id),
            can_choose_secretary=rules.minutes_open(m.minutes_sent_at) and may(access, Action.CALL_MEETING),
            can_change=rules.may_change(starts_at=m.starts_at, cancelled_at=m.cancelled_at, now=now)
            and may(access, Action.CALL_MEETING),
        )
        for m in meetings
    ]
    options = messages.member_options(session, person, log_id) if may(access, Action.CALL_MEETING) else []
    return MinutesOverview(rows, options)


def overview_if_allowed(session: Session, person: Person, log_id: int, lang: str) -> MinutesOverview:
    """The meetings panel of the plan page: empty (and no refused attempt recorded) for someone who
    may see the plan but not the log's messages, since the page shows the panel only to the others."""
    log = session.get(StafettLog, log_id)
    if log is None or not may(access_for(session, log, person), Action.READ_MESSAGES):
        return MinutesOverview()
    return overview(session, person, log_id, lang)


def choose_secretary(session: Session, person: Person, meeting_id: int, secretary_id: int | None) -> None:
    """The holder lets someone else in the log write this meeting's minutes (or takes it back)."""
    meeting, log = _meeting(session, person, meeting_id, Action.CALL_MEETING)
    if secretary_id is not None and secretary_id not in messages.readers_of_log(session, log):
        raise PermissionDenied()  # an id from the browser that is not someone in this log
    meeting.secretary_id = secretary_id
    session.add(meeting)


def save_minutes(session: Session, person: Person, meeting_id: int, text: str) -> None:
    """Saved as typed, so nothing is lost if the connection drops during the meeting."""
    meeting, _log = _meeting(session, person, meeting_id, Action.WRITE_MINUTES)
    meeting.minutes = rules.check_minutes_text(text, minutes_sent_at=meeting.minutes_sent_at)
    session.add(meeting)


def start_text(session: Session, person: Person, meeting_id: int, lang: str) -> str:
    """What the writer starts from: what is saved, or the template."""
    meeting, _log = _meeting(session, person, meeting_id, Action.WRITE_MINUTES)
    return meeting.minutes or message_templates.minutes_text(session, meeting, lang)


def send_minutes(session: Session, person: Person, meeting_id: int, lang: str) -> int:
    """Send the minutes to everyone invited who reads messages. Returns the conversation id."""
    meeting, log = _meeting(session, person, meeting_id, Action.WRITE_MINUTES)
    rules.check_minutes_sendable(starts_at=meeting.starts_at, minutes_sent_at=meeting.minutes_sent_at, now=utcnow())
    body = message_rules.check_body(meeting.minutes)
    members = message_templates.invited_ids(session, id_of(meeting)) & messages.readers_of_log(session, log)
    form = {
        "subject": message_templates.minutes_subject(meeting, lang),
        "body": body,
        "audience": "chosen",
        "member_ids": sorted(members),
    }
    # The person who presses send is the sender; start_conversation checks they may write.
    conversation_id = messages.start_conversation(
        session, person, meeting.log_id, form, MessageKind.MINUTES, meeting.id
    )
    meeting.minutes_sent_at = utcnow()
    session.add(meeting)
    return conversation_id
