"""Putting notices in the outbox. Sending them (e-mail, Web Push) is notification_delivery's job,
done in the background so that nobody's click waits for a mail server."""

from collections.abc import Iterable

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain.dates import utcnow
from stafett_app.domain.notifications import EventKind, notice_for
from stafett_app.domain.practice import NoticeMark, notice_recipients
from stafett_app.models import Notification, Person, StafettLog

# Every notice asks: built once (see services.read on prebuilt statements).
_PRACTICE_OWNERS = (
    select(Person.id, StafettLog.created_by_id)
    .outerjoin(StafettLog, col(StafettLog.id) == col(Person.practice_log_id))
    .where(col(Person.id).in_(bindparam("ids", expanding=True)))
)


def notify(
    session: Session,
    person_ids: Iterable[int],
    kind: EventKind,
    link: str,
    *,
    actor_id: int | None = None,
    practice: bool = False,
) -> int:
    """One outbox row per person, except the one who caused the event. Returns how many.

    A notice meant for an invented person of a practice log goes to the practising person instead
    (domain.practice), marked as practice and linking to their list; `practice` marks every notice
    (the event happened in a practice log)."""
    notice_for(kind, link)  # refuses anything but an in-app path
    wanted = set(person_ids)
    owners: dict[int, int | None] = dict.fromkeys(wanted)
    if wanted:
        # An invented person's stand-in: whoever practises in the log they were made for.
        owners.update(session.exec(_PRACTICE_OWNERS, params={"ids": sorted(wanted)}).all())  # type: ignore[arg-type]
    now = utcnow()
    marks = notice_recipients(owners, actor_id=actor_id, about_practice=practice)
    for person_id, mark in marks.items():
        session.add(
            Notification(
                person_id=person_id,
                kind=kind.value,
                link=routes.MY_LOGS if mark == NoticeMark.FOR_INVENTED else link,
                created_at=now,
                practice=mark != NoticeMark.REAL,
            )
        )
    return len(marks)
