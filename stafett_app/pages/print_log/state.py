"""The print page: the holder, the guardians and the young person from 15 choose what to print and
a period, see a preview, and download the PDF.

Holds only the choice, the preview and the messages. Every event asks the server again whether the
person may print this log (services.printing opens the log with Action.PRINT).
"""

from urllib.parse import urlencode

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.domain.archive import PRESETS, PrintElement
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.permissions import Action
from stafett_app.domain.roles import landing_view
from stafett_app.i18n import translate
from stafett_app.models import Person
from stafett_app.services import printing
from stafett_app.services.access import open_log
from stafett_app.state.log_page import LogPage, Shown
from stafett_app.state.session import SessionState, notify_refused

ELEMENT_NAMES = [e.value for e in PrintElement]  # the order they are offered and printed in
MAX_DATE_LENGTH = 10  # YYYY-MM-DD


def _in_order(names: set[str]) -> list[str]:
    return [name for name in ELEMENT_NAMES if name in names]


class PrintLogState(LogPage, SessionState):
    chosen: list[str] = list(ELEMENT_NAMES)
    start: str = ""
    end: str = ""
    preview: str = ""  # a sanitised document for a sandboxed iframe
    pdf_url: str = ""  # the PDF of what the preview shows
    back_url: str = ""
    elements_error: str = ""
    start_error: str = ""
    end_error: str = ""

    def _show(self, session: Session, person: Person) -> Shown:
        _log, access = open_log(session, person, self._log_id, Action.PRINT)
        view = landing_view(access.roles, access.person_age)
        shown: Shown = {
            "back_url": routes.family(self._log_id) if view == "family" else routes.plan(self._log_id),
            "elements_error": "",
            "start_error": "",
            "end_error": "",
        }
        if not self.chosen:  # the route would print everything; on the page, nothing chosen is a mistake
            return {**shown, "elements_error": translate(self.lang, "print_page.choose_something")}
        try:
            choice = printing.parse_choice(self.chosen, self.start, self.end)
        except ValidationFailed as failed:
            # The choice stays as the person made it; the preview and the link stay at the last good one.
            return {
                **shown,
                "elements_error": self._message(failed.errors.get("elements")),
                "start_error": self._message(failed.errors.get("start")),
                "end_error": self._message(failed.errors.get("end")),
            }
        html = printing.print_preview_html(session, person, self._log_id, choice.elements, choice.period)
        query = {"elements": ",".join(self.chosen), "start": self.start, "end": self.end}
        return {
            **shown,
            "preview": printing.preview_document(html, self.lang),
            "pdf_url": routes.print_pdf(self._log_id) + "?" + urlencode({k: v for k, v in query.items() if v}),
        }

    def _message(self, key: str | None) -> str:
        return translate(self.lang, key) if key else ""

    def _forget(self) -> None:
        self.chosen = list(ELEMENT_NAMES)
        self.start = self.end = self.preview = self.pdf_url = self.back_url = ""
        self.elements_error = self.start_error = self.end_error = ""

    @rx.event
    def start_fresh(self):
        """on_load, before load: a new visit starts from the whole log, not an earlier choice."""
        self._forget()

    async def _refresh(self):
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            self._assign(await self._db(lambda session: self._show(session, person)))
        except PermissionDenied:
            self._forget()
            return rx.redirect(routes.NO_ACCESS)
        return None

    @rx.event
    async def toggle(self, name: str, checked: bool):
        if name not in ELEMENT_NAMES:
            return notify_refused(translate(self.lang, "error.print_unknown_element"))
        chosen = set(self.chosen)
        if checked:
            chosen.add(name)
        else:
            chosen.discard(name)
        self.chosen = _in_order(chosen)
        return await self._refresh()

    @rx.event
    async def use_preset(self, preset: str):
        if preset not in PRESETS:
            return notify_refused(translate(self.lang, "error.print_unknown_element"))
        self.chosen = _in_order({e.value for e in PRESETS[preset]})
        return await self._refresh()

    @rx.event
    async def choose_start(self, value: str):
        self.start = str(value)[:MAX_DATE_LENGTH]
        return await self._refresh()

    @rx.event
    async def choose_end(self, value: str):
        self.end = str(value)[:MAX_DATE_LENGTH]
        return await self._refresh()
