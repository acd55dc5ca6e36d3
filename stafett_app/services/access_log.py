"""The access log: who opened a log's pages or downloaded its files, and who was refused.

Openings are appended to `AccessLogEntry` in the transaction that read the page (one insert, no
second transaction). Refusals stay where `services.access.record_refusal` puts them
(`AccessAttempt`, committed on their own so they survive the refused work's rollback): that table
is the one record of refusals, and the views below read it. Nothing here changes or deletes a row.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func
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
    session.add(
        AccessLogEntry(
            person_id=id_of(person),
            log_id=log_id,
            action=what,
            subject_id=subject_id,
            at=utcnow(),
            role=",".join(roles),
            session_ref=session_ref(token),
        )
    )


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
# Each (person, day) with its last opening, newest first, from the openings in [since, until).
_GROUPS_NEWEST_FIRST = (
    select(AccessLogEntry.person_id, _DAY, func.max(AccessLogEntry.at))
    .where(
        AccessLogEntry.log_id == bindparam("log_id"),
        AccessLogEntry.person_id != bindparam("left_out"),
        col(AccessLogEntry.at) >= bindparam("since"),
        col(AccessLogEntry.at) < bindparam("until"),
    )
    .group_by(col(AccessLogEntry.person_id), _DAY)
    .order_by(func.max(AccessLogEntry.at).desc())
    .limit(bindparam("limit"))
)
# The windows asked in turn, in days back from today: most lists are filled by the last week's openings.
_WINDOWS_DAYS = (7, 90)


def _newest_groups(session: Session, log_id: int, left_out: int, limit: int) -> list[tuple[int, str, datetime]]:
    """The newest `limit` (person, day, last opening) of the log, newest first. The last week is grouped
    first, then the weeks before, then the rest only if the rows are still too few: every page load adds
    an opening, and grouping every opening of a log on every load grew with its history. A window ends
    at a day's start (the day is the stored time's date, UTC), so no (person, day) is split between two."""
    today = utcnow().date()
    edges = [datetime.combine(today - timedelta(days=days), time.min) for days in _WINDOWS_DAYS]
    groups: list[tuple[int, str, datetime]] = []
    for since, until in zip([*edges, datetime.min], [datetime.max, *edges], strict=True):
        params = {"log_id": log_id, "left_out": left_out, "since": since, "until": until, "limit": limit - len(groups)}
        groups += [(p, str(d), last) for p, d, last in session.exec(_GROUPS_NEWEST_FIRST, params=params).all()]
        if len(groups) >= limit:
            break
    return groups


def openings_of_log(session: Session, person: Person, log_id: int, lang: str, limit: int = 10) -> list[OpeningRow]:
    """Who has opened the log, newest first, one row per person and day (the family's own
    openings left out: they know those). `limit` rows at most; ask for one more to see if there are more."""
    open_log(session, person, log_id, Action.SEE_OPENINGS)
    groups = _newest_groups(session, log_id, id_of(person), limit)
    if not groups:
        return []
    found = session.exec(
        select(Person, Unit)
        .join(Unit, col(Unit.id) == col(Person.unit_id), isouter=True)
        .where(col(Person.id).in_({person_id for person_id, _, _ in groups}))
    ).all()
    people = {id_of(who): (who, unit) for who, unit in found}
    rows = [(*people[person_id], last, day) for person_id, day, last in groups if person_id in people]
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
    return _refusal_rows(session, lang, _REFUSALS_IN_LOG, {"log_id": log_id, "limit": limit})


def refusals_in_unit(session: Session, person: Person, lang: str, limit: int = 10) -> list[RefusalRow]:
    """Refused attempts on the logs of the unit the person leads, newest first."""
    led = led_unit_ids(session, person)
    if not led:
        raise PermissionDenied()
    return _refusal_rows(session, lang, _REFUSALS_IN_UNITS, {"unit_ids": sorted(led), "limit": limit})
