"""The log's own history: one row per step of the relay, for the timeline."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from stafett_app.domain.dates import utcnow
from stafett_app.domain.relay import LogEventKind
from stafett_app.models import LogEvent, StafettLog


def record(
    session: Session,
    log: StafettLog,
    kind: LogEventKind,
    *,
    actor_id: int | None,
    subject_id: int | None = None,
    text: str = "",
    from_level: int | None = None,
    to_level: int | None = None,
) -> LogEvent:
    event = LogEvent(
        log_id=log.id,  # type: ignore[arg-type]
        kind=kind.value,
        at=utcnow(),
        period=log.period,
        actor_id=actor_id,
        subject_id=subject_id,
        text=text,
        from_level=from_level,
        to_level=to_level,
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class EventRow:
    kind: str
    at: datetime
    period: int
    actor_id: int | None
    subject_id: int | None
    text: str
    from_level: int | None
    to_level: int | None


def events_of(session: Session, log_id: int) -> list[EventRow]:
    """Every step, oldest first. The caller has checked that the person may see the log."""
    rows = session.exec(
        select(LogEvent).where(LogEvent.log_id == log_id).order_by(col(LogEvent.at), col(LogEvent.id))
    ).all()
    return [EventRow(e.kind, e.at, e.period, e.actor_id, e.subject_id, e.text, e.from_level, e.to_level) for e in rows]
