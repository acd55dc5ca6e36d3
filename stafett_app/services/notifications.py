"""Putting notices in the outbox. Sending them (e-mail, Web Push) is notification_delivery's job,
done in the background so that nobody's click waits for a mail server."""

from collections.abc import Iterable, Mapping

from sqlalchemy import bindparam, insert
from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain.dates import utcnow
from stafett_app.domain.notifications import EventKind, notice_for
from stafett_app.domain.practice import NoticeMark, notice_recipients
from stafett_app.models import Notification, Person, StafettLog

# Every notice asks: built once (see services.read on prebuilt statements).
_INSERT_NOTICES = insert(Notification.__table__)  # type: ignore[attr-defined]
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
    return notify_by_link(session, {link: person_ids}, kind, actor_id=actor_id, practice=practice)


def notify_by_link(
    session: Session,
    links: Mapping[str, Iterable[int]],
    kind: EventKind,
    *,
    actor_id: int | None = None,
    practice: bool = False,
    owners: Mapping[int, int | None] | None = None,
) -> int:
    """`notify` for several groups of people, each with its own link (their own page of a log), with one
    query for who practises with whom and one insert for every row, not one of each a group and a row.
    `owners`: who practises for each person, when the caller read it already (no query then)."""
    wanted = {link: set(person_ids) for link, person_ids in links.items()}
    for link in wanted:
        notice_for(kind, link)  # refuses anything but an in-app path
    everyone = set().union(*wanted.values())
    # An invented person's stand-in: whoever practises in the log they were made for.
    if owners is not None and everyone <= owners.keys():
        owners = {person_id: owners[person_id] for person_id in everyone}
    else:
        owners = dict.fromkeys(everyone)
        if everyone:
            owners.update(session.exec(_PRACTICE_OWNERS, params={"ids": sorted(everyone)}).all())  # type: ignore[arg-type]
    now = utcnow()
    rows = [
        Notification(
            person_id=person_id,
            kind=kind.value,
            link=routes.MY_LOGS if mark == NoticeMark.FOR_INVENTED else link,
            created_at=now,
            practice=mark != NoticeMark.REAL,
        ).model_dump(exclude={"id"})
        for link, person_ids in wanted.items()
        for person_id, mark in notice_recipients(
            {p: owners[p] for p in person_ids}, actor_id=actor_id, about_practice=practice
        ).items()
    ]
    if rows:
        session.execute(_INSERT_NOTICES, rows)  # nothing reads them back in this transaction
    return len(rows)
