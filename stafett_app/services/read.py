"""The read side: queries the views repeat, without access checks.

Call these only after access is checked (services.access.open_log, or a list already limited to
the person's own logs). Each function runs a fixed number of queries, whatever the log's size.

The statements a page load runs are built once, at import, with their values as parameters
(`bindparam`, given in `session.exec(statement, params=...)`): building a statement and its cache key
on every call cost about as much CPU as running it, and the kept reads (services.log_cache) built
theirs only to throw them away.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import BindParameter, bindparam
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from stafett_app.db import memoized, read_memo
from stafett_app.models import (
    Comment,
    Concern,
    Consent,
    ConsentEntry,
    Evaluation,
    Goal,
    Measure,
    MeasureRevision,
    Meeting,
    Note,
    Participant,
    Person,
    Unit,
)
from stafett_app.services.log_cache import kept_people, kept_unit_names, log_cached

T = TypeVar("T")


def full_name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}"


_PEOPLE = select(Person).where(col(Person.id).in_(bindparam("ids", expanding=True)))


def people_by_id(session: Session, ids: set[int]) -> dict[int, Person]:
    """The people, each read once per session while it writes nothing (several services of one page
    load name the same people: the session's identity map holds them only weakly). A view of a log
    (inside log_cache.cached_reads) gets the rows the worker kept while the site's person stamp holds:
    they belong to no session and are shared, so nothing may change them."""
    kept = kept_people(session, set(ids), lambda missing: _unattached_people(session, missing))
    if kept is not None:
        return kept
    memo = read_memo(session)
    known: dict[int, Person] = memo.setdefault("people", {}) if memo is not None else {}
    found = {person_id: known[person_id] for person_id in ids if person_id in known}
    if missing := set(ids) - found.keys():
        loaded = {p.id: p for p in session.exec(_PEOPLE, params={"ids": sorted(missing)}).all() if p.id}
        known.update(loaded)
        found |= loaded
    return found


_PEOPLE_ROWS = select_columns(Person.__table__).where(  # type: ignore[attr-defined]
    col(Person.id).in_(bindparam("ids", expanding=True))
)


def _unattached_people(session: Session, ids: set[int]) -> dict[int, Person]:
    """Rows made from the columns, in no session: the signed-in person's own row, say, stays the
    session's and is never handed to another thread."""
    return {row.id: Person(**row._mapping) for row in session.execute(_PEOPLE_ROWS, {"ids": sorted(ids)})}


@dataclass(frozen=True)
class Name:
    first_name: str
    last_name: str


def names_by_id(session: Session, ids: set[int]) -> dict[int, Name]:
    """Only the names, for lists of many logs: a whole Person row is many times dearer to build."""
    if not ids:
        return {}
    rows = session.exec(select(Person.id, Person.first_name, Person.last_name).where(col(Person.id).in_(ids))).all()
    return {person_id: Name(first, last) for person_id, first, last in rows if person_id is not None}


def person_by_id(session: Session, person_id: int) -> Person | None:
    return people_by_id(session, {person_id}).get(person_id)


_LOG_ID: BindParameter[int] = bindparam("log_id")
_PARTICIPANTS = select(Participant).where(Participant.log_id == _LOG_ID, col(Participant.removed_at).is_(None))
_CONSENTS_NEWEST_FIRST = select(Consent).where(Consent.log_id == _LOG_ID).order_by(col(Consent.version).desc())
_CONSENT_ENTRIES = select(ConsentEntry).where(ConsentEntry.consent_id == bindparam("consent_id"))
_NOTES = select(Note).where(Note.log_id == _LOG_ID).order_by(col(Note.created_at).desc())
# Which meetings are to come depends on the hour: the callers split them, so what is kept holds all day.
_MEETINGS = (
    select(Meeting)
    .where(Meeting.log_id == _LOG_ID, col(Meeting.cancelled_at).is_(None))
    .order_by(col(Meeting.starts_at), col(Meeting.id))
)
_UNIT_NAMES = select(Unit.id, Unit.name)  # names only: no Unit objects made for a lookup


def participants_in_force(session: Session, log_id: int) -> list[Participant]:
    """Who takes part in the log now (removed participants left out)."""

    def in_force() -> tuple[Participant, ...]:
        return of_log(session, log_id, "people", ("participants",), _PARTICIPANTS)

    return list(memoized(session, ("participants", log_id), in_force))


def consent_in_force(session: Session, log_id: int) -> Consent | None:
    """The newest consent version (it may be withdrawn: check `withdrawn_at`)."""
    return memoized(
        session,
        ("consent", log_id),
        lambda: first_of_log(session, log_id, "people", ("consent",), _CONSENTS_NEWEST_FIRST),
    )


def consent_entries(session: Session, log_id: int, consent_id: int) -> tuple[ConsentEntry, ...]:
    """Who a consent version names, in which role."""
    return of_log(session, log_id, "people", ("consent entries", consent_id), _CONSENT_ENTRIES, consent_id=consent_id)


def notes_of_log(session: Session, log_id: int) -> tuple[Note, ...]:
    """The log's notes, newest first."""
    return of_log(session, log_id, "notes", ("notes",), _NOTES)


def meetings_of(session: Session, log_id: int) -> tuple[Meeting, ...]:
    """The log's meetings that are not cancelled, soonest first."""
    return of_log(session, log_id, "meetings", ("meetings",), _MEETINGS)


def unit_names(session: Session) -> dict[int, str]:
    """Every unit's name, read once per session while it writes nothing; a view of a log gets the
    worker's while the site's unit stamp holds (shared: nothing may change it)."""

    def names() -> dict[int, str]:
        load = lambda: {unit_id or 0: name for unit_id, name in session.exec(_UNIT_NAMES)}  # noqa: E731
        kept = kept_unit_names(session, load)
        return load() if kept is None else kept

    return memoized(session, ("unit names",), names)


@dataclass
class PlanTree:
    """A log's concern -> goal -> measure tree with what hangs on each measure, in id order."""

    concerns: list[Concern]
    goals: list[Goal]
    measures: list[Measure]
    evaluations: dict[int, list[Evaluation]] = field(default_factory=dict)  # by measure, oldest first
    comments: dict[int, list[Comment]] = field(default_factory=dict)  # by measure, oldest first
    revisions: dict[int, list[MeasureRevision]] = field(default_factory=dict)  # by measure, oldest first
    log_comments: list[Comment] = field(default_factory=list)  # every comment in the log, on goals too

    def people_ids(self) -> set[int]:
        """Everyone the tree names: responsible people, authors, evaluators, correctors."""
        ids = {m.responsible_id for m in self.measures}
        ids |= {c.author_id for cs in self.comments.values() for c in cs}
        ids |= {e.recorded_by_id for es in self.evaluations.values() for e in es}
        ids |= {r.replaced_by_id for rs in self.revisions.values() for r in rs}
        return ids


def of_log(
    session: Session, log_id: int, part: str, what: tuple, query: SelectOfScalar[T], **params: Any
) -> tuple[T, ...]:
    """The rows a query of one part of a log's content finds (models/content_stamp.PARTS), kept between
    page loads (services.log_cache) under `what`: a name for the query and every value it depends on
    besides the log. The query is built once (see above): it gets the log as the `log_id` parameter,
    and `params` as the others."""
    return log_cached(
        session, log_id, part, what, lambda: tuple(session.exec(query, params={"log_id": log_id, **params}).all())
    )


def first_of_log(
    session: Session, log_id: int, part: str, what: tuple, query: SelectOfScalar[T], **params: Any
) -> T | None:
    """The first row `of_log` would give for the query, or None."""
    return next(iter(of_log(session, log_id, part, what, _first(query), **params)), None)


@lru_cache(maxsize=64)
def _first(query: SelectOfScalar[T]) -> SelectOfScalar[T]:
    """The query's first row only: made once per built query (a statement hashes by identity)."""
    return query.limit(1)


def plan_tree(session: Session, log_id: int) -> PlanTree:
    """The whole tree in six queries (kept between page loads: services.log_cache)."""
    return log_cached(session, log_id, "tree", ("plan tree",), lambda: _plan_tree(session, log_id))


def _plan_tree(session: Session, log_id: int) -> PlanTree:
    concerns = list(session.exec(select(Concern).where(Concern.log_id == log_id).order_by(col(Concern.id))).all())
    goals = list(
        session.exec(
            select(Goal).where(col(Goal.concern_id).in_([c.id for c in concerns])).order_by(col(Goal.id))
        ).all()
    )
    measures = list(
        session.exec(
            select(Measure).where(col(Measure.goal_id).in_([g.id for g in goals])).order_by(col(Measure.id))
        ).all()
    )
    measure_ids = [m.id for m in measures]
    evaluations: dict[int, list[Evaluation]] = defaultdict(list)
    for e in session.exec(
        select(Evaluation)
        .where(col(Evaluation.measure_id).in_(measure_ids))
        .order_by(col(Evaluation.evaluated_on), col(Evaluation.id))
    ).all():
        evaluations[e.measure_id].append(e)
    log_comments = list(
        session.exec(select(Comment).where(Comment.log_id == log_id).order_by(col(Comment.created_at))).all()
    )
    comments: dict[int, list[Comment]] = defaultdict(list)
    for c in log_comments:
        if c.measure_id is not None:
            comments[c.measure_id].append(c)
    revisions: dict[int, list[MeasureRevision]] = defaultdict(list)
    for r in session.exec(
        select(MeasureRevision)
        .where(col(MeasureRevision.measure_id).in_(measure_ids))
        .order_by(col(MeasureRevision.replaced_at))
    ).all():
        revisions[r.measure_id].append(r)
    return PlanTree(concerns, goals, measures, dict(evaluations), dict(comments), dict(revisions), log_comments)
