"""Ready-made texts for two messages everybody writes: the meeting invitation and the minutes.

The invitation is filled from the log's next meeting; the minutes follow the 20/80 agenda.
The writer edits either before sending: a template only saves typing.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from stafett_app.domain.dates import utcnow
from stafett_app.domain.meetings import local_time
from stafett_app.domain.messages import MessageKind
from stafett_app.domain.permissions import Action
from stafett_app.i18n import format_date, translate
from stafett_app.models import Meeting, MeetingInvite, Person, StafettLog, id_of
from stafett_app.services import read
from stafett_app.services.access import open_log


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    member_ids: frozenset[int]  # who the template is for: the meeting's invited, or nobody in particular


def next_meeting(session: Session, log_id: int) -> Meeting | None:
    return session.exec(
        select(Meeting)
        .where(Meeting.log_id == log_id, col(Meeting.cancelled_at).is_(None), Meeting.starts_at >= utcnow())
        .order_by(col(Meeting.starts_at))
    ).first()


def invited_ids(session: Session, meeting_id: int) -> set[int]:
    return set(session.exec(select(MeetingInvite.person_id).where(MeetingInvite.meeting_id == meeting_id)).all())


def _where(lang: str, meeting: Meeting) -> str:
    if meeting.place and meeting.video_link:
        return f"{meeting.place} / {meeting.video_link}"
    return meeting.place or meeting.video_link


def invitation(session: Session, person: Person, log: StafettLog, lang: str) -> Template | None:
    meeting = next_meeting(session, id_of(log))
    if meeting is None:
        return None
    child = session.get(Person, log.child_id)
    local = local_time(meeting.starts_at)
    body = translate(
        lang,
        "template.invitation.body",
        child=child.first_name if child else "",
        day=format_date(lang, local.date()),
        time=local.strftime("%H:%M"),
        where=_where(lang, meeting),
        agenda=meeting.agenda,
        writer=person.first_name,
    )
    return Template(
        translate(lang, "template.invitation.subject", day=format_date(lang, local.date())),
        body,
        frozenset(invited_ids(session, id_of(meeting))),
    )


def minutes_text(session: Session, meeting: Meeting, lang: str) -> str:
    """The start of a meeting's minutes: who said they would come, then the 20/80 headings."""
    coming = session.exec(
        select(MeetingInvite.person_id).where(
            MeetingInvite.meeting_id == meeting.id, col(MeetingInvite.response).in_(["yes", "maybe"])
        )
    ).all()
    names = ", ".join(sorted(read.full_name(p) for p in read.people_by_id(session, set(coming)).values()))
    return translate(lang, "template.minutes.body", present=names)


def minutes_subject(meeting: Meeting, lang: str) -> str:
    return translate(lang, "template.minutes.subject", day=format_date(lang, local_time(meeting.starts_at).date()))


def for_new_conversation(
    session: Session, person: Person, log_id: int, kind: MessageKind, lang: str
) -> Template | None:
    """A template for the writer, or None when there is nothing to fill it from."""
    log, _ = open_log(session, person, log_id, Action.WRITE_MESSAGE)
    if kind == MessageKind.INVITATION:
        return invitation(session, person, log, lang)
    if kind == MessageKind.MINUTES:
        meeting = session.exec(
            select(Meeting)
            .where(Meeting.log_id == log_id, col(Meeting.cancelled_at).is_(None), Meeting.starts_at <= utcnow())
            .order_by(col(Meeting.starts_at).desc())
        ).first()
        if meeting is None:
            return Template(
                translate(lang, "template.minutes.subject_plain"),
                translate(lang, "template.minutes.body", present=""),
                frozenset(),
            )
        return Template(
            minutes_subject(meeting, lang),
            minutes_text(session, meeting, lang),
            frozenset(invited_ids(session, id_of(meeting))),
        )
    return None
