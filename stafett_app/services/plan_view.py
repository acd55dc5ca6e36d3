"""Builds the plan overview and the concern -> goal -> measure tree for one person."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TypedDict

from sqlalchemy import BindParameter, bindparam
from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain import evaluation as ev
from stafett_app.domain import lifecycle
from stafett_app.domain.dates import age_on, today_in_norway, utcnow
from stafett_app.domain.edit_window import editable_until, is_freely_editable
from stafett_app.domain.lifecycle import ClosingReason, LogStatus, Transition
from stafett_app.domain.meetings import local_time
from stafett_app.domain.permissions import Action, LogAccess, may
from stafett_app.domain.plan_rules import ConcernCategory, MeasureFacts, missing_arenas, school_environment_gaps
from stafett_app.domain.relay import HandoverStatus
from stafett_app.domain.roles import LogRole, audience
from stafett_app.i18n import format_date, format_short_date, relative_days, translate
from stafett_app.models import (
    Concern,
    Consent,
    ConsentEntry,
    ConsentRequest,
    Evaluation,
    Glimmer,
    Goal,
    Handover,
    Measure,
    Participant,
    ParticipantProposal,
    Person,
    StafettLog,
    id_of,
)
from stafett_app.models.content_stamp import PARTS
from stafett_app.pictures import alt_text, is_known
from stafett_app.services import log_cache, read
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

# Built once (see services.read on prebuilt statements); each gets the log as `log_id`.
_LOG_ID: BindParameter[int] = bindparam("log_id")
_OPEN_PROPOSALS = select(ParticipantProposal).where(
    ParticipantProposal.log_id == _LOG_ID, col(ParticipantProposal.consent_id).is_(None)
)
_GLIMMERS_NEWEST_FIRST = select(Glimmer).where(Glimmer.log_id == _LOG_ID).order_by(col(Glimmer.created_at).desc())
_GLIMMERS_SHOWN = _GLIMMERS_NEWEST_FIRST.limit(bindparam("limit"))
_PENDING_HANDOVER = select(Handover).where(Handover.log_id == _LOG_ID, Handover.status == HandoverStatus.PENDING)
_REOPEN_ASKED = select(ConsentRequest).where(
    ConsentRequest.log_id == _LOG_ID,
    col(ConsentRequest.reopen),
    col(ConsentRequest.consent_id).is_(None),
    col(ConsentRequest.superseded_at).is_(None),
)


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
        latest = evaluations[id_of(m)][-1] if evaluations.get(id_of(m)) else None
        badges[id_of(m)] = ev.measure_badge(
            evaluation_date=m.evaluation_date,
            ended=m.ended_at is not None,
            latest_result=latest.result if latest else None,
            latest_evaluated_on=latest.evaluated_on if latest else None,
            today=today,
        )
    return badges


def next_meeting_text(session: Session, log_id: int, lang: str) -> str:
    """The log's next meeting in words, for the family's "what happens next"."""
    now = utcnow()
    meeting = next((m for m in read.meetings_of(session, log_id) if m.starts_at > now), None)
    if meeting is None:
        return ""
    local = local_time(meeting.starts_at)
    where = meeting.place or translate(lang, "calendar.video")
    return f"{format_date(lang, local.date())} {translate(lang, 'calendar.at')} {local:%H:%M} · {where}"


def plan_for(session: Session, person: Person, log_id: int, lang: str, action: Action = Action.VIEW_PLAN) -> PlanView:
    """The plan as `person` may see it; `action` is what opening this view asks (the child's page
    asks only VIEW_LOG and shows a small part of it)."""
    log, access = open_log(session, person, log_id, action)
    found = log_cache.stamps(session, log_id) if log_cache.keeping(session) else None
    if found is None:
        return build_plan_view(session, log, access, lang)
    stamps, site = found
    # Kept while everything it is built from is the same: the log's content (its stamps), its row, the
    # people and units it names (the site's stamps), the reader's access, the day and what the hour
    # decides (which measures may still be edited freely, which meeting is next). The lysglimt are not
    # in it (glimmers_of): a lysglimt written leaves it standing, and the page sends only the lysglimt.
    now = utcnow()
    measures = read.plan_tree(session, log_id).measures
    built_from = (
        tuple(getattr(stamps, part) for part in _BUILT_FROM_PARTS),
        site,
        log_cache.row_values(log),
        access,
        today_in_norway(),
        frozenset(id_of(m) for m in measures if is_freely_editable(m.created_at, now)),
        next((id_of(m) for m in read.meetings_of(session, log_id) if m.starts_at > now), None),
    )
    what = ("plan view", access.person_id, lang)
    return log_cache.kept_or_built(
        session, log_id, what, built_from, lambda: build_plan_view(session, log, access, lang)
    )


def glimmers_of(session: Session, log_id: int, lang: str, limit: int | None = GLIMMERS_SHOWN) -> list[GlimmerView]:
    """The log's newest lysglimt with their authors' first names (every one with `limit` None), for
    someone whose access to the log was checked (plan_for). The same for every reader: kept while the
    lysglimt, people's names and the day ("i går") hold."""

    def build() -> list[GlimmerView]:
        glimmers = _glimmer_rows(session, log_id, limit)
        return _glimmer_views(glimmers, read.people_by_id(session, {g.author_id for g in glimmers}), lang)

    return log_cache.kept_while(
        session,
        log_id,
        ("glimmer views", lang, limit),
        lambda stamps, site: (stamps.glimmers, site.person, today_in_norway()),
        build,
    )


# The parts whose stamps a kept view is compared with: the lysglimt, the drafts and the refused
# attempts are not in the plan view (glimmers_of, services.drafts, services.access_log keep their own).
_BUILT_FROM_PARTS = tuple(part for part in PARTS if part not in ("glimmers", "drafts", "refusals"))


def build_plan_view(session: Session, log: StafettLog, access: LogAccess, lang: str) -> PlanView:
    """The plan as `access` may act on it. Callers check access first (plan_for), or are the
    archive's system reader (services.log_reader), whose access has no role and so no actions."""
    today = today_in_norway()
    participants = read.participants_in_force(session, id_of(log))
    tree = read.plan_tree(session, id_of(log))
    concerns, goals, measures = tree.concerns, tree.goals, tree.measures
    evaluations, comments, revisions = tree.evaluations, tree.comments, tree.revisions
    consent = read.consent_in_force(session, id_of(log))
    proposals = read.of_log(session, id_of(log), "people", ("open proposals",), _OPEN_PROPOSALS)
    consent_entries = read.consent_entries(session, id_of(log), id_of(consent)) if consent else ()

    people_ids = {log.child_id, *(p.person_id for p in participants), *tree.people_ids()}
    people_ids |= {e.person_id for e in consent_entries} | {p.person_id for p in proposals}
    notes = notes_of(session, id_of(log))
    people_ids |= {n.author_id for n, _ in notes}
    if consent:
        people_ids.add(consent.given_by_id)
    if (pending := _pending_handover(session, id_of(log))) is not None:
        people_ids.add(pending.to_person_id)
    people = read.people_by_id(session, people_ids)
    units = read.unit_names(session)
    name = lambda pid: read.full_name(people[pid]) if pid in people else ""  # noqa: E731

    badges = measure_badges(measures, evaluations, today)
    now = utcnow()

    def measure_view(m: Measure) -> MeasureView:
        badge = badges[id_of(m)]
        promised = ev.promises_evaluation(ended=m.ended_at is not None, log_status=log.status)
        return MeasureView(
            measure_id=id_of(m),
            title=m.title,
            description=m.description,
            arena=m.arena,
            arena_label=translate(lang, f"arena.{m.arena}"),
            responsible_name=name(m.responsible_id),
            responsible_id=m.responsible_id,
            start_date=format_short_date(lang, m.start_date),
            evaluation_date=format_date(lang, m.evaluation_date) if promised else "",
            evaluation_relative=relative_days(lang, m.evaluation_date, today) if promised else "",
            badge=badge.value,
            freely_editable=is_freely_editable(m.created_at, now),
            editable_until=format_date(lang, editable_until(m.created_at).date()),
            ended=m.ended_at is not None,
            can_evaluate=m.ended_at is None and may(access, Action.EVALUATE, measure_responsible_id=m.responsible_id),
            can_comment=may(access, Action.COMMENT, measure_responsible_id=m.responsible_id),
            picture=m.picture,
            start_iso=m.start_date.isoformat(),
            photo_url=routes.photo(m.photo_id) if m.photo_id else "",
            evaluation_iso=m.evaluation_date.isoformat(),
            history=[e.result for e in evaluations.get(id_of(m), [])],
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
                for e in reversed(evaluations.get(id_of(m), []))
            ],
            comments=[
                CommentView(
                    author_name=name(c.author_id),
                    text=c.text,
                    written=format_short_date(lang, c.created_at.date()),
                    written_iso=c.created_at.date().isoformat(),
                )
                for c in comments.get(id_of(m), [])
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
                for r in revisions.get(id_of(m), [])
            ],
        )

    measures_by_goal: dict[int, list[Measure]] = defaultdict(list)
    for m in measures:
        measures_by_goal[m.goal_id].append(m)
    goals_by_concern: dict[int, list[Goal]] = defaultdict(list)
    for g in goals:
        goals_by_concern[g.concern_id].append(g)

    concern_views = []
    for concern in concerns:
        ordered = _main_then_sub(goals_by_concern.get(id_of(concern), []))
        concern_measures = [m for g in ordered for m in measures_by_goal.get(id_of(g), [])]
        missing = missing_arenas(m.arena for m in concern_measures if m.ended_at is None)
        counts = _count_results(concern_measures, badges, evaluations)
        concern_views.append(
            ConcernView(
                concern_id=id_of(concern),
                text=concern.text,
                category=concern.category,
                category_label=translate(lang, f"category.{ConcernCategory(concern.category).value}"),
                is_school_environment=ConcernCategory(concern.category) == ConcernCategory.SCHOOL_ENVIRONMENT,
                pupil_view=concern.pupil_view,
                school_environment_missing=_school_environment_missing(concern, concern_measures),
                shared_understanding=concern.shared_understanding,
                missing_arenas_label=", ".join(translate(lang, f"arena.{a.value}") for a in missing),
                green=counts[0],
                red=counts[1],
                not_evaluated=counts[2],
                goals=[
                    GoalView(
                        goal_id=id_of(g),
                        text=g.text,
                        is_sub=g.parent_id is not None,
                        reached=g.reached_at is not None,
                        measures=[measure_view(m) for m in measures_by_goal.get(id_of(g), [])],
                    )
                    for g in ordered
                ],
            )
        )

    totals = _count_results(measures, badges, evaluations)
    child = people[log.child_id]
    reader = audience(access.roles, age_on(child.birth_date, today))
    view = PlanView(
        is_practice=log.is_practice,
        log_id=id_of(log),
        child_first_name=child.first_name,
        child_age=age_on(child.birth_date, today) or 0,
        description=log.description,
        interest_picture=log.interest_picture,
        interest_text=_interest_text(log, lang),
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
        can_write_glimmer=may(access, Action.WRITE_GLIMMER),
        glimmer_intro=translate(lang, f"glimmer.intro.{reader}"),
        glimmer_placeholder=translate(lang, "glimmer.placeholder", name=child.first_name),
        can_read_messages=may(access, Action.READ_MESSAGES),
        can_withdraw_consent=lifecycle.can(LogStatus(log.status), Transition.WITHDRAW)
        and may(access, Action.WITHDRAW_CONSENT),
        can_close=lifecycle.can(LogStatus(log.status), Transition.CLOSE) and may(access, Action.EDIT_PLAN),
        can_print=may(access, Action.PRINT),
        can_own_copy=may(access, Action.OWN_COPY),
        can_read_archive=may(access, Action.READ_ARCHIVE),
        can_export=may(access, Action.EXPORT),
        can_call_meeting=lifecycle.holds_meetings(LogStatus(log.status)) and may(access, Action.EDIT_PLAN),
        audience=reader,
        withdraw_text=translate(
            lang, "consent.withdraw_text.young_person" if reader == "young_person" else "consent.withdraw_text"
        ),
        closing_note=log.closing_note,
        next_meeting=next_meeting_text(session, id_of(log), lang) if log.status == LogStatus.ACTIVE else "",
        notes=[
            NoteView(
                note_id=id_of(n),
                title=n.title,
                text=n.text,
                author=name(n.author_id),
                written=format_short_date(lang, n.created_at.date()),
                written_iso=n.created_at.date().isoformat(),
                attachments=[
                    AttachmentView(
                        name=a.original_name, url=routes.attachment(id_of(a)), size_label=f"{max(1, a.size // 1024)} KB"
                    )
                    for a in files
                ],
            )
            for n, files in notes
        ],
        can_write_note=may(access, Action.WRITE_NOTE),
        is_read_only=log.status == LogStatus.PASSIVE,
        **_relay_state(session, log, access, people, lang),
    )
    return view


def _glimmer_rows(session: Session, log_id: int, limit: int | None) -> list[Glimmer]:
    """The log's newest lysglimt (all with limit None)."""
    query = _GLIMMERS_NEWEST_FIRST if limit is None else _GLIMMERS_SHOWN
    return list(read.of_log(session, log_id, "glimmers", ("glimmers", limit), query, limit=limit))


def _glimmer_views(glimmers: list[Glimmer], people: dict[int, Person], lang: str) -> list[GlimmerView]:
    today = today_in_norway()
    return [
        GlimmerView(
            author=people[g.author_id].first_name,
            text=g.text,
            written=relative_days(lang, g.created_at.date(), today),
            written_iso=g.created_at.date().isoformat(),
        )
        for g in glimmers
        if g.author_id in people
    ]


class _RelayState(TypedDict):
    level_text: str
    can_change_level: bool
    can_remove_participants: bool
    can_propose_handover: bool
    pending_handover: str
    closing_reason_label: str
    is_withdrawn: bool
    can_reopen: bool
    reopen_asked: bool


def _relay_state(
    session: Session, log: StafettLog, access: LogAccess, people: dict[int, Person], lang: str
) -> _RelayState:
    """The level in plain words, a pending handover, and how the log was closed or is reopened."""
    active, passive = log.status == LogStatus.ACTIVE, log.status == LogStatus.PASSIVE
    pending = _pending_handover(session, id_of(log))
    proposed = ""
    if pending is not None:
        to = people.get(pending.to_person_id)
        proposed = translate(lang, "handover.pending_to", name=read.full_name(to)) if to else ""
    reopen_asked = passive and (
        read.first_of_log(session, id_of(log), "people", ("reopen asked",), _REOPEN_ASKED) is not None
    )
    reason = log.closing_reason if passive and log.closing_reason else ""
    return {
        "level_text": translate(lang, f"level.explain.{log.level}") if log.level in range(4) else "",
        "can_change_level": active and may(access, Action.CHANGE_LEVEL),
        "can_remove_participants": active and may(access, Action.REMOVE_PARTICIPANT),
        "can_propose_handover": active and pending is None and may(access, Action.PROPOSE_HANDOVER),
        "pending_handover": proposed,
        "closing_reason_label": translate(lang, f"closing_reason.{reason}") if reason else "",
        "is_withdrawn": reason == ClosingReason.CONSENT_WITHDRAWN,
        "can_reopen": passive and not reopen_asked and may(access, Action.ASK_CONSENT),
        "reopen_asked": reopen_asked,
    }


def _pending_handover(session: Session, log_id: int) -> Handover | None:
    return read.first_of_log(session, log_id, "people", ("pending handover",), _PENDING_HANDOVER)


def _interest_text(log: StafettLog, lang: str) -> str:
    """What the child likes. It is typed in Norwegian; in English the picture's own word is shown
    instead, so the page does not read "Likes å tegne"."""
    if lang == "en" and is_known(log.interest_picture):
        return alt_text(log.interest_picture, lang).lower()
    return log.interest_text


def _main_then_sub(goals: list[Goal]) -> list[Goal]:
    """Each main goal followed by its sub-goals."""
    ordered = []
    for main in (g for g in goals if g.parent_id is None):
        ordered.append(main)
        ordered.extend(g for g in goals if g.parent_id == main.id)
    return ordered


def _count_results(
    measures: Iterable[Measure], badges: dict[int, ev.Badge], evaluations: dict[int, list[Evaluation]]
) -> tuple[int, int, int]:
    """Green, red and not yet evaluated measures; an ended measure counts by its last result."""
    counted = [
        ev.counted_result(badges[id_of(m)], evaluations[id_of(m)][-1].result if evaluations.get(id_of(m)) else None)
        for m in measures
    ]
    return counted.count("green"), counted.count("red"), counted.count("open")


def _people_rows(
    participants: Iterable[Participant],
    people: dict[int, Person],
    units: dict[int, str],
    lang: str,
    roles: set[LogRole],
) -> list[PersonRow]:
    rows = []
    for p in participants:
        if p.role in roles and p.person_id in people:
            person = people[p.person_id]
            label = person.title if p.role in (LogRole.ACTOR, LogRole.HOLDER) and person.title else ""
            rows.append(
                PersonRow(
                    person_id=p.person_id,
                    name=read.full_name(person),
                    role_label=label or translate(lang, f"role.{p.role}"),
                    unit_name=units.get(person.unit_id or 0, ""),
                    is_holder=p.role == LogRole.HOLDER,
                    role=p.role,
                    participant_id=id_of(p),
                )
            )
    return rows


def _consent_view(
    consent: Consent | None,
    entries: Iterable[ConsentEntry],
    proposals: Iterable[ParticipantProposal],
    people: dict[int, Person],
    lang: str,
) -> ConsentView:
    def named(person_id: int, role: str) -> str:
        return f"{read.full_name(people[person_id])} ({translate(lang, f'role.{role}')})"

    waiting = [named(p.person_id, p.role) for p in proposals if p.person_id in people]
    if consent is None or consent.withdrawn_at is not None:
        return ConsentView(on_record=False, proposals=waiting)
    return ConsentView(
        on_record=True,
        version=consent.version,
        given_by=read.full_name(people[consent.given_by_id]),
        given_on=format_short_date(lang, consent.given_at.date()),
        named=[named(e.person_id, e.role) for e in entries if e.person_id in people],
        proposals=waiting,
    )
