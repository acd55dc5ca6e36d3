"""The base of every page about one log: the route's log id, the signed-in person, and one
private runner for a use case.

A mixin, so each page's state gets its own copy of these vars and handlers (Reflex copies a
mixin's members into every state that uses it): the plan page, the family page and the child
page each hold only what they show, and a handler such as `add_glimmer` reloads the view of
the page it was sent from. A page state lists it before SessionState:
`class ChildState(LogPage, SessionState)` (Reflex takes the first non-mixin base as the parent).
"""

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.db import session_scope
from stafett_app.domain.errors import DomainError, PermissionDenied, ValidationFailed
from stafett_app.domain.ids import parse_id
from stafett_app.i18n import translate, translate_all
from stafett_app.models import Person
from stafett_app.services import access_log, child_mode, participation, plan_edit, practice_log
from stafett_app.state.session import notify_refused, notify_saved

GLIMMER_INPUT_ID = "glimmer-text"

UseCase = Callable[[Session, Person], object]
ErrorSetter = Callable[[dict[str, str]], None]


class LogPage(rx.State, mixin=True):
    # Used with SessionState (see above): its person, language and toasts are this state's too.

    loaded: bool = False
    glimmer_error: str = ""
    # The child's first name when this person may show the child their page on this device ("" if not).
    show_child_name: str = ""
    # A practice log: the day it is deleted, for the banner on every page ("" for a real log).
    practice_until: str = ""
    _log_id: int = 0
    # What the person must be allowed to do in the log to open this page at all.

    # --- what each page fills in ---------------------------------------------------------

    def _show(self, session: Session, person: Person) -> None:
        raise NotImplementedError

    def _forget(self) -> None:
        """Back to an empty page, when the person may not see the log."""
        raise NotImplementedError

    # --- the shared part -----------------------------------------------------------------

    def _route_log_id(self) -> int | None:
        return parse_id(self.log_id)  # the dynamic route argument of /logs/[log_id]

    @rx.event
    def load(self):
        self.loaded = False
        person = self._page_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        log_id = self._route_log_id()
        try:
            if log_id is None:
                raise PermissionDenied()
            self._log_id = log_id
            with session_scope() as session:
                self._show(session, person)
                # In the same transaction as the read: one insert, after the check in _show.
                access_log.record_opening(session, person, log_id, self._opened_page(), self._session_token())
                self.show_child_name = child_mode.child_name_if_allowed(session, person, log_id)
                self.practice_until = practice_log.banner_date(session, log_id, self.lang)
        except PermissionDenied:
            self._log_id = 0
            self.practice_until = ""
            self._forget()
            return rx.redirect(routes.NO_ACCESS)
        self.loaded = True
        return None

    def _opened_page(self) -> str:
        """Which page of the log this is, for the access log: the last part of its path."""
        last = (self.router.url.path or "").rstrip("/").rsplit("/", 1)[-1]
        if last == "shown":
            return "child"
        return last if last in ("family", "child", "meeting") else "plan"

    def _run(self, use_case: UseCase, saved_key: str | None = None, *, errors: ErrorSetter | None = None):
        """Run a use case as the signed-in person, then show the page again.

        Invalid input, and a step the log cannot take any more, go to `errors` (field -> text; "_form"
        for the whole form) or, without it, a toast; a refusal is a toast. Returns the event to send;
        `_succeeded` says whether the use case went through.
        """
        self._succeeded = False
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            with session_scope() as session:
                use_case(session, person)
        except PermissionDenied:
            self._refused()
            return notify_refused(translate(self.lang, "error.no_access"))
        except ValidationFailed as failure:
            found = translate_all(self.lang, failure.errors)
        except DomainError as failure:
            found = {"_form": translate(self.lang, failure.key)}
        else:
            found = {}
        if found:
            if errors is None:
                return notify_refused(next(iter(found.values())))
            errors(found)
            return None
        try:
            with session_scope() as session:
                self._show(session, person)
        except PermissionDenied:  # e.g. the family withdrew and this page is no longer theirs
            self._forget()
        self._succeeded = True
        return notify_saved(translate(self.lang, saved_key)) if saved_key else None

    def _refused(self) -> None:
        """What else a refusal closes (a form host closes its dialog)."""

    _succeeded: bool = False

    # --- what every log page offers ------------------------------------------------------

    @rx.event
    def add_glimmer(self, form_data: dict):
        def write(session: Session, person: Person) -> None:
            plan_edit.add_glimmer(session, person, self._log_id, {"text": str(form_data.get("text", ""))})

        def show_error(found: dict[str, str]) -> None:
            self.glimmer_error = found.get("text") or found.get("_form", "")

        self.glimmer_error = ""
        done = self._run(write, "saved.glimmer", errors=show_error)
        return [rx.set_value(GLIMMER_INPUT_ID, ""), done] if self._succeeded else done

    @rx.event
    def show_to_child(self):
        """Switch this device's login to the child's page, full screen, until the adult signs in again."""
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            with session_scope() as session:
                child_mode.enter(session, person, self._session_token(), self._log_id)
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        return rx.redirect(routes.child_shown(self._log_id))

    @rx.event
    def withdraw_consent(self):
        """The family takes its consent back, without a reason: the log closes at once."""
        return self._run(
            lambda session, person: participation.withdraw_consent(session, person, self._log_id),
            "saved.consent_withdrawn",
        )
