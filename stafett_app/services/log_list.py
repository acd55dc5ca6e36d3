"""'My logs' for staff and families. A leader's unit list is services/leader_stats.py."""

from collections import defaultdict
from collections.abc import Callable, Collection

from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain import evaluation as ev
from stafett_app.domain.dates import age_on, today_in_norway
from stafett_app.domain.lifecycle import ClosingReason, LogStatus
from stafett_app.domain.permissions import Action, LogAccess, may
from stafett_app.domain.roles import LogRole, direct_landing, landing_view
from stafett_app.i18n import format_short_date, relative_days, translate
from stafett_app.models import Concern, Evaluation, Goal, Measure, Participant, Person, StafettLog, id_of
from stafett_app.services import read
from stafett_app.services.access import accesses_of_person, led_unit_ids
from stafett_app.services.plan_view import measure_badges
from stafett_app.services.views import LogRow

# Most important role first, when a person has several in one log.
_ROLE_ORDER = [LogRole.HOLDER, LogRole.GUARDIAN, LogRole.OWNER, LogRole.ACTOR, LogRole.READER]


def my_logs(session: Session, person: Person, lang: str) -> list[LogRow]:
    """Logs the person takes part in, plus their own drafts. Practice logs are listed apart
    (practice_log.practice_logs_of), never among real ones."""
    # The person's logs and roles as the header's statement read them (on a page load: no statement).
    accesses = accesses_of_person(session, person)
    roles: dict[int, Collection[str]] = {log_id: access.roles for log_id, (_log, access) in accesses.items()}
    logs = [log for log, _access in accesses.values()]
    # A discarded draft is only its author's summary (new_log.discarded_drafts), not a log to open.
    visible = [
        log
        for log in logs
        if not log.is_practice
        and log.status != LogStatus.DISCARDED
        and (log.status != LogStatus.DRAFT or log.created_by_id == person.id)
    ]
    drafts = session.exec(
        select(StafettLog).where(
            StafettLog.created_by_id == person.id,
            StafettLog.status == LogStatus.DRAFT,
            col(StafettLog.is_practice).is_(False),
        )
    ).all()
    seen = {log.id for log in visible}
    visible += [d for d in drafts if d.id not in seen]
    age = age_on(person.birth_date, today_in_norway())
    rows = _rows(
        session, visible, lang, lambda log: roles.get(id_of(log), {LogRole.HOLDER}), can_open=lambda _log: True
    )
    for row in rows:
        row.view = landing_view(frozenset(LogRole(r) for r in roles.get(row.log_id, {LogRole.HOLDER})), age)
    return rows


def first_page(session: Session, person: Person) -> str:
    """Where a person lands after signing in: their one log's own page for a child, a young person or
    a guardian with one log; otherwise (and for leaders, who also have the unit's list) "Mine logger"."""
    if person.is_leader:
        return routes.MY_LOGS
    rows = my_logs(session, person, "nb")
    landing = direct_landing([row.view for row in rows])
    if landing == "child":
        return routes.child(rows[0].log_id)
    if landing == "family":
        return routes.family(rows[0].log_id)
    return routes.MY_LOGS


def unit_logs(session: Session, leader: Person, lang: str) -> list[LogRow]:
    """A leader's overview of the unit's logs. Opening one still needs a role in it."""
    led = led_unit_ids(session, leader)
    if not led:
        return []
    logs = session.exec(
        select(StafettLog).where(
            col(StafettLog.unit_id).in_(sorted(led)),
            col(StafettLog.status).not_in([LogStatus.DRAFT, LogStatus.DISCARDED]),
            col(StafettLog.is_practice).is_(False),
        )
    ).all()
    mine = set(
        session.exec(
            select(Participant.log_id).where(Participant.person_id == leader.id, col(Participant.removed_at).is_(None))
        ).all()
    )
    rows = _rows(session, list(logs), lang, lambda _log: set(), can_open=lambda log: log.id in mine)
    statuses = {id_of(log): LogStatus(log.status) for log in logs}
    for row in rows:
        # The leader of the log's unit reads its archive copies without a role in it.
        access = LogAccess(person_id=id_of(leader), status=statuses[row.log_id], is_unit_leader=True)
        row.can_read_archive = may(access, Action.READ_ARCHIVE)
    return rows


def _rows(
    session: Session,
    logs: list[StafettLog],
    lang: str,
    roles_of: Callable[[StafettLog], Collection[str]],
    can_open: Callable[[StafettLog], bool],
) -> list[LogRow]:
    if not logs:
        return []
    today = today_in_norway()
    log_ids = [log.id for log in logs]
    holders: dict[int, list[int]] = defaultdict(list)  # two holders only as the chosen exception, both shown
    for p in session.exec(
        select(Participant)
        .where(
            col(Participant.log_id).in_(log_ids),
            Participant.role == LogRole.HOLDER,
            col(Participant.removed_at).is_(None),
        )
        .order_by(col(Participant.added_at))
    ).all():
        holders[p.log_id].append(p.person_id)
    measures_by_log: dict[int, list[Measure]] = defaultdict(list)
    for log_id, measure in session.exec(
        select(Concern.log_id, Measure)
        .join(Goal, col(Goal.concern_id) == col(Concern.id))
        .join(Measure, col(Measure.goal_id) == col(Goal.id))
        .where(col(Concern.log_id).in_(log_ids))
    ).all():
        measures_by_log[log_id].append(measure)
    all_measures = [m for ms in measures_by_log.values() for m in ms]
    evaluations: dict[int, list[Evaluation]] = defaultdict(list)
    for e in session.exec(
        select(Evaluation)
        .where(col(Evaluation.measure_id).in_([m.id for m in all_measures]))
        .order_by(col(Evaluation.evaluated_on), col(Evaluation.id))
    ).all():
        evaluations[e.measure_id].append(e)
    badges = measure_badges(all_measures, evaluations, today)
    people = read.names_by_id(session, {log.child_id for log in logs} | {h for ids in holders.values() for h in ids})

    rows = []
    for log in sorted(logs, key=lambda lg: (lg.status == LogStatus.PASSIVE, people[lg.child_id].first_name)):
        open_measures = [m for m in measures_by_log.get(id_of(log), []) if m.ended_at is None]
        next_date = min((m.evaluation_date for m in open_measures), default=None)
        holder_names = [f"{people[h].first_name} {people[h].last_name}" for h in holders[id_of(log)] if h in people]
        roles = roles_of(log)
        role = next((r for r in _ROLE_ORDER if r in roles), None)
        rows.append(
            LogRow(
                log_id=id_of(log),
                child_first_name=people[log.child_id].first_name,
                level=log.level,
                status=log.status,
                # A family's withdrawal shows as such, not as any other closing.
                status_label=translate(
                    lang,
                    "status.withdrawn"
                    if log.status == LogStatus.PASSIVE and log.closing_reason == ClosingReason.CONSENT_WITHDRAWN
                    else f"status.{log.status}",
                ),
                holder_name=f" {translate(lang, 'common.and')} ".join(holder_names),
                my_role_label=translate(lang, f"role.{role}") if role else "",
                next_evaluation=format_short_date(lang, next_date) if log.status == LogStatus.ACTIVE else "",
                next_evaluation_relative=relative_days(lang, next_date, today)
                if log.status == LogStatus.ACTIVE
                else "",
                overdue_count=sum(1 for m in open_measures if badges[id_of(m)] == ev.Badge.OVERDUE),
                can_open=can_open(log),
            )
        )
    return rows
