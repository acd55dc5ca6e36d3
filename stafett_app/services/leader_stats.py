"""A unit leader's figures and log list, counted in the database.

Every number here is one GROUP BY / COUNT query over the leader's own units; no log's content
(texts, concerns' wording, notes) is read, and no identity number is ever selected. The list is
sorted, filtered and paged in SQL, so a municipality with thousands of logs sends one page.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, literal_column, or_, select, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement, Select, Subquery
from sqlalchemy.sql.elements import SQLColumnExpression
from sqlmodel import Session, col

from stafett_app.db import memoized
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.leadership import PAGE_SIZE, HolderFilter, ListQuery, SortKey, may_lead
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.plan_rules import ConcernCategory
from stafett_app.domain.relay import HandoverStatus
from stafett_app.domain.roles import LogRole
from stafett_app.i18n import translate
from stafett_app.models import (
    AccessAttempt,
    Comment,
    Concern,
    Evaluation,
    Glimmer,
    Goal,
    Handover,
    Measure,
    Participant,
    Person,
    StafettLog,
    Unit,
)
from stafett_app.services.access import led_unit_ids, record_refusal

REFUSED_ACTION = "leader_overview"  # in access_attempt, when a non-leader asks for the figures
REFUSALS_DAYS = 30  # refused attempts shown for the last month
LISTED_LOGS = 10  # "which logs" under a figure: the first ten, the table has the rest


@dataclass
class Count:
    key: str  # a level, a category, an action
    label: str
    count: int


@dataclass
class LogRef:
    log_id: int
    child_first_name: str
    holder_name: str
    overdue: int = 0
    last_activity: datetime | None = None


@dataclass
class Dashboard:
    unit_names: list[str]
    active_logs: int
    by_level: list[Count]
    by_category: list[Count]  # every category but the school environment
    school_environment: int  # concerns under opplæringslova § 12-4, shown on their own
    overdue_logs: int
    overdue_measures: int
    overdue_list: list[LogRef]
    idle_weeks: int
    idle_logs: int
    idle_list: list[LogRef]
    without_holder: int
    without_holder_list: list[LogRef]
    handovers_waiting: int  # proposed and not yet accepted or declined
    handovers_waiting_list: list[LogRef]
    refusals: int
    refusals_by_action: list[Count] = field(default_factory=list)


@dataclass
class TableRow:
    log_id: int
    child_first_name: str
    status: str
    level: int
    holder_name: str
    next_evaluation: date | None
    overdue: int
    last_activity: datetime | None


@dataclass
class TablePage:
    rows: list[TableRow]
    total: int
    page: int


def leader_units(session: Session, person: Person) -> list[Unit]:
    """The units the person leads, by name; empty for everyone who is not a leader."""
    led = led_unit_ids(session, person)
    if not led:
        return []
    query = select(Unit).where(col(Unit.id).in_(led)).order_by(col(Unit.name))
    return list(memoized(session, ("leader units", person.id), lambda: tuple(session.scalars(query).all())))


def checked_units(session: Session, person: Person, unit_id: int | None = None) -> list[int]:
    """The units to count: the one asked for, if the person leads it; else all they lead."""
    led = frozenset(u.id for u in leader_units(session, person) if u.id is not None)
    if not led or (unit_id is not None and not may_lead(led, unit_id)):
        # Kept like a refused log, so the attempt can be followed up.
        record_refusal(session, person.id, None, REFUSED_ACTION)
        raise PermissionDenied()
    return sorted(led) if unit_id is None else [unit_id]


def _listed_logs(unit_ids: list[int]) -> ColumnElement[bool]:
    """Logs a leader's figures count: the unit's, never drafts (a draft is its author's alone) and never
    practice logs (domain.practice)."""
    return and_(
        col(StafettLog.unit_id).in_(unit_ids),
        col(StafettLog.status) != LogStatus.DRAFT,
        col(StafettLog.is_practice).is_(False),
    )


def _open_measures_of_active_logs(logs: ColumnElement[bool], figure: SQLColumnExpression[Any]) -> Select:
    """log_id and `figure` over the measures not yet ended in the active logs among `logs`; the caller
    narrows it further and groups it by log."""
    return (
        select(col(Concern.log_id).label("log_id"), figure)
        .join(Goal, col(Goal.concern_id) == col(Concern.id))
        .join(Measure, col(Measure.goal_id) == col(Goal.id))
        .join(StafettLog, col(StafettLog.id) == col(Concern.log_id))
        .where(
            logs,
            col(StafettLog.status) == LogStatus.ACTIVE,
            col(Measure.ended_at).is_(None),
        )
    )


def _overdue_per_log(logs: ColumnElement[bool], today: date) -> Subquery:
    """log_id, open measures whose evaluation date has passed with no evaluation since (domain.evaluation)."""
    evaluated = exists().where(
        col(Evaluation.measure_id) == col(Measure.id), col(Evaluation.evaluated_on) >= col(Measure.evaluation_date)
    )
    return (
        _open_measures_of_active_logs(logs, func.count(col(Measure.id)).label("overdue"))
        .where(col(Measure.evaluation_date) < today, ~evaluated)
        .group_by(col(Concern.log_id))
        .subquery("overdue_per_log")
    )


def _next_evaluation_per_log(logs: ColumnElement[bool]) -> Subquery:
    return (
        _open_measures_of_active_logs(logs, func.min(col(Measure.evaluation_date)).label("next_date"))
        .group_by(col(Concern.log_id))
        .subquery("next_per_log")
    )


def _last_activity_per_log(logs: ColumnElement[bool]) -> Subquery:
    """The newest thing written in the log's plan: a concern, measure, evaluation, comment or lysglimt,
    or its start. Only timestamps are read, never what was written."""
    in_units = logs
    parts: list[Select] = [
        select(
            col(StafettLog.id).label("log_id"),
            func.coalesce(col(StafettLog.activated_at), col(StafettLog.created_at)).label("at"),
        ).where(in_units),
        select(col(Concern.log_id).label("log_id"), col(Concern.created_at).label("at"))
        .join(StafettLog, col(StafettLog.id) == col(Concern.log_id))
        .where(in_units),
        select(col(Concern.log_id).label("log_id"), col(Measure.created_at).label("at"))
        .join(Goal, col(Goal.concern_id) == col(Concern.id))
        .join(Measure, col(Measure.goal_id) == col(Goal.id))
        .join(StafettLog, col(StafettLog.id) == col(Concern.log_id))
        .where(in_units),
        select(col(Concern.log_id).label("log_id"), col(Evaluation.recorded_at).label("at"))
        .join(Goal, col(Goal.concern_id) == col(Concern.id))
        .join(Measure, col(Measure.goal_id) == col(Goal.id))
        .join(Evaluation, col(Evaluation.measure_id) == col(Measure.id))
        .join(StafettLog, col(StafettLog.id) == col(Concern.log_id))
        .where(in_units),
        select(col(Comment.log_id).label("log_id"), col(Comment.created_at).label("at"))
        .join(StafettLog, col(StafettLog.id) == col(Comment.log_id))
        .where(in_units),
        select(col(Glimmer.log_id).label("log_id"), col(Glimmer.created_at).label("at"))
        .join(StafettLog, col(StafettLog.id) == col(Glimmer.log_id))
        .where(in_units),
    ]
    every = union_all(*parts).subquery("activity")
    return (
        select(every.c.log_id, func.max(every.c.at).label("last_at")).group_by(every.c.log_id).subquery("last_activity")
    )


def _holder_per_log() -> Subquery:
    """The current holder's name per log (one holder at a time; a log may have none)."""
    return (
        select(
            col(Participant.log_id).label("log_id"),
            col(Person.first_name).label("holder_first"),
            col(Person.last_name).label("holder_last"),
        )
        .join(Person, col(Person.id) == col(Participant.person_id))
        .where(col(Participant.role) == LogRole.HOLDER, col(Participant.removed_at).is_(None))
        .subquery("holder")
    )


def _log_refs(session: Session, statement: Select, extra: str = "") -> tuple[list[LogRef], tuple[int, ...]]:
    """Rows of (log id, child's first name, holder's names, one value, then whole-result counts) as
    LogRefs and the counts; `extra` names the LogRef field the value goes in. No rows: all counts 0."""
    refs: list[LogRef] = []
    totals: tuple[int, ...] = ()
    for log_id, first, h_first, h_last, value, *counts in session.execute(statement).all():
        ref = LogRef(log_id, first, f"{h_first} {h_last}" if h_first else "")
        if extra:
            setattr(ref, extra, value)
        refs.append(ref)
        totals = tuple(int(n or 0) for n in counts)
    if not refs:
        totals = (0,) * (len(statement.selected_columns) - 5)
    return refs, totals


def _with_names(columns: list[ColumnElement[Any]], holder: Subquery, *counts: ColumnElement[Any]) -> Select:
    child = aliased(Person, name="child")
    return (
        select(
            col(StafettLog.id), col(child.first_name), holder.c.holder_first, holder.c.holder_last, *columns, *counts
        )
        .join(child, col(child.id) == col(StafettLog.child_id))
        .outerjoin(holder, holder.c.log_id == col(StafettLog.id))
    )


def dashboard(
    session: Session,
    person: Person,
    *,
    today: date,
    now: datetime,
    idle_weeks: int,
    labels: Callable[[str, str], str],
    unit_id: int | None = None,
) -> Dashboard:
    """The figures for the person's unit(s). `labels(kind, key)` translates a level, category or action."""
    units = checked_units(session, person, unit_id)
    names = [u.name for u in leader_units(session, person) if u.id in units]
    listed = _listed_logs(units)
    active = and_(listed, col(StafettLog.status) == LogStatus.ACTIVE)

    by_level = dict(
        session.execute(select(col(StafettLog.level), func.count()).where(active).group_by(col(StafettLog.level))).all()
    )
    by_category = dict(
        session.execute(
            select(col(Concern.category), func.count())
            .join(StafettLog, col(StafettLog.id) == col(Concern.log_id))
            .where(active)
            .group_by(col(Concern.category))
        ).all()
    )
    holder = _holder_per_log()
    # Each list query also counts all its rows (a window over the whole result, taken before LIMIT):
    # the figure and its first ten logs in one round trip.
    overdue = _overdue_per_log(active, today)
    overdue_list, (overdue_logs, overdue_measures) = _log_refs(
        session,
        _with_names([overdue.c.overdue], holder, func.count().over(), func.sum(overdue.c.overdue).over())
        .join(overdue, overdue.c.log_id == col(StafettLog.id))
        .order_by(overdue.c.overdue.desc(), col(StafettLog.id))
        .limit(LISTED_LOGS),
        "overdue",
    )

    last = _last_activity_per_log(active)
    cutoff = now - timedelta(weeks=idle_weeks)
    idle_list, (idle_logs,) = _log_refs(
        session,
        _with_names([last.c.last_at], holder, func.count().over())
        .outerjoin(last, last.c.log_id == col(StafettLog.id))
        .where(active, or_(last.c.last_at.is_(None), last.c.last_at < cutoff))
        .order_by(last.c.last_at, col(StafettLog.id))
        .limit(LISTED_LOGS),
        "last_activity",
    )

    without_holder_list, (without_holder,) = _log_refs(
        session,
        _with_names([literal_column("''")], holder, func.count().over())
        .where(active, holder.c.log_id.is_(None))
        .order_by(col(StafettLog.id))
        .limit(LISTED_LOGS),
    )

    waiting = (
        select(col(Handover.log_id).label("log_id"))
        .where(col(Handover.status) == HandoverStatus.PENDING)
        .group_by(col(Handover.log_id))
        .subquery("waiting")
    )
    handovers_waiting_list, (handovers_waiting,) = _log_refs(
        session,
        _with_names([literal_column("''")], holder, func.count().over())
        .join(waiting, waiting.c.log_id == col(StafettLog.id))
        .where(active)
        .order_by(col(StafettLog.id))
        .limit(LISTED_LOGS),
    )

    unit_log_ids = select(col(StafettLog.id)).where(listed)
    refusals = dict(
        session.execute(
            select(col(AccessAttempt.action), func.count())
            .where(
                col(AccessAttempt.log_id).in_(unit_log_ids),
                col(AccessAttempt.at) >= now - timedelta(days=REFUSALS_DAYS),
            )
            .group_by(col(AccessAttempt.action))
        ).all()
    )

    school = ConcernCategory.SCHOOL_ENVIRONMENT.value
    return Dashboard(
        unit_names=names,
        active_logs=sum(by_level.values()),
        by_level=[Count(str(level), labels("level", str(level)), by_level.get(level, 0)) for level in (1, 2, 3)],
        by_category=[
            Count(c.value, labels("category", c.value), by_category.get(c.value, 0))
            for c in ConcernCategory
            if c.value != school
        ],
        school_environment=by_category.get(school, 0),
        overdue_logs=overdue_logs,
        overdue_measures=overdue_measures,
        overdue_list=overdue_list,
        idle_weeks=idle_weeks,
        idle_logs=idle_logs,
        idle_list=idle_list,
        without_holder=without_holder,
        without_holder_list=without_holder_list,
        handovers_waiting=handovers_waiting,
        handovers_waiting_list=handovers_waiting_list,
        refusals=sum(refusals.values()),
        refusals_by_action=[Count(a, labels("action", a), n) for a, n in sorted(refusals.items())],
    )


def log_table(
    session: Session, person: Person, query: ListQuery, *, today: date, unit_id: int | None = None
) -> TablePage:
    """One page of the unit's logs, sorted, filtered and paged in SQL.

    Two steps: first the page's log ids, joining only what the sort and the filters need (with the
    total as a window count); then the page's columns, counted for those 25 logs only."""
    units = checked_units(session, person, unit_id)
    holder = _holder_per_log()
    child = aliased(Person, name="child")
    conditions = [_listed_logs(units)]
    if query.status is not None:
        conditions.append(col(StafettLog.status) == query.status)
    if query.level is not None:
        conditions.append(col(StafettLog.level) == query.level)
    in_logs = and_(*conditions)  # on the log's own columns: the per-log counts take this too
    if query.holder == HolderFilter.MISSING:
        conditions.append(holder.c.log_id.is_(None))
    where = and_(*conditions)

    ids = (
        select(col(StafettLog.id), func.count().over())
        .join(child, col(child.id) == col(StafettLog.child_id))
        .outerjoin(holder, holder.c.log_id == col(StafettLog.id))
        .where(where)
    )
    sort_column: SQLColumnExpression[Any]
    if query.sort == SortKey.NEXT_EVALUATION:
        sorted_by = _next_evaluation_per_log(in_logs)
        ids, sort_column = ids.outerjoin(sorted_by, sorted_by.c.log_id == col(StafettLog.id)), sorted_by.c.next_date
    elif query.sort == SortKey.OVERDUE:
        sorted_by = _overdue_per_log(in_logs, today)
        ids = ids.outerjoin(sorted_by, sorted_by.c.log_id == col(StafettLog.id))
        sort_column = func.coalesce(sorted_by.c.overdue, 0)
    elif query.sort == SortKey.LAST_ACTIVITY:
        sorted_by = _last_activity_per_log(in_logs)
        ids, sort_column = ids.outerjoin(sorted_by, sorted_by.c.log_id == col(StafettLog.id)), sorted_by.c.last_at
    else:
        sort_column = {
            SortKey.CHILD: col(child.first_name),
            SortKey.STATUS: col(StafettLog.status),
            SortKey.LEVEL: col(StafettLog.level),
            SortKey.HOLDER: func.coalesce(holder.c.holder_last, "") + " " + func.coalesce(holder.c.holder_first, ""),
        }[query.sort]
    ordered = (sort_column.desc() if query.descending else sort_column.asc()).nulls_last()
    found = session.execute(ids.order_by(ordered, col(StafettLog.id)).offset(query.offset).limit(PAGE_SIZE)).all()
    if not found:  # past the last page (or nothing at all): the window had no row to count on
        total = session.execute(select(func.count()).select_from(ids.subquery())).scalar_one()
        return TablePage(rows=[], total=total, page=query.page)
    order = [log_id for log_id, _total in found]

    on_page = col(StafettLog.id).in_(order)
    next_eval, overdue, last = (
        _next_evaluation_per_log(on_page),
        _overdue_per_log(on_page, today),
        _last_activity_per_log(on_page),
    )
    statement = (
        select(
            col(StafettLog.id),
            col(child.first_name),
            col(StafettLog.status),
            col(StafettLog.level),
            holder.c.holder_first,
            holder.c.holder_last,
            next_eval.c.next_date,
            func.coalesce(overdue.c.overdue, 0),
            last.c.last_at,
        )
        .join(child, col(child.id) == col(StafettLog.child_id))
        .outerjoin(holder, holder.c.log_id == col(StafettLog.id))
        .outerjoin(next_eval, next_eval.c.log_id == col(StafettLog.id))
        .outerjoin(overdue, overdue.c.log_id == col(StafettLog.id))
        .outerjoin(last, last.c.log_id == col(StafettLog.id))
        .where(on_page)
    )
    by_id = {
        log_id: TableRow(
            log_id=log_id,
            child_first_name=first,
            status=status,
            level=level,
            holder_name=f"{h_first} {h_last}" if h_first else "",
            next_evaluation=next_date,
            overdue=int(n),
            last_activity=last_at,
        )
        for log_id, first, status, level, h_first, h_last, next_date, n, last_at in session.execute(statement).all()
    }
    return TablePage(rows=[by_id[log_id] for log_id in order], total=found[0][1], page=query.page)


def labels_in(lang: str) -> Callable[[str, str], str]:
    """Labels for the figures' keys (a level, a concern category, a refused action) in one language."""

    def label(kind: str, key: str) -> str:
        if kind == "level":
            return translate(lang, "leader.level_n", n=key)
        if kind == "category":
            return translate(lang, f"category.{key}")
        found = translate(lang, f"leader.refusal.{key}")
        return key if found == f"leader.refusal.{key}" else found

    return label


# Single figures in the CSV, each under the text the page shows for it.
_CSV_SINGLES = (
    ("active_logs", "leader.active_logs"),
    ("school_environment", "leader.school_environment"),
    ("overdue_logs", "leader.overdue_logs"),
    ("overdue_measures", "leader.overdue_measures"),
    ("idle_logs", "leader.idle_logs"),
    ("without_holder", "leader.without_holder"),
    ("handovers_waiting", "leader.handovers"),
    ("refusals", "leader.refusals"),
)


def figures_csv(board: Dashboard, lang: str) -> str:
    """The dashboard's figures as CSV (figure, key, label, count): counts only, never a name."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([translate(lang, f"leader.csv_{column}") for column in ("figure", "key", "label", "count")])
    for figure, counts in (
        ("level", board.by_level),
        ("category", board.by_category),
        ("refusal", board.refusals_by_action),
    ):
        for c in counts:
            writer.writerow([figure, c.key, c.label, c.count])
    writer.writerow(
        [
            "school_environment",
            ConcernCategory.SCHOOL_ENVIRONMENT.value,
            translate(lang, f"category.{ConcernCategory.SCHOOL_ENVIRONMENT.value}"),
            board.school_environment,
        ]
    )
    for figure, key in _CSV_SINGLES:
        writer.writerow([figure, "", translate(lang, key), getattr(board, figure)])
    return out.getvalue()
