"""Changing a plan: concerns, goals, measures, comments and evaluations.

Every function takes the signed-in person and the ids the browser sent, finds which log the
target really belongs to, and asks the domain whether this person may act there. The browser's
idea of "the current log" is only used to refuse a target that belongs to another log.
"""

from collections import defaultdict
from dataclasses import asdict

from sqlmodel import Session

from stafett_app.domain import evaluation as ev
from stafett_app.domain import plan_rules
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.edit_window import check_change
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.permissions import Action
from stafett_app.models import Comment, Concern, Evaluation, Glimmer, Goal, Measure, MeasureRevision, Person, id_of
from stafett_app.services import notify_events, read
from stafett_app.services.access import open_log, record_refusal
from stafett_app.services.request_keys import once
from stafett_app.services.views import PersonRow


def _log_of_concern(session: Session, concern_id: int) -> int | None:
    concern = session.get(Concern, concern_id)
    return concern.log_id if concern else None


def _goal_and_log(session: Session, goal_id: int) -> tuple[Goal | None, int | None]:
    goal = session.get(Goal, goal_id)
    return goal, (_log_of_concern(session, goal.concern_id) if goal else None)


def _measure_and_log(session: Session, measure_id: int) -> tuple[Measure | None, int | None]:
    measure = session.get(Measure, measure_id)
    if measure is None:
        return None, None
    return measure, _goal_and_log(session, measure.goal_id)[1]


def _check_same_log(
    session: Session, person: Person, expected_log_id: int, actual_log_id: int | None, action: Action
) -> None:
    if actual_log_id is None or actual_log_id != expected_log_id:
        record_refusal(session, person.id, actual_log_id, action.value)
        raise PermissionDenied()


def open_measure(session: Session, person: Person, log_id: int, measure_id: int, action: Action) -> Measure:
    """The measure, if it belongs to this log and the person may do `action` on it."""
    measure, measure_log = _measure_and_log(session, measure_id)
    _check_same_log(session, person, log_id, measure_log, action)
    if measure is None:  # _check_same_log has refused already; this tells the type checker
        raise PermissionDenied()
    open_log(session, person, log_id, action, measure_responsible_id=measure.responsible_id)
    return measure


def add_concern(session: Session, person: Person, log_id: int, form: dict, *, request_key: str | None = None) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(session, id_of(person), request_key, "concern", lambda: _add_concern(session, person, log_id, form))


def _add_concern(session: Session, person: Person, log_id: int, form: dict) -> int:
    log, _ = open_log(session, person, log_id, Action.EDIT_PLAN)
    data = plan_rules.check_concern(form)
    concern = Concern(
        log_id=id_of(log),
        text=data.text,
        category=data.category,
        shared_understanding=data.shared_understanding,
        pupil_view=data.pupil_view,
        created_by_id=id_of(person),
        created_at=utcnow(),
    )
    session.add(concern)
    session.flush()
    return id_of(concern)


def add_goal(
    session: Session,
    person: Person,
    log_id: int,
    form: dict,
    *,
    concern_id: int,
    parent_goal_id: int | None = None,
    request_key: str | None = None,
) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(
        session,
        id_of(person),
        request_key,
        "goal",
        lambda: _add_goal(session, person, log_id, form, concern_id=concern_id, parent_goal_id=parent_goal_id),
    )


def _add_goal(
    session: Session, person: Person, log_id: int, form: dict, *, concern_id: int, parent_goal_id: int | None = None
) -> int:
    """A main goal under a concern, or a sub-goal under a main goal of that concern."""
    _check_same_log(session, person, log_id, _log_of_concern(session, concern_id), Action.EDIT_PLAN)
    open_log(session, person, log_id, Action.EDIT_PLAN)
    if parent_goal_id is not None:
        parent = session.get(Goal, parent_goal_id)
        if parent is None or parent.concern_id != concern_id or parent.parent_id is not None:
            raise PermissionDenied()
    text = plan_rules.check_goal_text(form)
    goal = Goal(
        concern_id=concern_id,
        parent_id=parent_goal_id,
        text=text,
        created_by_id=id_of(person),
        created_at=utcnow(),
    )
    session.add(goal)
    session.flush()
    return id_of(goal)


def edit_concern(session: Session, person: Person, log_id: int, form: dict, *, concern_id: int) -> None:
    _check_same_log(session, person, log_id, _log_of_concern(session, concern_id), Action.EDIT_PLAN)
    open_log(session, person, log_id, Action.EDIT_PLAN)
    data = plan_rules.check_concern(form)
    concern = session.get(Concern, concern_id)
    if concern is None:  # _check_same_log has refused already; this tells the type checker
        raise PermissionDenied()
    concern.text, concern.category, concern.shared_understanding = data.text, data.category, data.shared_understanding
    concern.pupil_view = data.pupil_view
    session.add(concern)


def _open_goal(session: Session, person: Person, log_id: int, goal_id: int) -> Goal:
    goal, goal_log = _goal_and_log(session, goal_id)
    _check_same_log(session, person, log_id, goal_log, Action.EDIT_PLAN)
    if goal is None:  # _check_same_log has refused already; this tells the type checker
        raise PermissionDenied()
    open_log(session, person, log_id, Action.EDIT_PLAN)
    return goal


def edit_goal(session: Session, person: Person, log_id: int, form: dict, *, goal_id: int) -> None:
    goal = _open_goal(session, person, log_id, goal_id)
    goal.text = plan_rules.check_goal_text(form)
    session.add(goal)


def set_goal_reached(session: Session, person: Person, log_id: int, *, goal_id: int, reached: bool) -> None:
    """A goal reached is closed; the holder can open it again if that was premature."""
    goal = _open_goal(session, person, log_id, goal_id)
    goal.reached_at = utcnow() if reached else None
    session.add(goal)


def _arenas_by_person(session: Session, log_id: int) -> dict[int, list[str]]:
    roles: dict[int, set[str]] = defaultdict(set)
    for p in read.participants_in_force(session, log_id):
        roles[p.person_id].add(p.role)
    return {pid: plan_rules.arenas_for(held) for pid, held in roles.items()}


def responsible_candidates(session: Session, log_id: int, arena: str | None = None) -> list[int]:
    """Who can be responsible for a measure: anyone taking part in the log, and in an arena only
    those it belongs to (guardians at home, the child their own, staff the service's)."""
    arenas = _arenas_by_person(session, log_id)
    return sorted(pid for pid, fits in arenas.items() if arena not in plan_rules.RESPONSIBLE_ROLES or arena in fits)


def add_measure(
    session: Session, person: Person, log_id: int, form: dict, *, goal_id: int, request_key: str | None = None
) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(
        session,
        id_of(person),
        request_key,
        "measure",
        lambda: _add_measure(session, person, log_id, form, goal_id=goal_id),
    )


def _add_measure(session: Session, person: Person, log_id: int, form: dict, *, goal_id: int) -> int:
    _open_goal(session, person, log_id, goal_id)
    allowed = responsible_candidates(session, log_id, str(form.get("arena", "")))
    data = plan_rules.check_measure(form, allowed_responsible_ids=allowed)
    measure = Measure(goal_id=goal_id, **asdict(data), created_by_id=id_of(person), created_at=utcnow())
    session.add(measure)
    session.flush()
    return id_of(measure)


def change_measure(session: Session, person: Person, log_id: int, form: dict, *, measure_id: int) -> bool:
    """Edit the text within 8 hours, or correct it after, keeping the earlier text. Returns
    whether it was a correction."""
    measure = open_measure(session, person, log_id, measure_id, Action.EDIT_PLAN)
    if measure.ended_at is not None:
        raise ValidationFailed({"title": "error.measure_ended"})
    checks_form = {
        **form,
        "arena": measure.arena,
        "responsible_id": str(measure.responsible_id),
        "start_date": measure.start_date.isoformat(),
        "evaluation_date": measure.evaluation_date.isoformat(),
    }
    data = plan_rules.check_measure(checks_form, allowed_responsible_ids=[measure.responsible_id])
    now = utcnow()
    is_correction = check_change(measure.created_at, now, correction_reason=form.get("reason", ""))
    session.add(
        MeasureRevision(
            measure_id=measure_id,
            title=measure.title,
            description=measure.description,
            replaced_by_id=id_of(person),
            replaced_at=now,
            is_correction=is_correction,
            reason=form.get("reason", "").strip() if is_correction else "",
        )
    )
    measure.title, measure.description = data.title, data.description
    session.add(measure)
    return is_correction


def add_comment(
    session: Session, person: Person, log_id: int, form: dict, *, measure_id: int, request_key: str | None = None
) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(
        session,
        id_of(person),
        request_key,
        "comment",
        lambda: _add_comment(session, person, log_id, form, measure_id=measure_id),
    )


def _add_comment(session: Session, person: Person, log_id: int, form: dict, *, measure_id: int) -> int:
    open_measure(session, person, log_id, measure_id, Action.COMMENT)
    text = plan_rules.check_comment_text(form)
    comment = Comment(log_id=log_id, measure_id=measure_id, author_id=id_of(person), text=text, created_at=utcnow())
    session.add(comment)
    session.flush()
    return id_of(comment)


def evaluate_measure(
    session: Session, person: Person, log_id: int, form: dict, *, measure_id: int, request_key: str | None = None
) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(
        session,
        id_of(person),
        request_key,
        "evaluation",
        lambda: _evaluate_measure(session, person, log_id, form, measure_id=measure_id),
    )


def _evaluate_measure(session: Session, person: Person, log_id: int, form: dict, *, measure_id: int) -> int:
    """Save a new evaluation. Nothing here, or anywhere, updates or deletes one."""
    measure = open_measure(session, person, log_id, measure_id, Action.EVALUATE)
    if measure.ended_at is not None:
        raise ValidationFailed({"result": "error.measure_ended"})
    data = ev.check_evaluation(form, measure_start=measure.start_date, today=today_in_norway())
    now = utcnow()
    evaluation = Evaluation(
        measure_id=measure_id,
        result=data.result,
        outcome=data.outcome,
        text=data.text,
        participants_text=data.participants_text,
        evaluated_on=data.evaluated_on,
        recorded_by_id=id_of(person),
        recorded_at=now,
    )
    session.add(evaluation)
    if data.outcome == ev.Outcome.END:
        measure.ended_at = now
    elif data.next_evaluation_date:
        measure.evaluation_date = data.next_evaluation_date
    session.add(measure)
    session.flush()
    return id_of(evaluation)


def add_glimmer(session: Session, person: Person, log_id: int, form: dict, *, request_key: str | None = None) -> int:
    """A repeat with the same request key returns the first result (services.request_keys)."""
    return once(session, id_of(person), request_key, "glimmer", lambda: _add_glimmer(session, person, log_id, form))


def _add_glimmer(session: Session, person: Person, log_id: int, form: dict) -> int:
    """A lysglimt from anyone taking part (readers only read)."""
    log, _access = open_log(session, person, log_id, Action.WRITE_GLIMMER)
    glimmer = Glimmer(
        log_id=log_id, author_id=id_of(person), text=plan_rules.check_glimmer_text(form), created_at=utcnow()
    )
    session.add(glimmer)
    session.flush()
    # `log` is held until here: the session keeps a row only while it is referenced, and the notices
    # look the log up again (answered from the session, not with two more statements).
    notify_events.glimmer_written(session, id_of(log), id_of(person))
    return id_of(glimmer)


def responsible_options(session: Session, person: Person, log_id: int) -> list[PersonRow]:
    """Who the holder can make responsible for a new measure, for the measure form."""
    open_log(session, person, log_id, Action.EDIT_PLAN)
    arenas = _arenas_by_person(session, log_id)
    people = read.people_by_id(session, set(arenas))
    return [
        PersonRow(person_id=pid, name=read.full_name(p), role_label="", arenas=arenas[pid]) for pid, p in people.items()
    ]
