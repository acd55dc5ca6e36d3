"""Every form kind in one table: what it is for, its fields, how it opens, what saving it does,
and the message it leaves. The table drives the form host's handlers (stafett_app/forms/host.py),
the dialog (stafett_app/forms/dialog.py) and the catalogue test, so a new form is one entry here.

Opening a form may read from the database (`prepare`) and is refused like any other event when
the person may not; saving runs the use case, which checks the person's rights again.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta

import reflex as rx
from sqlmodel import Session

from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.ids import parse_id
from stafett_app.domain.permissions import Action
from stafett_app.domain.plain_language import Kind as WritingKind
from stafett_app.domain.plan_rules import suggested_evaluation_date
from stafett_app.domain.relay import FormerHolder
from stafett_app.domain.roles import LogRole
from stafett_app.forms import fields
from stafett_app.models import Person
from stafett_app.services import consent_flow, meetings, new_log, notes, participation, plan_edit, relay, relay_view
from stafett_app.services.access import open_log
from stafett_app.services.views import MeasureView, PersonRow, PlanView


@dataclass(frozen=True)
class FormTarget:
    """What a form was opened for: set on the server when it opens, never sent by the browser."""

    log_id: int
    target_id: int = 0
    parent_id: int = 0
    # Made when the form opens (forms/host.py): a double tap or a resend after a reconnect saves once.
    request_key: str = ""


@dataclass
class Opened:
    """What `prepare` gives the dialog: the starting values and the choices it offers."""

    values: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[PersonRow]] = field(default_factory=dict)  # responsible, participant, invitee, holder
    choices: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # concern: (id, text)
    needs_reason: bool = False


@dataclass(frozen=True)
class OpenContext:
    session: Session
    person: Person
    target: FormTarget
    lang: str
    plan: PlanView | None  # the plan the page shows, where it shows one


# A use case returns None for the kind's own saved message, or another message key.
UseCase = Callable[[Session, Person, FormTarget, dict[str, str]], str | None]


@dataclass(frozen=True)
class FormKind:
    key: str
    fields: Callable[[type], rx.Component]
    save: UseCase | None = None  # None: the form is an upload, saved by its upload handler
    prepare: Callable[[OpenContext], Opened] | None = None
    writing: WritingKind = WritingKind.COMMENT  # which writing help its text fields get
    refreshes_meetings: bool = False

    @property
    def heading_key(self) -> str:
        return f"form.{self.key}.heading"

    @property
    def saved_key(self) -> str:
        return f"saved.{self.key}"


def _plan(ctx: OpenContext) -> PlanView:
    if ctx.plan is None:
        raise PermissionDenied()
    return ctx.plan


def _concern_values(ctx: OpenContext) -> Opened:
    concern = next((c for c in _plan(ctx).concerns if c.concern_id == ctx.target.target_id), None)
    if concern is None:
        raise PermissionDenied()
    return Opened(
        {
            "text": concern.text,
            "category": concern.category,
            "shared_understanding": concern.shared_understanding,
            "pupil_view": concern.pupil_view,
        }
    )


def _goal_values(ctx: OpenContext) -> Opened:
    goals = (g for c in _plan(ctx).concerns for g in c.goals)
    goal = next((g for g in goals if g.goal_id == ctx.target.target_id), None)
    if goal is None:
        raise PermissionDenied()
    return Opened({"text": goal.text})


def _measure_on_page(ctx: OpenContext) -> MeasureView:
    measures = (m for c in _plan(ctx).concerns for g in c.goals for m in g.measures)
    measure = next((m for m in measures if m.measure_id == ctx.target.target_id), None)
    if measure is None:
        raise PermissionDenied()
    return measure


def _new_measure(ctx: OpenContext) -> Opened:
    candidates = plan_edit.responsible_options(ctx.session, ctx.person, ctx.target.log_id)
    today = today_in_norway()
    values = {
        "start_date": today.isoformat(),
        "evaluation_date": suggested_evaluation_date(today).isoformat(),
        "arena": "service",
        "responsible_id": str(ctx.person.id),
    }
    return Opened(values, options={"responsible": candidates})


def _edit_measure(ctx: OpenContext) -> Opened:
    measure = _measure_on_page(ctx)
    return Opened(
        {"title": measure.title, "description": measure.description}, needs_reason=not measure.freely_editable
    )


def _new_participant(ctx: OpenContext) -> Opened:
    options = participation.staff_to_add(ctx.session, ctx.person, ctx.target.log_id)
    return Opened({"role": LogRole.ACTOR.value}, options={"participant": options})


def _invitees(ctx: OpenContext) -> list[PersonRow]:
    plan = _plan(ctx)
    return [*plan.family, *plan.professionals]


def _new_meeting(ctx: OpenContext) -> Opened:
    next_week = today_in_norway() + timedelta(days=7)
    values = {
        "date": next_week.isoformat(),
        "time": "14:00",
        "duration": "60",
        "agenda": meetings.agenda_template(ctx.lang, 60),
    }
    return Opened(values, options={"invitee": _invitees(ctx)})


def _edit_meeting(ctx: OpenContext) -> Opened:
    values = meetings.form_values(ctx.session, ctx.person, ctx.target.target_id)
    return Opened(values, options={"invitee": _invitees(ctx)})


def _photo(ctx: OpenContext) -> Opened:
    """The upload dialog opens only for someone who may add the photo (the file is checked again)."""
    plan_edit.open_measure(ctx.session, ctx.person, ctx.target.log_id, ctx.target.target_id, Action.EDIT_PLAN)
    return Opened()


def _attachment(ctx: OpenContext) -> Opened:
    notes.check_may_attach(ctx.session, ctx.person, ctx.target.log_id, ctx.target.target_id)
    return Opened()


def _evaluation(ctx: OpenContext) -> Opened:
    # The next date is suggested, so evaluating in a meeting takes a few taps (ignored when the measure ends).
    today = today_in_norway()
    return Opened(
        {"evaluated_on": today.isoformat(), "next_evaluation_date": suggested_evaluation_date(today).isoformat()}
    )


def _own(call: Callable[[Session, Person, FormTarget, dict[str, str]], object]) -> UseCase:
    """A use case that leaves the kind's own saved message."""

    def save(session: Session, person: Person, to: FormTarget, form: dict[str, str]) -> str | None:
        call(session, person, to, form)
        return None

    return save


def _change_measure(session: Session, person: Person, to: FormTarget, form: dict[str, str]) -> str | None:
    corrected = plan_edit.change_measure(session, person, to.log_id, form, measure_id=to.target_id)
    return "saved.correction" if corrected else None


def _add_participant(session: Session, person: Person, to: FormTarget, form: dict[str, str]) -> str | None:
    try:
        new_person_id, role = parse_id(form.get("person_id", "")), LogRole(form.get("role", ""))
        if new_person_id is None:
            raise ValueError("not a person id")
    except ValueError:
        raise ValidationFailed({"person_id": "error.choose_one"}) from None
    added = participation.add_participant(session, person, to.log_id, new_person_id, role)
    # Saved as a proposal: the dialog stays and says why the person is not in yet.
    return "proposed.participant" if added == participation.Added.PROPOSED else None


# --- The start of the relay ------------------------------------------------------------------


def _opens(action: Action) -> Callable[[OpenContext], Opened]:
    """A start step's form opens only for someone its use case will let through."""

    def prepare(ctx: OpenContext) -> Opened:
        open_log(ctx.session, ctx.person, ctx.target.log_id, action)
        return Opened()

    return prepare


def _observation(ctx: OpenContext) -> Opened:
    open_log(ctx.session, ctx.person, ctx.target.log_id, Action.ADD_OBSERVATION)
    return Opened({"kind": "observation", "observed_on": today_in_norway().isoformat()})


def _staff_to_name(ctx: OpenContext) -> Opened:
    """Everyone the holder may name, the holder first and already in the holder's role."""
    rows = consent_flow.staff_to_name(ctx.session, ctx.person, ctx.target.log_id)
    me = [replace(r, is_holder=True, role=LogRole.HOLDER.value) for r in rows if r.person_id == ctx.person.id]
    return Opened(options={"participant": me + [r for r in rows if r.person_id != ctx.person.id]})


def _ask_consent(session: Session, person: Person, to: FormTarget, form: dict[str, str]) -> str | None:
    named = []
    for key, role in form.items():
        if not key.startswith("role_") or not role:
            continue
        try:
            named.append(consent_flow.Named(int(key[5:]), LogRole(role), form.get(f"why_{key[5:]}", "")))
        except ValueError:
            raise ValidationFailed({"named": "error.choose_one"}) from None
    consent_flow.ask_consent(session, person, to.log_id, named, request_key=to.request_key or None)
    return None


def _introduction(ctx: OpenContext) -> Opened:
    plan = _plan(ctx)
    values = {
        "description": plan.description,
        "interest_text": plan.interest_text,
        "interest_picture": plan.interest_picture,
    }
    return Opened(values, options={"picture": []})


def _activation(ctx: OpenContext) -> Opened:
    open_log(ctx.session, ctx.person, ctx.target.log_id, Action.ACTIVATE)
    return _introduction(ctx)


def _edit_introduction(ctx: OpenContext) -> Opened:
    open_log(ctx.session, ctx.person, ctx.target.log_id, Action.EDIT_PLAN)
    return _introduction(ctx)


# --- The relay's middle and end: level, removal, handover, closing, reopening ----------------


def _level(ctx: OpenContext) -> Opened:
    return Opened({"level": str(relay_view.level_choices(ctx.session, ctx.person, ctx.target.log_id))})


def _participant_on_page(ctx: OpenContext) -> Opened:
    """Removing someone starts from a person the page shows; the service checks the row again."""
    plan = _plan(ctx)
    row = next((r for r in [*plan.holders, *plan.professionals] if r.participant_id == ctx.target.target_id), None)
    if row is None or not plan.can_remove_participants:
        raise PermissionDenied()
    return Opened({"name": row.name})


def _handover(ctx: OpenContext) -> Opened:
    plan = _plan(ctx)
    candidates = relay_view.handover_candidates(ctx.session, ctx.person, ctx.target.log_id)
    concerns = [(str(c.concern_id), c.text) for c in plan.concerns]
    # Every concern goes along unless the holder takes it out.
    values = {"former": FormerHolder.ACTOR.value, **{f"concern_{c}": "on" for c, _ in concerns}}
    return Opened(values, options={"holder": candidates}, choices={"concern": concerns})


def _propose_handover(session: Session, person: Person, to: FormTarget, form: dict[str, str]) -> str | None:
    chosen = [key.removeprefix("concern_") for key, value in form.items() if key.startswith("concern_") and value]
    relay.propose_handover(session, person, to.log_id, {**form, "concern_ids": chosen})
    return None


def _reopen(ctx: OpenContext) -> Opened:
    if not _plan(ctx).can_reopen:
        raise PermissionDenied()
    return Opened()


RELAY_FORM_KINDS: tuple[FormKind, ...] = (
    FormKind(
        "level",
        fields.level_fields,
        _own(lambda s, p, to, f: relay.change_level(s, p, to.log_id, f.get("level", ""), f.get("reason", ""))),
        _level,
    ),
    FormKind(
        "remove_participant",
        fields.remove_participant_fields,
        _own(lambda s, p, to, f: relay.remove_participant(s, p, to.log_id, to.target_id, f.get("reason", ""))),
        _participant_on_page,
    ),
    FormKind("handover", fields.handover_fields, _propose_handover, _handover),
    FormKind(
        "reopen", fields.reopen_fields, _own(lambda s, p, to, f: relay_view.ask_to_reopen(s, p, to.log_id)), _reopen
    ),
)

FORM_KINDS: tuple[FormKind, ...] = (
    FormKind(
        "concern",
        fields.concern_fields,
        _own(lambda s, p, to, f: plan_edit.add_concern(s, p, to.log_id, f, request_key=to.request_key or None)),
        writing=WritingKind.CONCERN,
    ),
    FormKind(
        "edit_concern",
        fields.concern_fields,
        _own(lambda s, p, to, f: plan_edit.edit_concern(s, p, to.log_id, f, concern_id=to.target_id)),
        _concern_values,
        WritingKind.CONCERN,
    ),
    FormKind(
        "goal",
        fields.goal_fields,
        _own(
            lambda s, p, to, f: plan_edit.add_goal(
                s, p, to.log_id, f, concern_id=to.target_id, request_key=to.request_key or None
            )
        ),
        writing=WritingKind.GOAL,
    ),
    FormKind(
        "subgoal",
        fields.goal_fields,
        _own(
            lambda s, p, to, f: plan_edit.add_goal(
                s,
                p,
                to.log_id,
                f,
                concern_id=to.target_id,
                parent_goal_id=to.parent_id,
                request_key=to.request_key or None,
            )
        ),
        writing=WritingKind.GOAL,
    ),
    FormKind(
        "edit_goal",
        fields.goal_fields,
        _own(lambda s, p, to, f: plan_edit.edit_goal(s, p, to.log_id, f, goal_id=to.target_id)),
        _goal_values,
        WritingKind.GOAL,
    ),
    FormKind(
        "measure",
        fields.measure_fields,
        _own(
            lambda s, p, to, f: plan_edit.add_measure(
                s, p, to.log_id, f, goal_id=to.target_id, request_key=to.request_key or None
            )
        ),
        _new_measure,
        WritingKind.MEASURE,
    ),
    FormKind("edit_measure", fields.edit_measure_fields, _change_measure, _edit_measure, WritingKind.MEASURE),
    FormKind(
        "comment",
        fields.comment_fields,
        _own(
            lambda s, p, to, f: plan_edit.add_comment(
                s, p, to.log_id, f, measure_id=to.target_id, request_key=to.request_key or None
            )
        ),
    ),
    FormKind(
        "evaluate",
        fields.evaluation_fields,
        _own(
            lambda s, p, to, f: plan_edit.evaluate_measure(
                s, p, to.log_id, f, measure_id=to.target_id, request_key=to.request_key or None
            )
        ),
        _evaluation,
    ),
    FormKind("participant", fields.participant_fields, _add_participant, _new_participant),
    FormKind(
        "meeting",
        fields.meeting_fields,
        _own(lambda s, p, to, f: meetings.call_meeting(s, p, to.log_id, f, request_key=to.request_key or None)),
        _new_meeting,
        refreshes_meetings=True,
    ),
    FormKind(
        "edit_meeting",
        fields.meeting_fields,
        _own(lambda s, p, to, f: meetings.change_meeting(s, p, to.target_id, f)),
        _edit_meeting,
        refreshes_meetings=True,
    ),
    FormKind(
        "note",
        fields.note_fields,
        _own(lambda s, p, to, f: notes.add_note(s, p, to.log_id, f, request_key=to.request_key or None)),
    ),
    FormKind(
        "close_log",
        fields.close_fields,
        _own(lambda s, p, to, f: relay.close_log(s, p, to.log_id, f)),
    ),
    FormKind("photo", fields.photo_fields, prepare=_photo),
    FormKind("attachment", fields.attachment_fields, prepare=_attachment),
    FormKind(
        "observation",
        fields.observation_fields,
        _own(lambda s, p, to, f: new_log.add_observation(s, p, to.log_id, f, request_key=to.request_key or None)),
        _observation,
    ),
    FormKind(
        "guardian",
        fields.guardian_fields,
        _own(lambda s, p, to, f: new_log.register_guardian(s, p, to.log_id, f, request_key=to.request_key or None)),
        _opens(Action.REGISTER_FAMILY),
    ),
    FormKind(
        "young_person",
        fields.young_person_fields,
        _own(lambda s, p, to, f: new_log.register_young_person(s, p, to.log_id, f)),
        _opens(Action.REGISTER_FAMILY),
    ),
    FormKind("ask_consent", fields.ask_consent_fields, _ask_consent, _staff_to_name),
    FormKind("paper_consent", fields.paper_consent_fields, prepare=_opens(Action.ASK_CONSENT)),
    FormKind(
        "activate",
        fields.introduction_fields,
        _own(lambda s, p, to, f: relay.activate(s, p, to.log_id, f)),
        _activation,
        WritingKind.COMMENT,
    ),
    FormKind(
        "edit_introduction",
        fields.introduction_fields,
        _own(lambda s, p, to, f: relay.edit_introduction(s, p, to.log_id, f)),
        _edit_introduction,
    ),
    FormKind(
        "discard_draft",
        fields.discard_fields,
        _own(lambda s, p, to, f: new_log.discard_draft(s, p, to.log_id, f.get("summary", ""))),
        _opens(Action.DISCARD_DRAFT),
    ),
    *RELAY_FORM_KINDS,
)

FORMS: dict[str, FormKind] = {kind.key: kind for kind in FORM_KINDS}
