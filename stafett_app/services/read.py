"""The read side: queries the views repeat, without access checks.

Call these only after access is checked (services.access.open_log, or a list already limited to
the person's own logs). Each function runs a fixed number of queries, whatever the log's size.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from stafett_app.db import memoized, read_memo
from stafett_app.models import (
    Comment,
    Concern,
    Consent,
    Evaluation,
    Goal,
    Measure,
    MeasureRevision,
    Participant,
    Person,
)


def full_name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}"


def people_by_id(session: Session, ids: set[int]) -> dict[int, Person]:
    """The people, each read once per session while it writes nothing (several services of one page
    load name the same people: the session's identity map holds them only weakly)."""
    memo = read_memo(session)
    known: dict[int, Person] = memo.setdefault("people", {}) if memo is not None else {}
    found = {person_id: known[person_id] for person_id in ids if person_id in known}
    if missing := set(ids) - found.keys():
        loaded = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(missing))).all() if p.id}
        known.update(loaded)
        found |= loaded
    return found


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


def participants_in_force(session: Session, log_id: int) -> list[Participant]:
    """Who takes part in the log now (removed participants left out)."""
    in_force = select(Participant).where(Participant.log_id == log_id, col(Participant.removed_at).is_(None))
    return list(memoized(session, ("participants", log_id), lambda: tuple(session.exec(in_force).all())))


def consent_in_force(session: Session, log_id: int) -> Consent | None:
    """The newest consent version (it may be withdrawn: check `withdrawn_at`)."""
    newest = select(Consent).where(Consent.log_id == log_id).order_by(col(Consent.version).desc())
    return memoized(session, ("consent", log_id), lambda: session.exec(newest).first())


@dataclass
class PlanTree:
    """A log's concern -> goal -> measure tree with what hangs on each measure, in id order."""

    concerns: list[Concern]
    goals: list[Goal]
    measures: list[Measure]
    evaluations: dict[int, list[Evaluation]] = field(default_factory=dict)  # by measure, oldest first
    comments: dict[int, list[Comment]] = field(default_factory=dict)  # by measure, oldest first
    revisions: dict[int, list[MeasureRevision]] = field(default_factory=dict)  # by measure, oldest first

    def people_ids(self) -> set[int]:
        """Everyone the tree names: responsible people, authors, evaluators, correctors."""
        ids = {m.responsible_id for m in self.measures}
        ids |= {c.author_id for cs in self.comments.values() for c in cs}
        ids |= {e.recorded_by_id for es in self.evaluations.values() for e in es}
        ids |= {r.replaced_by_id for rs in self.revisions.values() for r in rs}
        return ids


def plan_tree(session: Session, log_id: int) -> PlanTree:
    """The whole tree in six queries."""
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
    comments: dict[int, list[Comment]] = defaultdict(list)
    for c in session.exec(select(Comment).where(Comment.log_id == log_id).order_by(col(Comment.created_at))).all():
        if c.measure_id is not None:
            comments[c.measure_id].append(c)
    revisions: dict[int, list[MeasureRevision]] = defaultdict(list)
    for r in session.exec(
        select(MeasureRevision)
        .where(col(MeasureRevision.measure_id).in_(measure_ids))
        .order_by(col(MeasureRevision.replaced_at))
    ).all():
        revisions[r.measure_id].append(r)
    return PlanTree(concerns, goals, measures, dict(evaluations), dict(comments), dict(revisions))
