"""Which events put notices in the outbox, for whom, and with which link.

Called by the services that make the change, inside the same transaction, so a notice exists
exactly when the change does. Only ids and in-app paths go in: never names or text.
"""

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import bindparam
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain.dates import age_on, today_in_norway
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.roles import LogRole, landing_view
from stafett_app.models import Participant, Person, StafettLog
from stafett_app.services.notifications import notify, notify_by_link

_VIEW_LINKS = {"plan": routes.plan, "family": routes.family, "child": routes.child}

# Every write that tells the log's people runs these: built once (see services.read on prebuilt statements).
# Each person's roles in the log, their birth date (their page depends on both) and, for an invented
# person of a practice log, who practises in it (notifications.notify_by_link), in one statement.
_IN_FORCE = (Participant.log_id == bindparam("log_id"), col(Participant.removed_at).is_(None))
_PRACTICE_LOG = aliased(StafettLog)
_ROLES_AND_BIRTH_DATES = (
    select(Participant.person_id, Participant.role, col(Person.birth_date), _PRACTICE_LOG.created_by_id)
    .join(Person, col(Person.id) == col(Participant.person_id))
    .outerjoin(_PRACTICE_LOG, col(_PRACTICE_LOG.id) == col(Person.practice_log_id))
    .where(*_IN_FORCE)
)
_ROLES_AND_BIRTH_DATES_OF = _ROLES_AND_BIRTH_DATES.where(
    col(Participant.person_id).in_(bindparam("ids", expanding=True))
)


def _landing_links(
    session: Session, log_id: int, person_ids: Iterable[int] | None = None
) -> tuple[dict[int, str], dict[int, int | None]]:
    """Each person's own first page of the log: staff the plan, families their view (`person_ids`
    None: everyone taking part); and who practises for each (None for a real person)."""
    if person_ids is None:
        rows = session.exec(_ROLES_AND_BIRTH_DATES, params={"log_id": log_id}).all()
    else:
        params = {"log_id": log_id, "ids": sorted(set(person_ids))}
        rows = session.exec(_ROLES_AND_BIRTH_DATES_OF, params=params).all()
    roles: dict[int, set[str]] = defaultdict(set)
    born = {}
    owners: dict[int, int | None] = {}
    for person_id, role, birth_date, owner_id in rows:
        roles[person_id].add(role)
        born[person_id] = birth_date
        owners[person_id] = owner_id
    today = today_in_norway()
    links = {
        person_id: _VIEW_LINKS[
            landing_view(frozenset(LogRole(r) for r in person_roles), age_on(born[person_id], today))
        ](log_id)
        for person_id, person_roles in roles.items()
    }
    return links, owners


def notify_in_log(
    session: Session, log_id: int, person_ids: Iterable[int] | None, kind: EventKind, *, actor_id: int | None
) -> int:
    """Notices to people in a log (None: everyone in it), each linking to their own page of it. People
    no longer taking part get nothing."""
    by_link: dict[str, list[int]] = defaultdict(list)
    links, owners = _landing_links(session, log_id, person_ids)
    for person_id, link in links.items():
        by_link[link].append(person_id)
    log = session.get(StafettLog, log_id)
    practice = log is not None and log.is_practice
    return notify_by_link(session, by_link, kind, actor_id=actor_id, practice=practice, owners=owners)


def _shared(session: Session, log_id: int) -> bool:
    """A draft is the holder's own notes until it is activated: nobody else is told about it."""
    log = session.get(StafettLog, log_id)
    return log is not None and log.status != LogStatus.DRAFT


def glimmer_written(session: Session, log_id: int, author_id: int) -> int:
    if not _shared(session, log_id):
        return 0
    return notify_in_log(session, log_id, None, EventKind.GLIMMER, actor_id=author_id)


def meeting_news(session: Session, invitee_ids: Iterable[int], holder_id: int) -> int:
    """A meeting was called, moved or cancelled: the invited look in their calendar."""
    return notify(session, invitee_ids, EventKind.MEETING, routes.CALENDAR, actor_id=holder_id)


def joined_log(session: Session, log_id: int, person_ids: Iterable[int], actor_id: int) -> int:
    """People newly taking part in a log that is shared (not a draft)."""
    if not _shared(session, log_id):
        return 0
    return notify(session, person_ids, EventKind.INVITATION, routes.MY_LOGS, actor_id=actor_id)
