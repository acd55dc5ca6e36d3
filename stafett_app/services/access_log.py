"""The access log: who opened a log's pages or downloaded its files, and who was refused.

Openings are appended to `AccessLogEntry` in the transaction that read the page (one insert, no
second transaction). Refusals stay where `services.access.record_refusal` puts them
(`AccessAttempt`, committed on their own so they survive the refused work's rollback): that table
is the one record of refusals, and the views below read it. Nothing here changes or deletes a row.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, insert
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from stafett_app.domain.dates import NORWAY, utcnow
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.permissions import Action, may
from stafett_app.i18n import format_date, translate
from stafett_app.models import (
    AccessAttempt,
    AccessLogEntry,
    Attachment,
    Meeting,
    Person,
    Photo,
    StafettLog,
    Unit,
    id_of,
)
from stafett_app.services import log_cache
from stafett_app.services.access import access_for, current_roles, led_unit_ids, open_log

# What was opened: the pages and the files. The label key is "access.what.<what>".
PAGES = ("plan", "family", "child", "meeting", "messages", "timeline")
FILES = ("photo", "attachment", "calendar", "pdf", "own_copy")
WHAT = frozenset(PAGES + FILES)
UNIT_LEADER = "unit_leader"  # the role shown for a leader who is not in the log


def session_ref(token: str | None) -> str:
    """A short hash that tells one login session from another in the log; the token cannot be
    recovered from it, and it is not the hash the login table looks tokens up by."""
    if not token:
        return ""
    return hashlib.sha256(b"stafett-access-log:" + token.encode()).hexdigest()[:16]


# Every page load inserts one row: a plain insert, sent at once, without the ORM's unit of work (which
# cost a page load about as much as the insert itself). The row is never read back in its transaction.
_INSERT_OPENING = insert(AccessLogEntry.__table__)  # type: ignore[attr-defined]


def record_opening(
    session: Session, person: Person, log_id: int, what: str, token: str | None, *, subject_id: int | None = None
) -> None:
    """Append one opening to the access log, in the caller's transaction (after its permission check)."""
    if what not in WHAT:
        raise ValueError(what)
    roles = sorted(role.value for role in current_roles(session, log_id, id_of(person)))
    if not roles:
        log = session.get(StafettLog, log_id)
        if log is not None and log.unit_id in led_unit_ids(session, person):
            roles = [UNIT_LEADER]
    opening = {
        "person_id": id_of(person),
        "log_id": log_id,
        "action": what,
        "subject_id": subject_id,
        "at": utcnow(),
        "role": ",".join(roles),
        "session_ref": session_ref(token),
    }
    session.execute(_INSERT_OPENING, opening)


_SUBJECT_LOG: dict[str, type[Photo] | type[Attachment] | type[Meeting]] = {
    "photo": Photo,
    "attachment": Attachment,
    "calendar": Meeting,
}


def record_download(session: Session, person: Person, what: str, subject_id: int, token: str | None) -> None:
    """A file was handed out (after the service's own check): log it under the log it belongs to."""
    model = _SUBJECT_LOG[what]
    log_id = session.exec(select(model.log_id).where(model.id == subject_id)).first()
    if log_id is not None:
        record_opening(session, person, log_id, what, token, subject_id=subject_id)


# --- what the family, the holder and the unit leader see ----------------------------------


@dataclass
class OpeningRow:
    """One person's openings of the log on one day, in plain words."""

    name: str
    role: str
    unit: str
    day: str
    what: str  # the pages and files, e.g. "planen, et vedlegg"


@dataclass
class RefusalRow:
    name: str
    child: str  # whose log (for the unit leader's list)
    day: str
    what: str


def _local(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC).astimezone(NORWAY)


def _role_label(lang: str, role: str, title: str) -> str:
    labels = [translate(lang, "access.unit_leader" if r == UNIT_LEADER else f"role.{r}") for r in role.split(",") if r]
    text = ", ".join(labels) or translate(lang, "access.no_role")
    return f"{text} ({title})" if title else text


_DAY = func.date(col(AccessLogEntry.at))
# The newest openings grouped per load: a page load adds one, so this holds weeks of a busy log.
NEWEST_OPENINGS = 1000


def _groups_newest_first(newest: int | None) -> Select[Any]:
    """Each (person, day) with its last opening, newest first, grouped from the log's `newest` openings
    (None: all): the person, their unit, the last opening, the day, and how many openings were grouped."""
    openings = (
        select(AccessLogEntry.person_id, AccessLogEntry.at)
        .where(AccessLogEntry.log_id == bindparam("log_id"), AccessLogEntry.person_id != bindparam("left_out"))
        .order_by(col(AccessLogEntry.at).desc())
        .limit(newest)
        .cte("openings")
    )
    day, last = func.date(openings.c.at), func.max(openings.c.at)
    grouped = (
        select_columns(
            openings.c.person_id,
            day.label("day"),
            last.label("last"),
            select_columns(func.count()).select_from(openings).scalar_subquery().label("grouped"),
        )
        .group_by(openings.c.person_id, day)
        .order_by(last.desc())
        .limit(bindparam("limit"))
        .subquery()
    )
    return (
        select_columns(Person, Unit, grouped.c.last, grouped.c.day, grouped.c.grouped)
        .join(grouped, col(Person.id) == grouped.c.person_id)
        .join(Unit, col(Unit.id) == col(Person.unit_id), isouter=True)
        .order_by(grouped.c.last.desc())
    )


_NEWEST_GROUPS, _ALL_GROUPS = _groups_newest_first(NEWEST_OPENINGS), _groups_newest_first(None)


def openings_of_log(session: Session, person: Person, log_id: int, lang: str, limit: int = 10) -> list[OpeningRow]:
    """Who has opened the log, newest first, one row per person and day (the family's own
    openings left out: they know those). `limit` rows at most; ask for one more to see if there are more.

    One query groups the log's newest openings (through the index on log_id and at), or all of them
    when those held too few days: grouping every opening of a log on every load grew with its history,
    and every load adds one. A (person, day) cut off among the newest still has its last opening there."""
    open_log(session, person, log_id, Action.SEE_OPENINGS)
    params = {"log_id": log_id, "left_out": id_of(person), "limit": limit}
    found = session.execute(_NEWEST_GROUPS, params).all()
    if len(found) < limit and found and found[0][4] >= NEWEST_OPENINGS:
        found = session.execute(_ALL_GROUPS, params).all()
    if not found:
        return []
    rows = [(who, unit, last, day) for who, unit, last, day, _ in found]
    # The pages and roles behind each row: one more query, from the first day shown on and grouped in
    # the database, so a log opened every day for years hands over a few rows, not every opening.
    first_day = min(date.fromisoformat(str(group_day)) for *_, group_day in rows)
    entries = session.exec(
        select(AccessLogEntry.person_id, _DAY, AccessLogEntry.action, AccessLogEntry.role)
        .where(
            AccessLogEntry.log_id == log_id,
            col(AccessLogEntry.person_id).in_([id_of(p) for p, *_ in rows]),
            col(AccessLogEntry.at) >= datetime.combine(first_day, time.min),
        )
        .group_by(col(AccessLogEntry.person_id), _DAY, col(AccessLogEntry.action), col(AccessLogEntry.role))
    ).all()
    whats: dict[tuple[int, str], list[str]] = {}
    roles: dict[tuple[int, str], str] = {}
    for person_id, entry_day, what, role in entries:
        key = (person_id, str(entry_day))
        if what not in whats.setdefault(key, []):
            whats[key].append(what)
        roles[key] = role or roles.get(key, "")
    result = []
    for who, unit, last, group_day in rows:
        key = (id_of(who), str(group_day))
        result.append(
            OpeningRow(
                name=f"{who.first_name} {who.last_name}",
                role=_role_label(lang, roles.get(key, ""), who.title),
                unit=getattr(unit, "name", ""),  # a person without a unit: the outer join gives None
                day=format_date(lang, _local(last).date()),
                what=", ".join(translate(lang, f"access.what.{w}") for w in sorted(whats.get(key, []), key=_order)),
            )
        )
    return result


def openings_if_allowed(
    session: Session, person: Person, log_id: int, lang: str, limit: int
) -> tuple[list[OpeningRow], bool]:
    """For a page that shows the list only to those who may see it (the family page is also open to
    staff): the rows and whether there are more, or nothing, without recording a refusal."""
    log = session.get(StafettLog, log_id)
    if log is None or not may(access_for(session, log, person), Action.SEE_OPENINGS):
        return [], False
    rows = openings_of_log(session, person, log_id, lang, limit + 1)
    return rows[:limit], len(rows) > limit


def refusals_if_allowed(session: Session, person: Person, log_id: int, lang: str, limit: int = 10) -> list[RefusalRow]:
    """The refused attempts for the plan page: shown to its holder (and a unit leader), else nothing."""
    log = session.get(StafettLog, log_id)
    if log is None or not may(access_for(session, log, person), Action.SEE_REFUSALS):
        return []
    return refusals_in_log(session, person, log_id, lang, limit)


def _order(what: str) -> int:
    return (PAGES + FILES).index(what) if what in WHAT else len(WHAT)


_ACTIONS = frozenset({action.value for action in Action} | {"attach_to_note"})


_CHILD = Person.__table__.alias("child")  # type: ignore[attr-defined]


def _refusals(where: ColumnElement[bool]) -> Select[Any]:
    # Only the columns shown: whole rows of the attempt and the person cost more to build than to read.
    return (
        select_columns(
            col(AccessAttempt.at),
            col(AccessAttempt.action),
            col(Person.first_name),
            col(Person.last_name),
            _CHILD.c.first_name,
        )
        .join(Person, col(Person.id) == col(AccessAttempt.person_id))
        .join(StafettLog, col(StafettLog.id) == col(AccessAttempt.log_id))
        .join(_CHILD, _CHILD.c.id == col(StafettLog.child_id))
        .where(where)
        .order_by(col(AccessAttempt.at).desc(), col(AccessAttempt.id).desc())
        .limit(bindparam("limit"))
    )


# The plan page shows them to the holder on every load: built once (see services.read).
_REFUSALS_IN_LOG = _refusals(col(AccessAttempt.log_id) == bindparam("log_id"))
# A practice log is its practising person's alone (domain.practice): not the leader's to follow up.
_REFUSALS_IN_UNITS = _refusals(
    col(StafettLog.unit_id).in_(bindparam("unit_ids", expanding=True)) & col(StafettLog.is_practice).is_(False)
)


def _refusal_rows(session: Session, lang: str, query: Select[Any], params: dict[str, Any]) -> list[RefusalRow]:
    rows = session.execute(query, params).all()
    return [
        RefusalRow(
            name=f"{first} {last}",
            child=child_name,
            day=format_date(lang, _local(at).date()),
            what=translate(lang, f"access.action.{action if action in _ACTIONS else 'other'}"),
        )
        for at, action, first, last, child_name in rows
    ]


def refusals_in_log(session: Session, person: Person, log_id: int, lang: str, limit: int = 10) -> list[RefusalRow]:
    """Refused attempts on one log, newest first: for its holder and the leader of its unit."""
    open_log(session, person, log_id, Action.SEE_REFUSALS)
    # Kept in the worker while the log's refused attempts and people's names hold (services.log_cache);
    # the child's name comes through the log's row, whose child never changes.
    return log_cache.log_cached(
        session,
        log_id,
        "refusals",
        ("refusals", lang, limit),
        lambda: _refusal_rows(session, lang, _REFUSALS_IN_LOG, {"log_id": log_id, "limit": limit}),
        names_people=True,
    )


def refusals_in_unit(session: Session, person: Person, lang: str, limit: int = 10) -> list[RefusalRow]:
    """Refused attempts on the logs of the unit the person leads, newest first."""
    led = led_unit_ids(session, person)
    if not led:
        raise PermissionDenied()
    return _refusal_rows(session, lang, _REFUSALS_IN_UNITS, {"unit_ids": sorted(led), "limit": limit})
