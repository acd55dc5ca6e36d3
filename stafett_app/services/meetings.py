"""Calling meetings, answering invitations, the calendar list, and iCalendar files.

Calendar files leave the app (phones sync them to other companies' servers), so they hold no
child names or details: only "Stafett-møte", the time and a link back into the app.
"""

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event
from sqlmodel import Session, col, select

from stafett_app.domain import meetings as rules
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.permissions import Action
from stafett_app.i18n import format_date, relative_days, translate
from stafett_app.models import (
    CalendarFeed,
    Concern,
    Goal,
    Measure,
    Meeting,
    MeetingInvite,
    Person,
    StafettLog,
    id_of,
)
from stafett_app.services import notify_events, read
from stafett_app.services.access import accesses_of_person, open_log, refuse
from stafett_app.services.request_keys import once
from stafett_app.settings import get_settings

CALENDAR_DAYS_BACK, CALENDAR_DAYS_AHEAD = 7, 120


def public_url() -> str:
    return get_settings().public_url


def agenda_template(lang: str, duration_minutes: int) -> str:
    status, forward = rules.agenda_minutes(duration_minutes)
    return translate(lang, "meeting.agenda_template", status=status, forward=forward)


def call_meeting(session: Session, person: Person, log_id: int, form: dict, *, request_key: str | None = None) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(session, person.id, request_key, "meeting", lambda: _call_meeting(session, person, log_id, form))  # type: ignore[arg-type]


def _call_meeting(session: Session, person: Person, log_id: int, form: dict) -> int:
    open_log(session, person, log_id, Action.CALL_MEETING)
    participant_ids = {p.person_id for p in read.participants_in_force(session, log_id)}
    data = rules.check_meeting(form, now_utc=utcnow(), participant_ids=participant_ids)
    meeting = Meeting(
        log_id=log_id,
        starts_at=data.starts_at_utc,
        duration_minutes=data.duration_minutes,
        place=data.place,
        video_link=data.video_link,
        agenda=data.agenda,
        short_notice=data.short_notice,
        called_by_id=id_of(person),
        created_at=utcnow(),
    )
    session.add(meeting)
    session.flush()
    for invitee in data.invitee_ids | {id_of(person)}:
        answered = invitee == person.id
        session.add(
            MeetingInvite(
                meeting_id=id_of(meeting),
                person_id=invitee,
                response=rules.Response.YES if answered else "",
                responded_at=utcnow() if answered else None,
            )
        )
    notify_events.meeting_news(session, data.invitee_ids, id_of(person))
    return id_of(meeting)


def _invite_for(session: Session, person: Person, meeting_id: int) -> tuple[Meeting, MeetingInvite]:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        refuse(session, person, -1, Action.VIEW_LOG)
    open_log(session, person, meeting.log_id, Action.VIEW_LOG)
    invite = session.exec(
        select(MeetingInvite).where(MeetingInvite.meeting_id == meeting_id, MeetingInvite.person_id == person.id)
    ).first()
    if invite is None:
        raise PermissionDenied()
    return meeting, invite


def respond(session: Session, person: Person, meeting_id: int, response: str) -> None:
    try:
        answer = rules.Response(response)
    except ValueError:
        raise ValidationFailed({"response": "error.choose_one"}) from None
    _meeting, invite = _invite_for(session, person, meeting_id)
    invite.response, invite.responded_at = answer, utcnow()
    session.add(invite)


@dataclass
class CalendarItem:
    kind: str  # meeting or evaluation
    day: str
    iso_day: str
    day_relative: str
    time: str
    title: str
    child_first_name: str
    where: str
    meeting_id: int
    log_id: int
    my_response: str
    invited: bool
    sort_key: str


def agenda_range(today: date) -> tuple[date, date]:
    """The days the agenda list shows: a week back to four months ahead."""
    return today - timedelta(days=CALENDAR_DAYS_BACK), today + timedelta(days=CALENDAR_DAYS_AHEAD)


# A meeting's start is stored in UTC: a day either side of the local days asked for finds every
# meeting on them (each then checked by its local day).
_UTC_MARGIN = timedelta(days=1)


def calendar_for(
    session: Session,
    person: Person,
    lang: str,
    today: date | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
) -> list[CalendarItem]:
    """Meetings and evaluation dates in the active logs the person takes part in, from `start` to
    `end` (agenda_range when not given). The logs are the person's as the header read them
    (accesses_of_person), the dates chosen by the database."""
    today = today or today_in_norway()
    agenda_start, agenda_end = agenda_range(today)
    start, end = start or agenda_start, end or agenda_end
    logs = {
        log_id: log
        for log_id, (log, _access) in accesses_of_person(session, person).items()
        if log.status == LogStatus.ACTIVE
    }
    if not logs:
        return []
    log_ids = list(logs)
    children = read.people_by_id(session, {log.child_id for log in logs.values()})
    first_name = {log_id: children[log.child_id].first_name for log_id, log in logs.items()}
    practice = {log_id for log_id, log in logs.items() if log.is_practice}
    items = []
    # An outer join: the person's invitation, or None.
    found: Sequence[tuple[Meeting, MeetingInvite | None]] = session.exec(
        select(Meeting, MeetingInvite)
        .outerjoin(
            MeetingInvite,
            (col(MeetingInvite.meeting_id) == col(Meeting.id)) & (col(MeetingInvite.person_id) == person.id),
        )
        .where(
            col(Meeting.log_id).in_(log_ids),
            col(Meeting.cancelled_at).is_(None),
            col(Meeting.starts_at) >= datetime.combine(start - _UTC_MARGIN, time.min),
            col(Meeting.starts_at) < datetime.combine(end + _UTC_MARGIN + timedelta(days=1), time.min),
        )
    ).all()
    for meeting, invite in found:
        local = rules.local_time(meeting.starts_at)
        if not start <= local.date() <= end:
            continue
        title_key = "calendar.meeting_short_notice" if meeting.short_notice else "calendar.meeting"
        items.append(
            CalendarItem(
                kind="meeting",
                day=format_date(lang, local.date()),
                iso_day=local.date().isoformat(),
                day_relative=relative_days(lang, local.date(), today),
                time=local.strftime("%H:%M"),
                title=_marked(lang, translate(lang, title_key), meeting.log_id in practice),
                child_first_name=first_name[meeting.log_id],
                where=meeting.place or translate(lang, "calendar.video"),
                meeting_id=id_of(meeting),
                log_id=meeting.log_id,
                my_response=invite.response if invite is not None else "",
                invited=invite is not None,
                sort_key=local.strftime("%Y-%m-%d %H:%M"),
            )
        )
    for log_id, measure in session.exec(
        select(Concern.log_id, Measure)
        .join(Goal, col(Goal.concern_id) == col(Concern.id))
        .join(Measure, col(Measure.goal_id) == col(Goal.id))
        .where(
            col(Concern.log_id).in_(log_ids),
            col(Measure.ended_at).is_(None),
            col(Measure.evaluation_date) >= start,
            col(Measure.evaluation_date) <= end,
        )
    ).all():
        title = translate(lang, "calendar.evaluation", title=measure.title)
        items.append(
            CalendarItem(
                kind="evaluation",
                day=format_date(lang, measure.evaluation_date),
                iso_day=measure.evaluation_date.isoformat(),
                day_relative=relative_days(lang, measure.evaluation_date, today),
                time="",
                title=_marked(lang, title, log_id in practice),
                child_first_name=first_name[log_id],
                where="",
                meeting_id=0,
                log_id=log_id,
                my_response="",
                invited=False,
                sort_key=measure.evaluation_date.isoformat() + " 99",
            )
        )
    return sorted(items, key=lambda item: item.sort_key)


def _marked(lang: str, title: str, practice: bool) -> str:
    """A practice log's meeting or evaluation says so wherever it is listed (domain.practice)."""
    return translate(lang, "calendar.practice_title", title=title) if practice else title


def _event(meeting: Meeting, lang: str, practice: bool) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@stafett")
    event.add("dtstamp", meeting.created_at.replace(tzinfo=UTC))
    event.add("dtstart", meeting.starts_at.replace(tzinfo=UTC))
    event.add("dtend", (meeting.starts_at + timedelta(minutes=meeting.duration_minutes)).replace(tzinfo=UTC))
    event.add("summary", _marked(lang, translate(lang, "calendar.ics_summary"), practice))
    event.add("description", translate(lang, "calendar.ics_description", url=f"{public_url()}/calendar"))
    event.add("url", f"{public_url()}/calendar")
    return event


def _calendar(events: list[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Stafett//stafettlogg//NO")
    calendar.add("version", "2.0")
    for event in events:
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def meeting_ics(session: Session, person: Person, meeting_id: int) -> bytes:
    meeting, _invite = _invite_for(session, person, meeting_id)
    log = session.get(StafettLog, meeting.log_id)
    return _calendar([_event(meeting, person.language, log is not None and log.is_practice)])


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def renew_feed(session: Session, person: Person) -> str:
    """A new private feed address; the old one stops working at once."""
    token = secrets.token_urlsafe(24)
    feed = session.exec(select(CalendarFeed).where(CalendarFeed.person_id == person.id)).first()
    if feed is None:
        feed = CalendarFeed(person_id=id_of(person), token_hash=_hash(token), created_at=utcnow())
    else:
        feed.token_hash, feed.created_at = _hash(token), utcnow()
    session.add(feed)
    return token


def feed_ics(session: Session, token: str) -> bytes | None:
    """The meetings a feed's owner is invited to, or None for an unknown token."""
    feed = session.exec(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token))).first()
    if feed is None:
        return None
    person = session.get(Person, feed.person_id)
    meetings = session.exec(
        select(Meeting, StafettLog.is_practice)
        .join(MeetingInvite, col(MeetingInvite.meeting_id) == col(Meeting.id))
        .join(StafettLog, col(StafettLog.id) == col(Meeting.log_id))
        .where(
            MeetingInvite.person_id == feed.person_id,
            col(Meeting.cancelled_at).is_(None),
            StafettLog.status == LogStatus.ACTIVE,
        )
    ).all()
    lang = person.language if person else "nb"
    return _calendar([_event(meeting, lang, practice) for meeting, practice in meetings])


def feed_url(token: str) -> str:
    return f"{public_url()}/calendar/feed/{token}.ics"


def _meeting_to_change(session: Session, person: Person, meeting_id: int) -> Meeting:
    """A meeting not yet begun or cancelled, for the holder of its log."""
    meeting = session.get(Meeting, meeting_id)
    open_log(session, person, meeting.log_id if meeting else -1, Action.CALL_MEETING)
    if meeting is None or not rules.may_change(
        starts_at=meeting.starts_at, cancelled_at=meeting.cancelled_at, now=utcnow()
    ):
        raise PermissionDenied()
    return meeting


def _invites(session: Session, meeting_id: int) -> dict[int, MeetingInvite]:
    return {
        i.person_id: i for i in session.exec(select(MeetingInvite).where(MeetingInvite.meeting_id == meeting_id)).all()
    }


def form_values(session: Session, person: Person, meeting_id: int) -> dict[str, str]:
    """The meeting as the form shows it, for changing it."""
    meeting = _meeting_to_change(session, person, meeting_id)
    local = rules.local_time(meeting.starts_at)
    values = {
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "duration": str(meeting.duration_minutes),
        "place": meeting.place,
        "video_link": meeting.video_link,
        "agenda": meeting.agenda,
    }
    invited = _invites(session, meeting_id)
    for participant in read.participants_in_force(session, meeting.log_id):
        values[f"invite_{participant.person_id}"] = "on" if participant.person_id in invited else "off"
    return values


def change_meeting(session: Session, person: Person, meeting_id: int, form: dict) -> None:
    """New time, place, agenda or invitees. A new time asks everyone again whether they come."""
    meeting = _meeting_to_change(session, person, meeting_id)
    participant_ids = {p.person_id for p in read.participants_in_force(session, meeting.log_id)}
    data = rules.check_meeting(form, now_utc=utcnow(), participant_ids=participant_ids)
    moved = data.starts_at_utc != meeting.starts_at
    meeting.starts_at, meeting.duration_minutes = data.starts_at_utc, data.duration_minutes
    meeting.place, meeting.video_link, meeting.agenda = data.place, data.video_link, data.agenda
    meeting.short_notice = data.short_notice
    session.add(meeting)
    invites = _invites(session, meeting_id)
    wanted = data.invitee_ids | {id_of(person)}
    for person_id, invite in invites.items():
        if person_id not in wanted:
            session.delete(invite)
        elif moved and person_id != person.id:
            invite.response, invite.responded_at = "", None
            session.add(invite)
    for person_id in wanted - set(invites):
        session.add(MeetingInvite(meeting_id=meeting_id, person_id=person_id))
    notify_events.meeting_news(session, set(invites) | wanted, id_of(person))


def cancel_meeting(session: Session, person: Person, meeting_id: int) -> None:
    meeting = _meeting_to_change(session, person, meeting_id)
    meeting.cancelled_at = utcnow()
    session.add(meeting)
    notify_events.meeting_news(session, set(_invites(session, meeting_id)), id_of(person))
