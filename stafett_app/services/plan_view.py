"""Builds the plan overview and the concern -> goal -> measure tree for one person."""

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain import evaluation as ev
from stafett_app.domain import lifecycle
from stafett_app.domain.dates import age_on, today_in_norway, utcnow
from stafett_app.domain.edit_window import editable_until, is_freely_editable
from stafett_app.domain.lifecycle import LogStatus, Transition
from stafett_app.domain.meetings import local_time
from stafett_app.domain.permissions import Action, may
from stafett_app.domain.plan_rules import ConcernCategory, MeasureFacts, missing_arenas, school_environment_gaps
from stafett_app.domain.roles import LogRole
from stafett_app.i18n import format_date, format_short_date, relative_days, translate
from stafett_app.models import (
    Comment,
    Concern,
    Consent,
    ConsentEntry,
    Evaluation,
    Glimmer,
    Goal,
    Measure,
    MeasureRevision,
    Meeting,
    Participant,
    ParticipantProposal,
    Person,
    Unit,
)
from stafett_app.services.access import open_log
from stafett_app.services.notes import notes_of
from stafett_app.services.views import (
    AttachmentView,
    CommentView,
    ConcernView,
    ConsentView,
    EvaluationView,
    GlimmerView,
    GoalView,
    MeasureView,
    NoteView,
    PersonRow,
    PlanView,
    RevisionView,
)

GLIMMERS_SHOWN = 20


def full_name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}"


def load_people(session: Session, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(ids))).all()}  # type: ignore[misc]


def current_participants(session: Session, log_id: int) -> list[Participant]:
    return list(
        session.exec(
            select(Participant).where(Participant.log_id == log_id, col(Participant.removed_at).is_(None))
        ).all()
    )


def consent_in_force(session: Session, log_id: int) -> Consent | None:
    return session.exec(select(Consent).where(Consent.log_id == log_id).order_by(col(Consent.version).desc())).first()


def _school_environment_missing(concern: Concern, measures: list[Measure]) -> list[str]:
    """The § 12-4 items a school environment concern lacks (keys under school_env.item.*)."""
    if ConcernCategory(concern.category) != ConcernCategory.SCHOOL_ENVIRONMENT:
        return []
    facts = [MeasureFacts(m.start_date, m.responsible_id, m.evaluation_date) for m in measures if m.ended_at is None]
    return school_environment_gaps(concern.text, concern.pupil_view, facts)


def measure_badges(
    measures: list[Measure], evaluations: dict[int, list[Evaluation]], today: date
) -> dict[int, ev.Badge]:
    badges = {}
    for m in measures:
        latest = evaluations[m.id][-1] if evaluations.get(m.id) else None  # type: ignore[index]
        badges[m.id] = ev.measure_badge(
            evaluation_date=m.evaluation_date,
            ended=m.ended_at is not None,
            latest_result=latest.result if latest else None,
            latest_evaluated_on=latest.evaluated_on if latest else None,
            today=today,
        )
    return badges  # type: ignore[return-value]


def next_meeting_text(session: Session, log_id: int, lang: str) -> str:
    """The log's next meeting in words, for the family's "what happens next"."""
    meeting = session.exec(
        select(Meeting)
        .where(Meeting.log_id == log_id, col(Meeting.cancelled_at).is_(None), Meeting.starts_at > utcnow())
        .order_by(col(Meeting.starts_at))
    ).first()
    if meeting is None:
        return ""
    local = local_time(meeting.starts_at)
    where = meeting.place or translate(lang, "calendar.video")
    return f"{format_date(lang, local.date())} {translate(lang, 'calendar.at')} {local:%H:%M} · {where}"


def plan_for(session: Session, person: Person, log_id: int, lang: str) -> PlanView:
    log, access = open_log(session, person, log_id, Action.VIEW_LOG)
    today = today_in_norway()
    participants = current_participants(session, log.id)  # type: ignore[arg-type]
    concerns = list(session.exec(select(Concern).where(Concern.log_id == log.id).order_by(col(Concern.id))).all())
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
    for c in session.exec(select(Comment).where(Comment.log_id == log.id).order_by(col(Comment.created_at))).all():
        if c.measure_id is not None:
            comments[c.measure_id].append(c)
    revisions: dict[int, list[MeasureRevision]] = defaultdict(list)
    for r in session.exec(
        select(MeasureRevision)
        .where(col(MeasureRevision.measure_id).in_(measure_ids))
        .order_by(col(MeasureRevision.replaced_at))
    ).all():
        revisions[r.measure_id].append(r)
    consent = consent_in_force(session, log.id)  # type: ignore[arg-type]
    proposals = session.exec(
        select(ParticipantProposal).where(
            ParticipantProposal.log_id == log.id, col(ParticipantProposal.consent_id).is_(None)
        )
    ).all()
    consent_entries = (
        session.exec(select(ConsentEntry).where(ConsentEntry.consent_id == consent.id)).all() if consent else []
    )

    people_ids = {log.child_id, *(p.person_id for p in participants), *(m.responsible_id for m in measures)}
    people_ids |= {c.author_id for cs in comments.values() for c in cs}
    people_ids |= {e.recorded_by_id for es in evaluations.values() for e in es}
    people_ids |= {r.replaced_by_id for rs in revisions.values() for r in rs}
    people_ids |= {e.person_id for e in consent_entries} | {p.person_id for p in proposals}
    glimmers = session.exec(
        select(Glimmer).where(Glimmer.log_id == log.id).order_by(col(Glimmer.created_at).desc()).limit(GLIMMERS_SHOWN)
    ).all()
    people_ids |= {g.author_id for g in glimmers}
    notes = notes_of(session, log.id)  # type: ignore[arg-type]
    people_ids |= {n.author_id for n, _ in notes}
    if consent:
        people_ids.add(consent.given_by_id)
    people = load_people(session, people_ids)
    units = {u.id: u.name for u in session.exec(select(Unit)).all()}
    name = lambda pid: full_name(people[pid]) if pid in people else ""

    badges = measure_badges(measures, evaluations, today)
    now = utcnow()

    def measure_view(m: Measure) -> MeasureView:
        badge = badges[m.id]  # type: ignore[index]
        return MeasureView(
            measure_id=m.id,  # type: ignore[arg-type]
            title=m.title,
            description=m.description,
            arena=m.arena,
            arena_label=translate(lang, f"arena.{m.arena}"),
            responsible_name=name(m.responsible_id),
            responsible_id=m.responsible_id,
            start_date=format_short_date(lang, m.start_date),
            evaluation_date=format_date(lang, m.evaluation_date),
            evaluation_relative=relative_days(lang, m.evaluation_date, today),
            badge=badge.value,
            badge_label=translate(lang, f"badge.{badge.value}"),
            freely_editable=is_freely_editable(m.created_at, now),
            editable_until=format_date(lang, editable_until(m.created_at).date()),
            ended=m.ended_at is not None,
            can_evaluate=m.ended_at is None and may(access, Action.EVALUATE, measure_responsible_id=m.responsible_id),
            can_comment=may(access, Action.COMMENT, measure_responsible_id=m.responsible_id),
            picture=m.picture,
            start_iso=m.start_date.isoformat(),
            photo_url=routes.photo(m.photo_id) if m.photo_id else "",
            evaluation_iso=m.evaluation_date.isoformat(),
            history=[e.result for e in evaluations.get(m.id, [])],  # type: ignore[arg-type]
            evaluations=[
                EvaluationView(
                    result=e.result,
                    result_label=translate(lang, f"result.{e.result}"),
                    outcome_label=translate(lang, f"outcome.{e.outcome}"),
                    text=e.text,
                    participants_text=e.participants_text,
                    evaluated_on=format_short_date(lang, e.evaluated_on),
                    recorded_by=name(e.recorded_by_id),
                    evaluated_iso=e.evaluated_on.isoformat(),
                )
                for e in reversed(evaluations.get(m.id, []))  # type: ignore[arg-type]
            ],
            comments=[
                CommentView(
                    author_name=name(c.author_id), text=c.text, written=format_short_date(lang, c.created_at.date())
                )
                for c in comments.get(m.id, [])  # type: ignore[arg-type]
            ],
            revisions=[
                RevisionView(
                    title=r.title,
                    description=r.description,
                    replaced=format_short_date(lang, r.replaced_at.date()),
                    replaced_by=name(r.replaced_by_id),
                    is_correction=r.is_correction,
                    reason=r.reason,
                )
                for r in revisions.get(m.id, [])  # type: ignore[arg-type]
            ],
        )

    measures_by_goal: dict[int, list[Measure]] = defaultdict(list)
    for m in measures:
        measures_by_goal[m.goal_id].append(m)
    goals_by_concern: dict[int, list[Goal]] = defaultdict(list)
    for g in goals:
        goals_by_concern[g.concern_id].append(g)

    concern_views = []
    for c in concerns:
        ordered = _main_then_sub(goals_by_concern.get(c.id, []))  # type: ignore[arg-type]
        concern_measures = [m for g in ordered for m in measures_by_goal.get(g.id, [])]  # type: ignore[arg-type]
        missing = missing_arenas(m.arena for m in concern_measures if m.ended_at is None)
        counts = _count_badges(badges[m.id] for m in concern_measures)  # type: ignore[index]
        concern_views.append(
            ConcernView(
                concern_id=c.id,  # type: ignore[arg-type]
                text=c.text,
                category=c.category,
                category_label=translate(lang, f"category.{ConcernCategory(c.category).value}"),
                is_school_environment=ConcernCategory(c.category) == ConcernCategory.SCHOOL_ENVIRONMENT,
                pupil_view=c.pupil_view,
                school_environment_missing=_school_environment_missing(c, concern_measures),
                shared_understanding=c.shared_understanding,
                missing_arenas_label=", ".join(translate(lang, f"arena.{a.value}") for a in missing),
                green=counts[0],
                red=counts[1],
                not_evaluated=counts[2],
                goals=[
                    GoalView(
                        goal_id=g.id,  # type: ignore[arg-type]
                        text=g.text,
                        is_sub=g.parent_id is not None,
                        reached=g.reached_at is not None,
                        measures=[measure_view(m) for m in measures_by_goal.get(g.id, [])],  # type: ignore[arg-type]
                    )
                    for g in ordered
                ],
            )
        )

    totals = _count_badges(badges.values())
    child = people[log.child_id]
    return PlanView(
        log_id=log.id,  # type: ignore[arg-type]
        child_first_name=child.first_name,
        child_age=age_on(child.birth_date, today) or 0,
        description=log.description,
        interest_picture=log.interest_picture,
        interest_text=log.interest_text,
        level=log.level,
        status=log.status,
        status_label=translate(lang, f"status.{log.status}"),
        holders=_people_rows(participants, people, units, lang, {LogRole.HOLDER}),
        family=_people_rows(participants, people, units, lang, {LogRole.OWNER, LogRole.GUARDIAN}),
        professionals=_people_rows(participants, people, units, lang, {LogRole.ACTOR, LogRole.READER}),
        consent=_consent_view(consent, consent_entries, proposals, people, lang),
        concerns=concern_views,
        green=totals[0],
        red=totals[1],
        not_evaluated=totals[2],
        overdue=sum(1 for b in badges.values() if b == ev.Badge.OVERDUE),
        can_edit_plan=may(access, Action.EDIT_PLAN),
        can_manage_participants=may(access, Action.MANAGE_PARTICIPANTS),
        can_consent=may(access, Action.GIVE_CONSENT),
        glimmers=[
            GlimmerView(
                author=people[g.author_id].first_name,
                text=g.text,
                written=relative_days(lang, g.created_at.date(), today),
            )
            for g in glimmers
            if g.author_id in people
        ],
        can_write_glimmer=may(access, Action.WRITE_GLIMMER),
        can_read_messages=may(access, Action.READ_MESSAGES),
        can_withdraw_consent=lifecycle.can(LogStatus(log.status), Transition.WITHDRAW)
        and may(access, Action.WITHDRAW_CONSENT),
        can_close=lifecycle.can(LogStatus(log.status), Transition.CLOSE) and may(access, Action.EDIT_PLAN),
        closing_note=log.closing_note,
        next_meeting=next_meeting_text(session, log.id, lang) if log.status == LogStatus.ACTIVE else "",  # type: ignore[arg-type]
        notes=[
            NoteView(
                note_id=n.id,  # type: ignore[arg-type]
                title=n.title,
                text=n.text,
                author=name(n.author_id),
                written=format_short_date(lang, n.created_at.date()),
                attachments=[
                    AttachmentView(
                        name=a.original_name, url=routes.attachment(a.id), size_label=f"{max(1, a.size // 1024)} KB"
                    )
                    for a in files
                ],
            )
            for n, files in notes
        ],
        can_write_note=may(access, Action.WRITE_NOTE),
        is_read_only=log.status == LogStatus.PASSIVE,
    )


def _main_then_sub(goals: list[Goal]) -> list[Goal]:
    """Each main goal followed by its sub-goals."""
    ordered = []
    for main in (g for g in goals if g.parent_id is None):
        ordered.append(main)
        ordered.extend(g for g in goals if g.parent_id == main.id)
    return ordered


def _count_badges(badges) -> tuple[int, int, int]:
    green = red = open_ = 0
    for b in badges:
        if b == ev.Badge.GREEN:
            green += 1
        elif b == ev.Badge.RED:
            red += 1
        elif b != ev.Badge.ENDED:
            open_ += 1
    return green, red, open_


def _people_rows(participants, people, units, lang, roles) -> list[PersonRow]:
    rows = []
    for p in participants:
        if p.role in roles and p.person_id in people:
            person = people[p.person_id]
            label = person.title if p.role in (LogRole.ACTOR, LogRole.HOLDER) and person.title else ""
            rows.append(
                PersonRow(
                    person_id=p.person_id,
                    name=full_name(person),
                    role_label=label or translate(lang, f"role.{p.role}"),
                    unit_name=units.get(person.unit_id, ""),
                    is_holder=p.role == LogRole.HOLDER,
                    role=p.role,
                )
            )
    return rows


def _consent_view(consent, entries, proposals, people, lang) -> ConsentView:
    def named(person_id: int, role: str) -> str:
        return f"{full_name(people[person_id])} ({translate(lang, f'role.{role}')})"

    waiting = [named(p.person_id, p.role) for p in proposals if p.person_id in people]
    if consent is None or consent.withdrawn_at is not None:
        return ConsentView(on_record=False, proposals=waiting)
    return ConsentView(
        on_record=True,
        version=consent.version,
        given_by=full_name(people[consent.given_by_id]),
        given_on=format_short_date(lang, consent.given_at.date()),
        named=[named(e.person_id, e.role) for e in entries if e.person_id in people],
        proposals=waiting,
    )
