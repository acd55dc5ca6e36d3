"""The log's timeline: what has happened, newest first, for everyone who may see the log.

It holds what the plan page shows anyway (concerns, measures, evaluations, comments, lysglimt,
notes, meetings, consents), never the messages: a chosen conversation is private to its members.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam
from sqlmodel import Session, select

from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.meetings import local_time
from stafett_app.domain.permissions import Action
from stafett_app.domain.relay import LogEventKind
from stafett_app.i18n import format_date, translate
from stafett_app.models import (
    Consent,
    Glimmer,
    LogEvent,
    Person,
)
from stafett_app.services import log_cache, read
from stafett_app.services.access import open_log

KINDS = ("glimmer", "evaluation", "meeting", "plan", "note")
ENTRIES_SHOWN = 150

# Built once (see services.read on prebuilt statements).
_GLIMMERS = select(Glimmer).where(Glimmer.log_id == bindparam("log_id"))
_CONSENTS = select(Consent).where(Consent.log_id == bindparam("log_id"))
_STEPS = select(LogEvent).where(LogEvent.log_id == bindparam("log_id"))


@dataclass
class TimelineEntry:
    kind: str  # one of KINDS: what the filter chooses by
    icon: str
    label: str
    text: str
    who: str
    when: str
    sort_key: str = ""
    period: int = 0  # a reopened log starts a new period; 0 for entries that are not steps of the relay
    tone: str = ""  # "green" or "red" for an evaluation: the dot's colour follows the result


def _entry(
    lang: str,
    kind: str,
    icon: str,
    label_key: str,
    text: str,
    who: Person | None,
    at: datetime,
    *,
    first_name_only: bool = False,
    tone: str = "",
    **label_params: object,
) -> TimelineEntry:
    name = "" if who is None else (who.first_name if first_name_only else f"{who.first_name} {who.last_name}")
    local = local_time(at)
    return TimelineEntry(
        kind,
        icon,
        translate(lang, label_key, **label_params),
        text,
        name,
        format_date(lang, local.date()),
        local.isoformat(),
        tone=tone,
    )


# The parts of the log the timeline shows (all its content but drafts, refused attempts and the archive).
_SHOWN_PARTS = ("tree", "glimmers", "notes", "meetings", "people", "history")


def timeline_for(session: Session, person: Person, log_id: int, lang: str, kind: str = "") -> list[TimelineEntry]:
    open_log(session, person, log_id, Action.VIEW_PLAN)
    # The same for everyone who may see the log: kept while the parts it shows and people's names hold,
    # and the day (a date reads with its year only in another year).
    return log_cache.kept_while(
        session,
        log_id,
        ("timeline", lang, kind),
        lambda stamps, site: (*(getattr(stamps, part) for part in _SHOWN_PARTS), site.person, today_in_norway()),
        lambda: timeline_of(session, log_id, lang, kind),
    )


def timeline_of(
    session: Session, log_id: int, lang: str, kind: str = "", limit: int | None = ENTRIES_SHOWN
) -> list[TimelineEntry]:
    """The entries without an access check: for timeline_for, and the archive's system reader."""
    # The log's content, kept between loads where the caller allows it (services.log_cache).
    tree = read.plan_tree(session, log_id)
    concerns, evaluations = tree.concerns, [e for found in tree.evaluations.values() for e in found]
    measures = {m.id: m for m in tree.measures}
    glimmers = read.of_log(session, log_id, "glimmers", ("all glimmers",), _GLIMMERS)
    comments = tree.log_comments
    notes = read.notes_of_log(session, log_id)
    meetings = read.meetings_of(session, log_id)
    consents = read.of_log(session, log_id, "people", ("all consents",), _CONSENTS)
    steps = read.of_log(session, log_id, "history", ("steps",), _STEPS)
    people = read.people_by_id(
        session,
        {
            *(c.created_by_id for c in concerns),
            *(m.created_by_id for m in measures.values()),
            *(e.recorded_by_id for e in evaluations),
            *(g.author_id for g in glimmers),
            *(c.author_id for c in comments),
            *(n.author_id for n in notes),
            *(m.called_by_id for m in meetings),
            *(c.given_by_id for c in consents),
            *(e.actor_id for e in steps if e.actor_id),
        },
    )
    entries = [
        *(
            _entry(
                lang,
                "glimmer",
                "sparkles",
                "timeline.glimmer",
                g.text,
                people.get(g.author_id),
                g.created_at,
                first_name_only=True,
            )
            for g in glimmers
        ),
        *(
            _entry(
                lang,
                "evaluation",
                "circle-check" if e.result == "green" else "circle-x",
                "timeline.evaluation",
                f"{translate(lang, f'result.{e.result}')}: {e.text}",
                people.get(e.recorded_by_id),
                e.recorded_at,
                tone=e.result,
                title=measures[e.measure_id].title,
            )
            for e in evaluations
        ),
        *(
            _entry(lang, "plan", "list-plus", "timeline.measure", m.title, people.get(m.created_by_id), m.created_at)
            for m in measures.values()
        ),
        *(
            _entry(lang, "plan", "eye", "timeline.concern", c.text, people.get(c.created_by_id), c.created_at)
            for c in concerns
        ),
        *(
            _entry(
                lang,
                "plan",
                "message-square",
                "timeline.comment" if c.measure_id in measures else "timeline.comment_plain",
                c.text,
                people.get(c.author_id),
                c.created_at,
                title=measures[c.measure_id].title if c.measure_id in measures else "",
            )
            for c in comments
        ),
        *(
            _entry(lang, "note", "file-text", "timeline.note", n.title, people.get(n.author_id), n.created_at)
            for n in notes
        ),
        *(
            _entry(
                lang,
                "meeting",
                "users",
                "timeline.meeting_sent" if m.minutes_sent_at else "timeline.meeting",
                m.place or m.video_link,
                people.get(m.called_by_id),
                m.starts_at,
            )
            for m in meetings
        ),
        *(
            _entry(
                lang,
                "plan",
                "shield-check",
                "timeline.consent",
                "",
                people.get(c.given_by_id),
                c.given_at,
                version=c.version,
            )
            for c in consents
        ),
        *(_step(lang, e, people) for e in steps),
    ]
    if kind in KINDS:
        entries = [e for e in entries if e.kind == kind]
    return sorted(entries, key=lambda e: e.sort_key, reverse=True)[:ENTRIES_SHOWN]


# What a participant removed was told stays between the holder and them.
_STEP_TEXT_HIDDEN = {LogEventKind.PARTICIPANT_REMOVED}


def _step(lang: str, event: LogEvent, people: dict) -> TimelineEntry:
    """A step of the relay: consent, levels, handover, closing, withdrawal, reopening."""
    kind = LogEventKind(event.kind)
    text = "" if kind in _STEP_TEXT_HIDDEN else event.text
    if kind == LogEventKind.LEVEL_CHANGED:
        text = f"{event.from_level} → {event.to_level}: {text}"
    elif kind == LogEventKind.CONSENT_ON_RECORD:
        text = translate(lang, f"consent.path.{event.text}")
    entry = _entry(lang, "plan", "flag", f"timeline.event.{kind.value}", text, people.get(event.actor_id), event.at)
    entry.period = event.period
    return entry
