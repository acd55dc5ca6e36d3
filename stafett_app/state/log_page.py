"""The base of every page about one log: the route's log id, the signed-in person, and one
private runner for a use case.

A mixin, so each page's state gets its own copy of these vars and handlers (Reflex copies a
mixin's members into every state that uses it): the plan page, the family page and the child
page each hold only what they show, and a handler such as `add_glimmer` reloads the view of
the page it was sent from. A page state lists it before SessionState:
`class ChildState(LogPage, SessionState)` (Reflex takes the first non-mixin base as the parent).

Handlers are `async`: the database work runs on a database thread (SessionState._db) and returns
what to show; the state is assigned back on the event loop.
"""

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.domain.errors import DomainError, PermissionDenied, ValidationFailed
from stafett_app.domain.ids import parse_id
from stafett_app.i18n import translate, translate_all
from stafett_app.models import Person
from stafett_app.services import access_log, child_mode, participation, plan_edit, practice_log
from stafett_app.services.log_cache import cached_reads
from stafett_app.services.views import GlimmerView
from stafett_app.state.session import Shown, notify_refused, notify_saved

GLIMMER_INPUT_ID = "glimmer-text"

UseCase = Callable[[Session, Person], object]
ErrorSetter = Callable[[dict[str, str]], None]
_FORGET: Shown = {}  # what a write's work returns when the page is no longer the person's (compared by identity)


class LogPage(rx.State, mixin=True):
    # Used with SessionState (see above): its person, language and toasts are this state's too.

    loaded: bool = False
    # The child's first name when this person may show the child their page on this device ("" if not).
    show_child_name: str = ""
    # A practice log: the day it is deleted, for the banner on every page ("" for a real log).
    practice_until: str = ""
    _log_id: int = 0
    _succeeded: bool = False  # whether the last _run went through

    # --- what each page fills in ---------------------------------------------------------

    def _show(self, session: Session, person: Person) -> Shown:
        """What the page shows of the log (runs on a database thread: reads the state, returns
        var values instead of setting them). PermissionDenied when the person may not see it."""
        raise NotImplementedError

    def _forget(self) -> None:
        """Back to an empty page, when the person may not see the log."""
        raise NotImplementedError

    def _clear_log(self) -> None:
        """Everything the page shows of the log back to nothing (the person may not see it)."""
        self._assign({"practice_until": ""})
        self._forget()

    def _show_beside(self, session: Session, person: Person, log_id: int) -> object:
        """What another state of the same page shows, read in the same session as `_show` (one
        event and one access check per page load instead of one each); None if nothing."""
        return None

    async def _assign_beside(self, beside: object, log_id: int) -> None:
        """Hand what `_show_beside` read to its state, on the event loop."""

    # --- the shared part -----------------------------------------------------------------

    def _route_log_id(self) -> int | None:
        return parse_id(self.log_id)  # the dynamic route argument of /logs/[log_id]

    @rx.event
    async def load(self):
        loaded = False
        try:
            found = await self._load_page()
            loaded = found is None
            return found
        finally:
            # Set only when it changes, once: a load that shows what the page holds sends nothing at all.
            if self.loaded != loaded:
                self.loaded = loaded

    async def _load_page(self):
        """The load: None when the page shows the log, else where the person goes instead."""
        log_id = self._route_log_id()
        try:
            # The person, the header's count and the page in one session on one database thread.
            found = await self._page_person_and_read(lambda: self._page_shown(log_id))
        except PermissionDenied:
            self._log_id = 0
            self._clear_log()
            await self._assign_beside(None, 0)
            return rx.redirect(routes.NO_ACCESS)
        if found is None:
            self._log_id = 0
            return rx.redirect(routes.SIGN_IN)
        shown = found[1]
        self._log_id = log_id or 0  # again: a tab that was someone else's was cleared after the read
        beside = shown.pop("_beside")
        self._assign(shown)
        await self._assign_beside(beside, self._log_id)
        return None

    def _page_shown(self, log_id: int | None) -> Callable[[Session, Person], Shown]:
        """The database work of a page load, for `_page_person_and_read`: the page and its opening
        recorded. `_show` reads this state (its language, keys it keeps)."""
        self._log_id = log_id or 0  # read by _show on the database thread
        page, token, lang = self._opened_page(), self._session_token(), self.lang

        def show(session: Session, person: Person) -> Shown:
            if log_id is None:
                raise PermissionDenied()
            with cached_reads(session):
                shown = self._show(session, person)
                shown["practice_until"] = practice_log.banner_date(session, log_id, lang)
                shown["show_child_name"] = child_mode.child_name_if_allowed(session, person, log_id)
                shown["_beside"] = self._show_beside(session, person, log_id)
            # In the same transaction as the read: one insert, after the check in _show (and after
            # every read: the insert ends what the session knows of the person's access).
            access_log.record_opening(session, person, log_id, page, token)
            return shown

        return show

    def _opened_page(self) -> str:
        """Which page of the log this is, for the access log: the last part of its path."""
        last = (self.rx_router_url.path or "").rstrip("/").rsplit("/", 1)[-1]  # not self.router: see _session_token
        if last == "shown":
            return "child"
        return last if last in ("family", "child", "meeting") else "plan"

    async def _run(self, use_case: UseCase, saved_key: str | None = None, *, errors: ErrorSetter | None = None):
        """Run a use case as the signed-in person, then show the page again.

        Invalid input, and a step the log cannot take any more, go to `errors` (field -> text; "_form"
        for the whole form) or, without it, a toast; a refusal is a toast. Returns the event to send;
        `_succeeded` says whether the use case went through.
        """
        self._succeeded = False
        find = self._person_finder()

        def run(session: Session) -> Shown | None:
            """The lookup, the use case and the page shown again, in one session: a write answers
            after one trip to a database thread, not three."""
            person = find(session)
            if person is None:
                return None
            use_case(session, person)
            session.commit()  # the change stands whatever the page then shows (a refusal writes its own row)
            try:
                with cached_reads(session):
                    return self._show(session, person)
            except PermissionDenied:  # e.g. the family withdrew and this page is no longer theirs
                return _FORGET

        try:
            shown = await self._db(run)
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
        if shown is None:
            return rx.redirect(routes.SIGN_IN)
        if shown is _FORGET:
            self._clear_log()
        else:
            self._assign(shown)
        self._succeeded = True
        return notify_saved(translate(self.lang, saved_key)) if saved_key else None

    def _refused(self) -> None:
        """What else a refusal closes (a form host closes its dialog)."""

    # --- what every log page offers ------------------------------------------------------

    @rx.event
    async def show_to_child(self):
        """Switch this device's login to the child's page, full screen, until the adult signs in again."""
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        token, log_id = self._session_token(), self._log_id
        try:
            await self._db(lambda session: child_mode.enter(session, person, token, log_id))
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        return rx.redirect(routes.child_shown(log_id))

    @rx.event
    async def withdraw_consent(self):
        """The family takes its consent back, without a reason: the log closes at once."""
        log_id = self._log_id
        return await self._run(
            lambda session, person: participation.withdraw_consent(session, person, log_id),
            "saved.consent_withdrawn",
        )


class GlimmerPage(LogPage, mixin=True):
    """A log page that shows the lysglimt (the plan, family and child pages), apart from the page's
    view: writing one sends only these. The print and archive pages carry none of it."""

    glimmer_error: str = ""
    glimmers: list[GlimmerView] = []

    def _clear_log(self) -> None:
        self._assign({"practice_until": "", "glimmers": []})
        self._forget()

    @rx.event
    async def add_glimmer(self, form_data: dict):
        log_id, text = self._log_id, str(form_data.get("text", ""))

        def show_error(found: dict[str, str]) -> None:
            self.glimmer_error = found.get("text") or found.get("_form", "")

        self._assign({"glimmer_error": ""})  # sent only when an error showed
        done = await self._run(
            lambda session, person: plan_edit.add_glimmer(session, person, log_id, {"text": text}),
            "saved.glimmer",
            errors=show_error,
        )
        return [rx.set_value(GLIMMER_INPUT_ID, ""), done] if self._succeeded else done
