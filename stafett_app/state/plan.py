"""The plan page: overview and tree of one log, and the forms that change it.

Which form is open and what it targets live in backend-only vars (`_form_kind`, `_target_id`),
set by the open_* handlers; the services check the person's rights again on submit, so a
crafted event with another log's id is refused there.
"""

from datetime import timedelta

import reflex as rx

from stafett_app import routes
from stafett_app.db import session_scope
from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.errors import DomainError, PermissionDenied, ValidationFailed
from stafett_app.domain.plain_language import Kind as WritingKind
from stafett_app.domain.plan_rules import SUGGESTED_EVALUATION_AFTER
from stafett_app.domain.roles import LogRole, PersonKind
from stafett_app.i18n import translate, translate_all
from stafett_app.models import Person
from stafett_app.pictures import PICTURES, alt_text
from stafett_app.services import meetings, notes, participation, photos, plan_edit
from stafett_app.services.family_view import child_view, family_view
from stafett_app.services.plan_view import load_people, plan_for
from stafett_app.services.views import ChildView, ConsentView, FamilyView, PersonRow, PlanView
from stafett_app.services.writing_help import SmartRow, smart_rows, writing_hints
from stafett_app.state.minutes import MinutesState
from stafett_app.state.session import SessionState, notify_refused, notify_saved

GLIMMER_INPUT_ID = "glimmer-text"

# Which fields get writing help, and what kind of text each form holds.
WRITING_FIELDS = {"text", "title", "description", "shared_understanding"}
WRITING_KINDS = {
    "concern": WritingKind.CONCERN,
    "edit_concern": WritingKind.CONCERN,
    "goal": WritingKind.GOAL,
    "subgoal": WritingKind.GOAL,
    "edit_goal": WritingKind.GOAL,
    "measure": WritingKind.MEASURE,
    "edit_measure": WritingKind.MEASURE,
}


def _as_int(raw) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationFailed({"person_id": "error.choose_one"}) from None


def _as_role(raw) -> LogRole:
    try:
        return LogRole(raw)
    except ValueError:
        raise ValidationFailed({"role": "error.choose_one"}) from None


def _empty_plan() -> PlanView:
    return PlanView(
        log_id=0,
        child_first_name="",
        child_age=0,
        description="",
        interest_picture="",
        interest_text="",
        level=0,
        status="",
        status_label="",
        holders=[],
        family=[],
        professionals=[],
        consent=ConsentView(on_record=False),
        concerns=[],
        green=0,
        red=0,
        not_evaluated=0,
        overdue=0,
        can_edit_plan=False,
        can_manage_participants=False,
        can_consent=False,
        is_read_only=True,
    )


def _empty_family() -> FamilyView:
    return FamilyView(
        heading="", addressed_to_young_person=False, working_on=[], working_on_spoken="", groups=[], latest=[]
    )


def _empty_child() -> ChildView:
    return ChildView(greeting="", interest_picture="", interest_text="", my_cards=[], home_cards=[])


class PlanState(SessionState):
    """One log, shown three ways: the plan for staff, the family view and the child view."""

    plan: PlanView = _empty_plan()
    family: FamilyView = _empty_family()
    child: ChildView = _empty_child()
    loaded: bool = False

    # The one form dialog of the page.
    form_open: bool = False
    form_kind: str = ""  # mirror of _form_kind, for rendering only
    form_heading: str = ""
    form_values: dict[str, str] = {}
    form_errors: dict[str, str] = {}
    form_needs_reason: bool = False
    responsible_options: list[PersonRow] = []
    participant_options: list[PersonRow] = []
    # Writing help while staff type: plain-language hints per field, and the SMART checklist.
    writing_hints: dict[str, list[str]] = {}
    smart_items: list[SmartRow] = []
    _is_staff: bool = False
    glimmer_error: str = ""

    @rx.var
    def picture_options(self) -> list[tuple[str, str]]:
        """The picture set as (key, alt text) in the person's language, alphabetically."""
        return sorted(((p.key, alt_text(p.key, self.lang)) for p in PICTURES), key=lambda option: option[1])

    _log_id: int = 0
    _form_kind: str = ""
    _target_id: int = 0
    _parent_id: int = 0

    def _route_log_id(self) -> int | None:
        try:
            return int(self.log_id)  # dynamic route argument of /logs/[log_id]
        except (TypeError, ValueError):
            return None

    def _refresh(self, person: Person) -> None:
        with session_scope() as session:
            self.plan = plan_for(session, person, self._log_id, self.lang)
        self.family = family_view(self.plan, person.id, self.lang)  # type: ignore[arg-type]
        self.child = child_view(self.plan, self.lang)

    @rx.event
    def load(self):
        self.loaded = False
        self.form_open = False
        person = self._page_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        self._is_staff = person.kind == PersonKind.STAFF
        log_id = self._route_log_id()
        try:
            if log_id is None:
                raise PermissionDenied()
            self._log_id = log_id
            self._refresh(person)
        except PermissionDenied:
            self._log_id = 0
            self.plan, self.family, self.child = _empty_plan(), _empty_family(), _empty_child()
            return rx.redirect(routes.NO_ACCESS)
        self.loaded = True

    # --- opening a form -------------------------------------------------------------------

    def _open(self, kind: str, target_id: int = 0, *, parent_id: int = 0, values: dict | None = None) -> None:
        self._form_kind, self._target_id, self._parent_id = kind, target_id, parent_id
        self.form_kind = kind
        self.form_heading = translate(self.lang, f"form.{kind}.heading")
        self.form_values = values or {}
        self.form_errors = {}
        self.form_needs_reason = False
        self.writing_hints, self.smart_items = {}, []
        self.form_open = True

    @rx.event
    def open_concern_form(self):
        self._open("concern")

    @rx.event
    def open_goal_form(self, concern_id: int):
        self._open("goal", int(concern_id))

    @rx.event
    def open_subgoal_form(self, concern_id: int, main_goal_id: int):
        self._open("subgoal", int(concern_id), parent_id=int(main_goal_id))

    @rx.event
    def open_edit_concern(self, concern_id: int):
        concern = next((c for c in self.plan.concerns if c.concern_id == int(concern_id)), None)
        if concern is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        values = {
            "text": concern.text,
            "category": concern.category,
            "shared_understanding": concern.shared_understanding,
        }
        self._open("edit_concern", concern.concern_id, values=values)

    @rx.event
    def open_edit_goal(self, goal_id: int):
        goal = next((g for c in self.plan.concerns for g in c.goals if g.goal_id == int(goal_id)), None)
        if goal is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        self._open("edit_goal", goal.goal_id, values={"text": goal.text})

    @rx.event
    def set_goal_reached(self, goal_id: int, reached: bool):
        def mark(session, person):
            plan_edit.set_goal_reached(session, person, self._log_id, goal_id=int(goal_id), reached=bool(reached))

        return self._act(mark, "saved.goal_reached" if reached else "saved.goal_reopened")

    def _act(self, use_case, saved_key: str):
        """Run a one-click use case for the signed-in person, then show the plan again."""
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            with session_scope() as session:
                use_case(session, person)
        except DomainError as refused:  # no access, or the log cannot move that way any more
            return notify_refused(translate(self.lang, refused.key))
        self._refresh(person)
        return notify_saved(translate(self.lang, saved_key))

    @rx.event
    def open_measure_form(self, goal_id: int):
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        with session_scope() as session:
            ids = plan_edit.responsible_candidates(session, self._log_id)
            people = load_people(session, set(ids))
        self.responsible_options = [
            PersonRow(person_id=pid, name=f"{p.first_name} {p.last_name}", role_label="") for pid, p in people.items()
        ]
        today = today_in_norway()
        self._open(
            "measure",
            int(goal_id),
            values={
                "start_date": today.isoformat(),
                "evaluation_date": (today + SUGGESTED_EVALUATION_AFTER).isoformat(),
                "arena": "service",
                "responsible_id": str(person.id),
            },
        )

    @rx.event
    def open_edit_measure(self, measure_id: int):
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        measure = self._measure_on_page(int(measure_id))
        if measure is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        self._open(
            "edit_measure", measure.measure_id, values={"title": measure.title, "description": measure.description}
        )
        self.form_needs_reason = not measure.freely_editable

    @rx.event
    def open_participant_form(self):
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            with session_scope() as session:
                self.participant_options = participation.staff_to_add(session, person, self._log_id)
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        self._open("participant", values={"role": LogRole.ACTOR.value})

    @rx.event
    def give_consent(self):
        """The family consents to the proposed participants (a new consent version)."""
        return self._act(
            lambda session, person: participation.consent_to_proposals(session, person, self._log_id), "saved.consent"
        )

    @rx.event
    def withdraw_consent(self):
        """The family takes its consent back, without a reason: the log closes at once."""
        return self._act(
            lambda session, person: participation.withdraw_consent(session, person, self._log_id),
            "saved.consent_withdrawn",
        )

    @rx.event
    def open_close_form(self):
        self._open("close_log")

    @rx.event
    def open_meeting_form(self):
        next_week = today_in_norway() + timedelta(days=7)
        values = {
            "date": next_week.isoformat(),
            "time": "14:00",
            "duration": "60",
            "agenda": meetings.agenda_template(self.lang, 60),
        }
        self._open("meeting", values=values)

    @rx.event
    def open_edit_meeting(self, meeting_id: int):
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            with session_scope() as session:
                values = meetings.form_values(session, person, int(meeting_id))
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        self._open("edit_meeting", int(meeting_id), values=values)

    @rx.event
    def open_note_form(self):
        self._open("note")

    @rx.event
    def open_attachment_form(self, note_id: int):
        self._open("attachment", int(note_id))

    @rx.event
    async def upload_attachment(self, files: list[rx.UploadFile]):
        """A PDF for the note the attachment form was opened for."""
        if (upload := await self._uploaded("attachment", files, "error.pdf_empty")) is None:
            return None
        raw, filename = upload
        return self._upload(
            lambda session, person: notes.attach_pdf(
                session, person, self._log_id, raw, filename, note_id=self._target_id
            ),
            "saved.attachment",
        )

    @rx.event
    def open_photo_form(self, measure_id: int):
        self._open("photo", int(measure_id))

    @rx.event
    async def upload_photo(self, files: list[rx.UploadFile]):
        """The holder adds a photo to the measure the photo form was opened for."""
        if (upload := await self._uploaded("photo", files, "error.photo_empty")) is None:
            return None
        raw, _name = upload
        return self._upload(
            lambda session, person: photos.attach_measure_photo(
                session, person, self._log_id, raw, measure_id=self._target_id
            ),
            "saved.photo",
        )

    async def _uploaded(self, kind: str, files: list[rx.UploadFile], empty_key: str) -> tuple[bytes, str] | None:
        """The first file, when the open dialog is the one for `kind`; otherwise the error shows there."""
        if self._form_kind != kind or not files:
            self.form_errors = {kind: translate(self.lang, empty_key)}
            return None
        return await files[0].read(), files[0].filename or ""

    def _upload(self, store, saved_key: str):
        """Store an uploaded file through its use case; errors stay in the open dialog."""
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            with session_scope() as session:
                store(session, person)
        except ValidationFailed as failure:
            self.form_errors = translate_all(self.lang, failure.errors)
            return
        except PermissionDenied:
            self.form_open = False
            return notify_refused(translate(self.lang, "error.no_access"))
        self.form_open = False
        self._refresh(person)
        return notify_saved(translate(self.lang, saved_key))

    @rx.event
    def add_glimmer(self, form_data: dict):
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            with session_scope() as session:
                plan_edit.add_glimmer(session, person, self._log_id, {"text": str(form_data.get("text", ""))})
        except ValidationFailed as failure:
            self.glimmer_error = translate(self.lang, failure.errors["text"])
            return
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        self.glimmer_error = ""
        self._refresh(person)
        return [rx.set_value(GLIMMER_INPUT_ID, ""), notify_saved(translate(self.lang, "saved.glimmer"))]

    @rx.event
    def open_comment_form(self, measure_id: int):
        self._open("comment", int(measure_id))

    @rx.event
    def open_evaluation_form(self, measure_id: int):
        self._open("evaluate", int(measure_id), values={"evaluated_on": today_in_norway().isoformat()})

    @rx.event
    def check_writing(self, field: str, text: str):
        """Point out wording that is hard for a family to read. Suggestions only: nothing is blocked."""
        if not self._is_staff or field not in WRITING_FIELDS:
            return
        kind = WRITING_KINDS.get(self._form_kind, WritingKind.COMMENT)
        text = str(text)[:5000]
        self.writing_hints = {**self.writing_hints, field: writing_hints(text, kind, self.lang)}
        if kind == WritingKind.GOAL:
            self.smart_items = smart_rows(text, self.lang)

    @rx.event
    def close_form(self):
        self.form_open = False

    @rx.event
    def set_form_open(self, is_open: bool):
        self.form_open = bool(is_open)

    def _measure_on_page(self, measure_id: int):
        for concern in self.plan.concerns:
            for goal in concern.goals:
                for measure in goal.measures:
                    if measure.measure_id == measure_id:
                        return measure
        return None

    # --- submitting -------------------------------------------------------------------------

    def _apply(self, session, person: Person, form: dict) -> str:
        """Run the form's use case; return the translation key of the success message."""
        kind, target, log_id = self._form_kind, self._target_id, self._log_id
        if kind == "concern":
            plan_edit.add_concern(session, person, log_id, form)
        elif kind == "goal":
            plan_edit.add_goal(session, person, log_id, form, concern_id=target)
        elif kind == "subgoal":
            plan_edit.add_goal(session, person, log_id, form, concern_id=target, parent_goal_id=self._parent_id)
        elif kind == "edit_concern":
            plan_edit.edit_concern(session, person, log_id, form, concern_id=target)
        elif kind == "edit_goal":
            plan_edit.edit_goal(session, person, log_id, form, goal_id=target)
        elif kind == "measure":
            plan_edit.add_measure(session, person, log_id, form, goal_id=target)
        elif kind == "edit_measure":
            if plan_edit.change_measure(session, person, log_id, form, measure_id=target):
                return "saved.correction"
        elif kind == "comment":
            plan_edit.add_comment(session, person, log_id, form, measure_id=target)
        elif kind == "evaluate":
            plan_edit.evaluate_measure(session, person, log_id, form, measure_id=target)
        elif kind == "note":
            notes.add_note(session, person, log_id, form)
        elif kind == "meeting":
            meetings.call_meeting(session, person, log_id, form)
        elif kind == "close_log":
            participation.close(session, person, log_id, form.get("closing_note", ""))
        elif kind == "edit_meeting":
            meetings.change_meeting(session, person, target, form)
        elif kind == "participant":
            added = participation.add_participant(
                session, person, log_id, _as_int(form.get("person_id")), _as_role(form.get("role"))
            )
            if added == participation.Added.PROPOSED:
                return "proposed.participant"
        else:
            raise PermissionDenied()
        return f"saved.{kind}"

    @rx.event
    def submit_form(self, form_data: dict):
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        form = {key: str(value) for key, value in form_data.items()}
        self.form_values = form  # what was typed stays, whatever happens next
        try:
            with session_scope() as session:
                message = self._apply(session, person, form)
        except ValidationFailed as failure:
            self.form_errors = translate_all(self.lang, failure.errors)
            return
        except PermissionDenied:
            self.form_open = False
            return notify_refused(translate(self.lang, "error.no_access"))
        except DomainError as failure:
            self.form_errors = {"_form": translate(self.lang, failure.key)}
            return
        self._refresh(person)
        if message.startswith("proposed."):
            # Saved as a proposal: the dialog stays and says why the person is not in yet.
            self.form_errors = {"_form": translate(self.lang, message)}
            return
        self.form_open = False
        self.form_errors = {}
        if self._form_kind in ("meeting", "edit_meeting"):
            return [notify_saved(translate(self.lang, message)), MinutesState.load]  # the meetings list shows it
        return notify_saved(translate(self.lang, message))
