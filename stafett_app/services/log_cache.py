"""What the page views read of a log, kept in the worker between page loads while the stamp of that
part of the log's content (models/content_stamp.py: drawn anew by the database on every change)
stays the same.

A plan page load read some twenty statements of the log's content (the tree, the people in it, the
consent, notes, meetings); with this it reads one row of stamps instead, and the rows it read
before. After a new glimmer only the glimmers are read again.
Access is never kept: every load checks the person's access afresh before it reads anything here.

The plan view built from those rows is kept too (`kept_view`, services.plan_view.plan_for; the start of
the relay, the meetings panel and the timeline the same way: `kept_while`), per log, reader and
language, with everything else it was built from: the log's row, the reader's access, the day and
hour, and the site's stamps for people and units (models/content_stamp.SiteStamp, read in the
statement that reads the log's). A kept plan page load then builds nothing. The person's newest draft
and the log's refused attempts are kept under their own parts. People's rows and units' names are
kept for the whole worker while the site's stamps hold (`kept_people`, `kept_unit_names`).

Only a view may use it, inside `cached_reads(session)`: the rows handed out are shared between
sessions and threads, so nothing may change them. A use case (which may change what it reads) runs
outside that block and reads the database as always. Rows are kept only from a transaction that has
written nothing, so they are always something the database committed, never a change that may
still roll back.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Select, bindparam, event, select, true
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, SQLModel

from stafett_app.db import memoized, plain_connection, read_memo
from stafett_app.models import StafettLog
from stafett_app.models.content_stamp import PARTS, LogStamp, SiteStamp

T = TypeVar("T")
P = TypeVar("P")

# About 650 logs of demo size (some fifteen entries a log, 60 KB together): the logs a busy worker's
# people open in ten minutes. The least recently used go first.
MAX_ENTRIES = 10_000
# An entry is handed out for at most this long after it was read, and swept out by the next read
# that keeps something (at most once a minute): content deleted on request (whose stamps then change,
# or go with the log) does not stay in a busy worker's memory much longer. The worker that deletes a
# log forgets it at once.
MAX_AGE_SECONDS = 600.0
SWEEP_SECONDS = 60.0

_ON = "stafett_cached_reads"
_WROTE = "stafett_wrote"

# Views built from what is kept (services.plan_view): per log, reader and language, so more of them, and
# each bigger than the rows it was built from: fewer kept.
MAX_VIEWS = 500

# People's rows (kept_people): at most this many, all dropped when full or when the site's person stamp moves.
MAX_PEOPLE = 10_000

_lock = threading.Lock()
# (log id, part, what) -> (the part's stamp, when kept, the rows)
_kept: OrderedDict[tuple[int, str, tuple], tuple[object, float, Any]] = OrderedDict()
# (log id, what) -> (what the view was built from, when kept, the view)
_views: OrderedDict[tuple[int, tuple], tuple[object, float, Any]] = OrderedDict()
_swept_at = 0.0
# person id -> row, as they were while the site's person stamp was _people_stamp
_people: dict[int, Any] = {}
_people_stamp: int | None = None
_people_since = 0.0  # when the first of them was kept
_unit_names: tuple[int, float, dict[int, str]] | None = None  # (the site's unit stamp, when kept, the names)
_SITE_STAMPS = ("site stamps",)  # the read memo's key for the site's stamps read with a log's


@contextmanager
def cached_reads(session: Session) -> Iterator[None]:
    """Let the views built inside use what the worker kept of a log (see above)."""
    session.info[_ON] = True
    try:
        yield
    finally:
        session.info.pop(_ON, None)


class LogStamps(NamedTuple):
    """A log's stamps as read (the columns of models.LogStamp, in its order)."""

    log_id: int
    tree: int
    people: int
    notes: int
    glimmers: int
    meetings: int
    history: int
    archive: int
    drafts: int
    refusals: int


class SiteStamps(NamedTuple):
    """The site's stamps as read (the columns of models.SiteStamp)."""

    id: int
    person: int
    unit: int


# Every log page load: built once, and sent on the session's connection as plain SQL (no rows for the
# ORM to build: a quarter of the time). The site's stamps (one row) come along in the same statement.
_LOG_STAMP, _SITE_STAMP = LogStamp.__table__, SiteStamp.__table__  # type: ignore[attr-defined]
_STAMPS = (
    select(_LOG_STAMP, _SITE_STAMP)
    .join_from(_LOG_STAMP, _SITE_STAMP, true())
    .where(_LOG_STAMP.c.log_id == bindparam("log_id"))
)


def stamps(session: Session, log_id: int) -> tuple[LogStamps, SiteStamps] | None:
    """The log's content stamps and the site's (people's and units') as this transaction sees them
    (read once while it writes nothing; or found, read with the person's logs: with_stamps)."""

    def read() -> tuple[LogStamps, SiteStamps] | None:
        found = plain_connection(session).execute(_STAMPS, {"log_id": log_id}).first()
        return None if found is None else _remembered(session, tuple(found))

    return memoized(session, ("log stamps", log_id), read)


# The stamps' columns, for a statement about several logs that reads them along (with_stamps).
STAMP_COLUMNS = (*_LOG_STAMP.c, *_SITE_STAMP.c)


def with_stamps(query: Select[Any]) -> Select[Any]:
    """`query` (over stafett_log) with each log's stamps and the site's as its last STAMP_COLUMNS: a
    statement that reads logs' rows anyway (the header's on every page load, an access check's) reads
    them for the views (remember_stamps), whose own read of them (stamps) is then a statement less.
    Such a statement comes before anything the views read, as the stamps must."""
    return (
        # Outer joins: a log or a database without stamps still gets its rows (and nothing kept).
        query.outerjoin(_LOG_STAMP, _LOG_STAMP.c.log_id == StafettLog.__table__.c.id)  # type: ignore[attr-defined]
        .outerjoin(_SITE_STAMP, true())
        .add_columns(*STAMP_COLUMNS)
    )


def remember_stamps(session: Session, found: Sequence[Any]) -> None:
    """A log's stamps and the site's read by a with_stamps statement (its last STAMP_COLUMNS), for
    `stamps` in the same transaction; a log without stamps (or a site without) is left to `stamps`."""
    if None not in (found[0], found[len(LogStamps._fields)]) and (memo := read_memo(session)) is not None:
        log_stamps, site = _remembered(session, tuple(found))
        memo.setdefault(("log stamps", log_stamps.log_id), (log_stamps, site))


def _remembered(session: Session, found: tuple[Any, ...]) -> tuple[LogStamps, SiteStamps]:
    split = len(LogStamps._fields)
    site = SiteStamps(*found[split:])
    if (memo := read_memo(session)) is not None:
        memo[_SITE_STAMPS] = site
    return LogStamps(*found[:split]), site


def _site_stamps(session: Session) -> SiteStamps | None:
    """The site's stamps, when this transaction may use what is kept and read them with a log's."""
    memo = read_memo(session) if keeping(session) else None
    return memo.get(_SITE_STAMPS) if memo is not None else None


def kept_unit_names(session: Session, load: Callable[[], dict[int, str]]) -> dict[int, str] | None:
    """Every unit's name (services.read.unit_names), kept in the worker while the site's unit stamp
    holds; None as kept_people."""
    global _unit_names  # noqa: PLW0603 - one list of units for the worker
    if (site := _site_stamps(session)) is None:
        return None
    now = time.monotonic()
    with _lock:
        if _unit_names is not None and _unit_names[0] == site.unit and now - _unit_names[1] < MAX_AGE_SECONDS:
            return _unit_names[2]
    names = load()
    with _lock:
        _unit_names = (site.unit, now, names)
    return names


def kept_people(session: Session, ids: set[int], load: Callable[[set[int]], dict[int, P]]) -> dict[int, P] | None:
    """People's rows (services.read.people_by_id) kept in the worker while the site's person stamp holds,
    the missing ones loaded (`load` makes rows no session holds) and kept; None when this transaction
    may not use them: it wrote, or read no log's stamps (the site's come with them, at no cost)."""
    global _people_stamp, _people_since  # one stamp for the worker's people
    if (site := _site_stamps(session)) is None:
        return None
    with _lock:
        now = time.monotonic()
        if _people_stamp != site.person or now - _people_since >= MAX_AGE_SECONDS:  # as every kept entry
            _people.clear()
            _people_stamp, _people_since = site.person, now
        found = {person_id: _people[person_id] for person_id in ids if person_id in _people}
    if missing := ids - found.keys():
        loaded = load(missing)
        with _lock:
            if _people_stamp == site.person:
                if len(_people) + len(loaded) > MAX_PEOPLE:
                    _people.clear()
                _people.update(loaded)
        found |= loaded
    return found


def keeping(session: Session) -> bool:
    """Whether this session may use and keep what is kept now: inside `cached_reads`, in a transaction
    that has written nothing."""
    wrote = session.info.get(_WROTE) or session.new or session.dirty or session.deleted
    return bool(session.info.get(_ON)) and not wrote


def kept_view(session: Session, log_id: int, what: tuple, built_from: object) -> Any | None:
    """The view `keep_view` kept under `what` for the log, if it was built from the same (compared with
    ==: the log's stamps and every other value the view depends on); else None."""
    if not keeping(session):
        return None
    with _lock:
        found = _views.get((log_id, what))
        if found is None or found[0] != built_from or time.monotonic() - found[1] >= MAX_AGE_SECONDS:
            return None
        _views.move_to_end((log_id, what))
        return found[2]


def keep_view(session: Session, log_id: int, what: tuple, built_from: object, view: object) -> None:
    """Keep a view built from kept rows and this transaction's reads (never changed afterwards: it is
    handed to every later load with the same `built_from`)."""
    if not keeping(session):
        return
    now = time.monotonic()
    with _lock:
        _views[(log_id, what)] = (built_from, now, view)
        _views.move_to_end((log_id, what))
        while len(_views) > MAX_VIEWS:
            _views.popitem(last=False)
        _sweep(now)


def kept_or_built(session: Session, log_id: int, what: tuple, built_from: object, build: Callable[[], T]) -> T:
    """The view kept under `what` when it was built from the same, else `build()` (then kept)."""
    view: T | None = kept_view(session, log_id, what, built_from)
    if view is None:
        view = build()
        keep_view(session, log_id, what, built_from, view)
    return view


def kept_while(
    session: Session,
    log_id: int,
    what: tuple,
    depends_on: Callable[[LogStamps, SiteStamps], tuple],
    build: Callable[[], T],
) -> T:
    """kept_or_built, with what the view was built from given by `depends_on` from the log's and the
    site's stamps (and anything else it names); `build()` when nothing may be kept here."""
    found = stamps(session, log_id) if keeping(session) else None
    if found is None:
        return build()
    return kept_or_built(session, log_id, what, depends_on(*found), build)


def row_values(row: SQLModel) -> tuple:
    """A row's column values, to compare with what a kept view was built from."""
    return tuple(getattr(row, name) for name in columns(type(row)))


@cache
def columns(model: type[SQLModel]) -> tuple[str, ...]:
    return tuple(attribute.key for attribute in sa_inspect(model).column_attrs)


def log_cached(
    session: Session, log_id: int, part: str, what: tuple, read: Callable[[], T], *, names_people: bool = False
) -> T:
    """`read()`, or what it gave while the stamp of `part` of the log (models/content_stamp.PARTS) is
    the same. `read` reads only that part's tables, and with `names_people` people's rows (then kept
    while the site's person stamp holds too); `what` names the read and every value it depends on
    besides the log. It returns rows, or lists, tuples, dicts and dataclasses of rows."""
    if part not in PARTS:
        raise ValueError(part)
    if not keeping(session):
        return read()
    found_stamps = stamps(session, log_id)
    if found_stamps is None:
        return read()
    stamp: object = getattr(found_stamps[0], part)
    if names_people:
        stamp = (stamp, found_stamps[1].person)
    key = (log_id, part, what)
    now = time.monotonic()
    with _lock:
        found = _kept.get(key)
        if found is not None and found[0] == stamp and now - found[1] < MAX_AGE_SECONDS:
            _kept.move_to_end(key)
            kept: T = found[2]
            return kept
    value = read()
    _let_go(session, value)
    with _lock:
        _kept[key] = (stamp, now, value)
        _kept.move_to_end(key)
        while len(_kept) > MAX_ENTRIES:
            _kept.popitem(last=False)
        _sweep(now)
    return value


def _sweep(now: float) -> None:
    """Drop the entries past their age (under the lock), at most once a minute."""
    global _swept_at  # noqa: PLW0603 - one sweep clock for the process
    if now - _swept_at < SWEEP_SECONDS:
        return
    _swept_at = now
    for key in [key for key, (_stamp, kept_at, _value) in _kept.items() if now - kept_at >= MAX_AGE_SECONDS]:
        del _kept[key]
    for view_key in [
        view_key for view_key, (_from, kept_at, _view) in _views.items() if now - kept_at >= MAX_AGE_SECONDS
    ]:
        del _views[view_key]


def forget_log(log_id: int) -> None:
    """Drop everything kept of one log (it has been deleted)."""
    with _lock:
        for key in [key for key in _kept if key[0] == log_id]:
            del _kept[key]
        for view_key in [view_key for view_key in _views if view_key[0] == log_id]:
            del _views[view_key]


def forget_all() -> None:
    """Drop everything kept (tests that compare what a load reads with nothing kept)."""
    global _unit_names  # noqa: PLW0603 - the worker's one list of units
    with _lock:
        _kept.clear()
        _views.clear()
        _people.clear()
        _unit_names = None


def _let_go(session: Session, value: object) -> None:
    """Take the rows out of the session, so nothing it does later (a rollback expires its rows) reaches
    the copies other sessions are handed."""
    if hasattr(value, "_sa_instance_state"):
        if value in session:
            session.expunge(value)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _let_go(session, item)
    elif isinstance(value, dict):
        for item in value.values():
            _let_go(session, item)
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            _let_go(session, getattr(value, item.name))


# --- whether a transaction has written --------------------------------------------------------


@event.listens_for(OrmSession, "after_flush")
def _wrote(session: OrmSession, *_args: object) -> None:
    session.info[_WROTE] = True


@event.listens_for(OrmSession, "do_orm_execute")
def _wrote_in_bulk(orm_execute_state: ORMExecuteState) -> None:
    if not orm_execute_state.is_select:
        orm_execute_state.session.info[_WROTE] = True


@event.listens_for(OrmSession, "after_commit")
@event.listens_for(OrmSession, "after_rollback")
def _transaction_ended(session: OrmSession, *_args: object) -> None:
    session.info.pop(_WROTE, None)
