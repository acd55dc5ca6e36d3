"""Putting notices in the outbox. Sending them (e-mail, Web Push) is notification_delivery's job,
done in the background so that nobody's click waits for a mail server."""

from collections.abc import Iterable

from sqlmodel import Session

from stafett_app.domain.dates import utcnow
from stafett_app.domain.notifications import EventKind, notice_for
from stafett_app.models import Notification


def notify(
    session: Session, person_ids: Iterable[int], kind: EventKind, link: str, *, actor_id: int | None = None
) -> int:
    """One outbox row per person, except the one who caused the event. Returns how many."""
    notice_for(kind, link)  # refuses anything but an in-app path
    now = utcnow()
    count = 0
    for person_id in sorted(set(person_ids) - {actor_id}):
        session.add(Notification(person_id=person_id, kind=kind.value, link=link, created_at=now))
        count += 1
    return count
