"""The archive's system reader: a log's whole content, read without a person.

Used only by the archive copies and the prints (after their own permission check). It does not
pretend to be a participant: its access has no role, so every "may I" on the views it builds is
no. The queries are the plan page's and the timeline's own (plan_view.build_plan_view,
timeline.timeline_of), so a print shows what the pages show.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.meetings import local_time
from stafett_app.domain.permissions import LogAccess
from stafett_app.i18n import format_short_date, translate
from stafett_app.models import Consent, ConsentEntry, Meeting, StafettLog, Unit
from stafett_app.services import read
from stafett_app.services.plan_view import build_plan_view, glimmers_of
from stafett_app.services.timeline import TimelineEntry, timeline_of
from stafett_app.services.views import GlimmerView, PlanView

SYSTEM_READER_ID = 0  # no person has id 0: the reader is nobody


@dataclass
class MeetingRecord:
    on: date
    when: str
    place: str
    agenda: str
    minutes: str


@dataclass
class ConsentRecord:
    on: date
    version: int
    given: str
    withdrawn: str
    named: list[str] = field(default_factory=list)


@dataclass
class LogContent:
    log_id: int
    unit_name: str
    status: str
    created_on: date
    closed_on: date | None
    plan: PlanView
    glimmers: list[GlimmerView]
    meetings: list[MeetingRecord]
    consents: list[ConsentRecord]
    timeline: list[TimelineEntry]

    @property
    def holder_names(self) -> str:
        return ", ".join(row.name for row in self.plan.holders)


class LogNotFound(LookupError):
    pass


def read_log(session: Session, log_id: int, lang: str = "nb") -> LogContent:
    """Everything in the log: every lysglimt, every timeline entry, every consent version."""
    log = session.get(StafettLog, log_id)
    if log is None:
        raise LogNotFound(log_id)
    nobody = LogAccess(person_id=SYSTEM_READER_ID, status=LogStatus(log.status))
    plan = build_plan_view(session, log, nobody, lang)
    unit = session.get(Unit, log.unit_id)
    return LogContent(
        log_id=log_id,
        unit_name=unit.name if unit else "",
        status=log.status,
        created_on=log.created_at.date(),
        closed_on=log.closed_at.date() if log.closed_at else None,
        plan=plan,
        glimmers=glimmers_of(session, log_id, lang, limit=None),
        meetings=_meetings(session, log_id, lang),
        consents=_consents(session, log_id, lang),
        timeline=timeline_of(session, log_id, lang, limit=None),
    )


def _meetings(session: Session, log_id: int, lang: str) -> list[MeetingRecord]:
    meetings = session.exec(
        select(Meeting)
        .where(Meeting.log_id == log_id, col(Meeting.cancelled_at).is_(None))
        .order_by(col(Meeting.starts_at))
    ).all()
    records = []
    for m in meetings:
        local = local_time(m.starts_at)
        records.append(
            MeetingRecord(
                on=local.date(),
                when=f"{format_short_date(lang, local.date())} {local:%H:%M}",
                place=m.place or translate(lang, "calendar.video"),
                agenda=m.agenda,
                minutes=m.minutes,
            )
        )
    return records


def _consents(session: Session, log_id: int, lang: str) -> list[ConsentRecord]:
    consents = session.exec(select(Consent).where(Consent.log_id == log_id).order_by(col(Consent.version))).all()
    entries = session.exec(select(ConsentEntry).where(col(ConsentEntry.consent_id).in_([c.id for c in consents]))).all()
    people = read.people_by_id(session, {c.given_by_id for c in consents} | {e.person_id for e in entries})
    records = []
    for c in consents:
        given_by = read.full_name(people[c.given_by_id]) if c.given_by_id in people else ""
        records.append(
            ConsentRecord(
                on=c.given_at.date(),
                version=c.version,
                given=translate(
                    lang, "print.consent_given", who=given_by, date=format_short_date(lang, c.given_at.date())
                ),
                withdrawn=translate(
                    lang, "print.consent_withdrawn", date=format_short_date(lang, c.withdrawn_at.date())
                )
                if c.withdrawn_at
                else "",
                named=[
                    f"{read.full_name(people[e.person_id])} ({translate(lang, f'role.{e.role}')})"
                    for e in entries
                    if e.consent_id == c.id and e.person_id in people
                ],
            )
        )
    return records
