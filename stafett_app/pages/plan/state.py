"""The plan page (and meeting mode, which shows the same tree to the same people): one log's
overview and tree, and the forms that change it."""

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.domain.roles import PersonKind
from stafett_app.forms.host import FormHost
from stafett_app.forms.registry import FORMS, FormKind
from stafett_app.i18n import translate
from stafett_app.models import Person
from stafett_app.pages.plan.minutes_state import MinutesState
from stafett_app.services import (
    access_log,
    archive,
    consent_flow,
    minutes,
    notes,
    participation,
    photos,
    plan_edit,
    practice_log,
)
from stafett_app.services.access_log import RefusalRow
from stafett_app.services.archive import ArchiveCopyView
from stafett_app.services.plan_view import glimmers_of, plan_for
from stafett_app.services.start_view import StartView, start_view
from stafett_app.services.views import ConsentView, PlanView
from stafett_app.state.ids import checked_ids
from stafett_app.state.log_page import Shown
from stafett_app.state.session import SessionState


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


class PlanState(FormHost, SessionState):
    plan: PlanView = _empty_plan()
    archive_copies: list[ArchiveCopyView] = []  # only for those who may read them (the holder)
    refusals: list[RefusalRow] = []  # refused attempts on this log: for its holder and the unit leader
    start: StartView = StartView()  # the start of the relay: observations, family, consent asked

    @classmethod
    def _offered_kinds(cls) -> frozenset[str]:
        return frozenset(FORMS)

    def _show(self, session: Session, person: Person) -> Shown:
        plan = plan_for(session, person, self._log_id, self.lang)
        return {
            "_is_staff": person.kind == PersonKind.STAFF,
            "plan": plan,
            "glimmers": glimmers_of(session, self._log_id, self.lang),
            "archive_copies": archive.copies_for(session, person, self._log_id, self.lang)
            if plan.can_read_archive
            else [],
            "refusals": access_log.refusals_if_allowed(session, person, self._log_id, self.lang),
            "start": start_view(session, person, self._log_id, self.lang),
            **self._draft_offered(session, person),
        }

    def _forget(self) -> None:
        self.plan = _empty_plan()
        self.archive_copies = []
        self.refusals = []
        self.start = StartView()
        self.form_open = False

    def _show_beside(self, session: Session, person: Person, log_id: int) -> object:
        return minutes.overview_if_allowed(session, person, log_id, self.lang)

    async def _assign_beside(self, beside: object, log_id: int) -> None:
        found = beside if isinstance(beside, minutes.MinutesOverview) else minutes.MinutesOverview()
        (await self.get_state(MinutesState))._show_overview(found, log_id)

    def _plan_for_forms(self) -> PlanView | None:
        return self.plan

    def _after_saved(self, kind: FormKind) -> list:
        if kind.key == "discard_draft":
            return [rx.redirect(routes.MY_LOGS)]  # nothing of the draft is left to show here
        return [MinutesState.load] if kind.refreshes_meetings else []  # the meetings list shows it

    @rx.event
    @checked_ids
    async def set_goal_reached(self, goal_id: int, reached: bool):
        log_id = self._log_id
        return await self._run(
            lambda session, person: plan_edit.set_goal_reached(
                session, person, log_id, goal_id=int(goal_id), reached=bool(reached)
            ),
            "saved.goal_reached" if reached else "saved.goal_reopened",
        )

    @rx.event
    async def give_consent(self):
        """The family consents to the proposed participants (a new consent version)."""
        log_id = self._log_id
        return await self._run(
            lambda session, person: participation.consent_to_proposals(session, person, log_id),
            "saved.consent",
        )

    @rx.event
    async def confirm_for_family(self):
        """A practice log: the practising person confirms the open request for the invented family.
        The service refuses it in a real log; a double tap confirms once (the service is idempotent)."""
        log_id = self._log_id
        return await self._run(
            lambda session, person: practice_log.confirm_for_family(session, person, log_id),
            "practice.confirmed",
        )

    @rx.event
    async def upload_attachment(self, files: list[rx.UploadFile]):
        """A PDF for the note the attachment form was opened for."""
        if (upload := await self._uploaded("attachment", files, "error.pdf_empty")) is None:
            return None
        raw, filename = upload
        log_id, note_id = self._log_id, self._target_id
        return await self._store_upload(
            lambda session, person: notes.attach_pdf(session, person, log_id, raw, filename, note_id=note_id),
            "saved.attachment",
        )

    @rx.event
    async def upload_photo(self, files: list[rx.UploadFile]):
        """The holder adds a photo to the measure the photo form was opened for."""
        if (upload := await self._uploaded("photo", files, "error.photo_empty")) is None:
            return None
        raw, _name = upload
        log_id, measure_id = self._log_id, self._target_id
        return await self._store_upload(
            lambda session, person: photos.attach_measure_photo(session, person, log_id, raw, measure_id=measure_id),
            "saved.photo",
        )

    @rx.event
    def set_paper_value(self, name: str, value: str):
        """Who signed the paper consent and when, kept as typed until the scanned form is uploaded."""
        if self._form_kind == "paper_consent" and self.form_open and name in ("signed_by", "signed_on"):
            self.form_values = {**self.form_values, name: str(value)[:300]}

    @rx.event
    async def upload_paper_consent(self, files: list[rx.UploadFile]):
        """The signed paper form: who signed, when, and the scanned PDF (checked like every PDF)."""
        if (upload := await self._uploaded("paper_consent", files, "error.pdf_empty")) is None:
            return None
        raw, filename = upload
        form = {"signed_by": self.form_values.get("signed_by", ""), "signed_on": self.form_values.get("signed_on", "")}
        log_id, request_key = self._log_id, self._request_key or None
        return await self._store_upload(
            lambda session, person: consent_flow.record_paper_consent(
                session, person, log_id, form, raw, filename, request_key=request_key
            ),
            "saved.paper_consent",
        )

    async def _uploaded(self, kind: str, files: list[rx.UploadFile], empty_key: str) -> tuple[bytes, str] | None:
        """The first file, when the open dialog is the one for `kind`; otherwise the error shows there."""
        if self._form_kind != kind or not self.form_open or not files:
            self.form_errors = {kind: translate(self.lang, empty_key)}
            return None
        return await files[0].read(), files[0].filename or ""

    async def _store_upload(self, store, saved_key: str):
        """Store an uploaded file through its use case; errors stay in the open dialog."""

        def show_errors(errors: dict[str, str]) -> None:
            self.form_errors = errors

        done = await self._run(store, saved_key, errors=show_errors)
        if self._succeeded:
            self.form_open = False
        return done
