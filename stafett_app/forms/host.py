"""A page that hosts forms from the registry: one dialog, opened on the server for one target.

Which form is open and what it targets live in backend-only vars, set when the form opens; the
browser sends only the typed values. A page lists the kinds it offers (`_offered_kinds`): a crafted
event for any other kind, or for a form that is not open, is refused.
"""

import re
from dataclasses import replace
from uuid import uuid4

import reflex as rx
from sqlmodel import Session

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.plan_rules import RESPONSIBLE_ROLES
from stafett_app.forms.registry import FORMS, FormKind, FormTarget, OpenContext, Opened
from stafett_app.i18n import translate
from stafett_app.models import Person
from stafett_app.pictures import PICTURES, alt_text
from stafett_app.services import drafts
from stafett_app.services.drafts import DraftKey
from stafett_app.services.views import PersonRow, PlanView
from stafett_app.services.writing_help import SmartRow, smart_rows, writing_hints
from stafett_app.state.ids import checked_ids
from stafett_app.state.log_page import GlimmerPage, Shown
from stafett_app.state.session import notify_refused, notify_saved

# A field name the draft keeps (the browser names the field; anything else is ignored).
FIELD_NAME = re.compile(r"[a-z_]{1,40}")

# Which fields get writing help.
WRITING_FIELDS = frozenset(
    {"text", "title", "description", "shared_understanding", "agenda", "closing_note", "reason", "pupil_view"}
)


class FormHost(GlimmerPage, mixin=True):
    form_open: bool = False
    form_kind: str = ""  # mirror of _form_kind, for rendering only
    form_heading: str = ""
    form_values: dict[str, str] = {}
    form_errors: dict[str, str] = {}
    form_needs_reason: bool = False
    form_hint: str = ""  # the line under the heading: staff are reminded to read aloud, families are not
    # Choices a form offers, filled only while that form is open.
    responsible_options: list[PersonRow] = []
    participant_options: list[PersonRow] = []
    invitee_options: list[PersonRow] = []
    holder_options: list[PersonRow] = []  # who may be proposed as the new holder
    concern_options: list[tuple[str, str]] = []  # (concern id, text): which concerns go along
    picture_options: list[tuple[str, str]] = []
    # Writing help while staff type: plain-language hints per field, and the SMART checklist.
    writing_hints: dict[str, list[str]] = {}
    smart_items: list[SmartRow] = []
    # The open form came back with text the person typed before (kept on the server as typed).
    form_restored: bool = False
    # An unfinished form in this log, offered on the page after a new sign-in.
    draft_offer_heading: str = ""

    _draft_offer: tuple[str, int, int] = ("", 0, 0)  # kind, target, parent
    _form_kind: str = ""
    _target_id: int = 0
    _parent_id: int = 0
    _is_staff: bool = False
    # One key per opened form, passed to every create (services/request_keys.py): a double tap, or
    # the same event sent again after a reconnect, makes one row.
    _request_key: str = ""
    _responsible_all: list[PersonRow] = []  # everyone who can carry a measure; shown filtered by arena

    @classmethod
    def _offered_kinds(cls) -> frozenset[str]:
        """The form kinds this page offers (a method: Reflex would make a class attribute a var)."""
        return frozenset()

    def _plan_for_forms(self) -> PlanView | None:
        """The plan the page shows, for forms that start from what is on the page."""
        return None

    def _after_saved(self, kind: FormKind) -> list:
        """Events to send after a save, besides the toast (e.g. reload another part of the page)."""
        return []

    def _refused(self) -> None:
        self.form_open = False

    def _kind(self) -> FormKind | None:
        return FORMS.get(self._form_kind) if self._form_kind in self._offered_kinds() else None

    @rx.event
    @checked_ids
    async def open_form(self, kind_key: str, target_id: int = 0, parent_id: int = 0):
        kind = FORMS.get(str(kind_key)) if str(kind_key) in self._offered_kinds() else None
        if kind is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        try:
            target = FormTarget(self._log_id, int(target_id), int(parent_id))
        except (TypeError, ValueError):
            return notify_refused(translate(self.lang, "error.no_access"))
        person = await self._signed_in_person()
        if person is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        lang, plan, draft_key = self.lang, self._plan_for_forms(), self._draft_key(kind, target)

        def prepare(session: Session) -> tuple[Opened, dict[str, str]]:
            opened = kind.prepare(OpenContext(session, person, target, lang, plan)) if kind.prepare else Opened()
            return opened, drafts.draft_values(session, person, draft_key)

        try:
            opened, kept = await self._db(prepare)
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        if kept:
            opened = replace(opened, values={**opened.values, **kept})
        self._show_form(kind, target, opened)
        self.form_restored = bool(kept)
        return None

    def _draft_key(self, kind: FormKind, target: FormTarget) -> DraftKey:
        return DraftKey(kind.key, target.log_id, target.target_id, target.parent_id)

    def _open_draft_key(self) -> DraftKey | None:
        """The draft of the form open now, if one is open (the kind and target were set on the server)."""
        kind = self._kind()
        if kind is None or kind.save is None or not self.form_open:
            return None
        return self._draft_key(kind, FormTarget(self._log_id, self._target_id, self._parent_id))

    def _draft_offered(self, session: Session, person: Person) -> Shown:
        """For the page's _show: the newest unfinished form of this person in this log."""
        key = drafts.latest_in_log(session, person, self._log_id, self._offered_kinds())
        return {
            "_draft_offer": (key.kind, key.target_id, key.parent_id) if key else ("", 0, 0),
            "draft_offer_heading": translate(self.lang, FORMS[key.kind].heading_key) if key else "",
        }

    @rx.event
    async def resume_draft(self):
        kind, target_id, parent_id = self._draft_offer
        if not kind:
            return None
        self.draft_offer_heading = ""
        return await self.open_form(kind, target_id, parent_id)

    @rx.event
    async def discard_draft(self):
        kind, target_id, parent_id = self._draft_offer
        if kind:
            key = DraftKey(kind, self._log_id, target_id, parent_id)
            await self._as_signed_in(lambda session, person: drafts.forget(session, person, key))
        self._draft_offer, self.draft_offer_heading = ("", 0, 0), ""

    def _show_form(self, kind: FormKind, target: FormTarget, opened: Opened) -> None:
        self._form_kind, self._target_id, self._parent_id = kind.key, target.target_id, target.parent_id
        self._request_key = uuid4().hex
        self.form_kind = kind.key
        self.form_heading = translate(self.lang, kind.heading_key)
        self.form_values = opened.values
        self.form_errors = {}
        self.form_needs_reason = opened.needs_reason
        self.form_hint = translate(self.lang, "form.description" if self._is_staff else "form.description_family")
        self._responsible_all = opened.options.get("responsible", [])
        self._show_responsible(opened.values.get("arena", ""))
        self.participant_options = opened.options.get("participant", [])
        self.invitee_options = opened.options.get("invitee", [])
        self.holder_options = opened.options.get("holder", [])
        self.concern_options = opened.choices.get("concern", [])
        self.picture_options = (
            sorted(((p.key, alt_text(p.key, self.lang)) for p in PICTURES), key=lambda option: option[1])
            if "responsible" in opened.options or "picture" in opened.options
            else []
        )
        self.writing_hints, self.smart_items = {}, []
        self.form_open = True

    def _show_responsible(self, arena: str) -> None:
        """Offer as responsible only those the arena belongs to; keep the choice if it still fits."""
        rows = self._responsible_all
        self.responsible_options = [row for row in rows if arena in row.arenas] if arena in RESPONSIBLE_ROLES else rows
        fitting = [str(row.person_id) for row in self.responsible_options]
        if self.form_values.get("responsible_id", "") not in fitting:
            self.form_values = {**self.form_values, "responsible_id": fitting[0] if fitting else ""}

    @rx.event
    def choose_arena(self, arena: str):
        if self.form_open and self._responsible_all:
            self.form_values = {**self.form_values, "arena": str(arena)}
            self._show_responsible(str(arena))

    @rx.event
    async def submit_form(self, form_data: dict):
        kind = self._kind()
        if kind is None or kind.save is None or not self.form_open:
            # Not open (a second tap after the save), or a kind this page does not offer.
            return None if kind is not None else notify_refused(translate(self.lang, "error.no_access"))
        form = {key: str(value) for key, value in form_data.items()}
        self.form_values = form  # what was typed stays, whatever happens next
        target = FormTarget(self._log_id, self._target_id, self._parent_id, self._request_key)
        message: list[str | None] = [None]
        draft_key = self._draft_key(kind, target)

        def save(session: Session, person: Person) -> None:
            message[0] = kind.save(session, person, target, form) if kind.save else None
            drafts.forget(session, person, draft_key)  # saved: nothing left to keep

        def show_errors(errors: dict[str, str]) -> None:
            self.form_errors = errors

        event = await self._run(save, errors=show_errors)
        if not self._succeeded:
            return event
        saved_key = message[0] or kind.saved_key
        if saved_key.startswith("proposed."):
            # Saved as a proposal: the dialog stays and says why the person is not in yet.
            self.form_errors = {"_form": translate(self.lang, saved_key)}
            return None
        self.form_open = False
        self.form_errors = {}
        return [notify_saved(translate(self.lang, saved_key)), *self._after_saved(kind)]

    @rx.event
    async def check_writing(self, field: str, text: str):
        """Sent as a text field is typed in (debounced): keep the text on the server, and point out
        wording that is hard for a family to read (suggestions only: nothing is blocked)."""
        field, text = str(field), str(text)[: drafts.MAX_FIELD_CHARS]
        key = self._open_draft_key()
        if key is None or not FIELD_NAME.fullmatch(field):
            return
        if not await self._as_signed_in(lambda session, person: drafts.keep_field(session, person, key, field, text)):
            return
        kind = self._kind()
        if not self._is_staff or kind is None or field not in WRITING_FIELDS:
            return
        self.writing_hints = {**self.writing_hints, field: writing_hints(text, kind.writing, self.lang)}
        if kind.writing.value == "goal":
            self.smart_items = smart_rows(text, self.lang)

    @rx.event
    async def close_form(self):
        """Cancel: the person chose to leave the text, so its draft goes too (closing the dialog
        by tapping outside or Escape keeps it)."""
        key = self._open_draft_key()
        if key is not None:
            await self._as_signed_in(lambda session, person: drafts.forget(session, person, key))
        self.form_open = False

    @rx.event
    def set_form_open(self, is_open: bool):
        self.form_open = bool(is_open)
