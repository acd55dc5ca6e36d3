"""Writing a meeting's minutes in the log, choosing a secretary, and sending the minutes."""

import reflex as rx

from stafett_app import routes
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.ids import parse_id
from stafett_app.i18n import translate
from stafett_app.services import meetings, minutes
from stafett_app.services.messages import MemberOption
from stafett_app.services.minutes import MinutesRow
from stafett_app.state.ids import checked_ids
from stafett_app.state.session import SessionState, notify_refused, notify_saved


class MinutesState(SessionState):
    rows: list[MinutesRow] = []
    secretary_options: list[MemberOption] = []
    editing_id: int = 0  # mirror of _editing_id, for rendering
    text: str = ""
    error: str = ""
    _log_id: int = 0
    _editing_id: int = 0

    async def _reload(self, person) -> None:
        log_id, lang = self._log_id, self.lang
        found = await self._db(lambda session: minutes.overview(session, person, log_id, lang))
        self.rows, self.secretary_options = found.rows, found.secretary_options

    async def _run(self, use_case):
        """Returns (person, refusal event or None); errors are shown next to the text."""
        person = await self._signed_in_person()
        if person is None:
            return None, rx.redirect(routes.SIGN_IN)
        try:
            await self._db(lambda session: use_case(session, person))
        except PermissionDenied:
            return None, notify_refused(translate(self.lang, "error.no_access"))
        except ValidationFailed as invalid:
            self.error = translate(self.lang, next(iter(invalid.errors.values())))
            return None, None
        self.error = ""
        return person, None

    def _show_overview(self, found: minutes.MinutesOverview, log_id: int) -> None:
        """The panel as the plan page's load read it (nothing open in the editor); a var that holds the
        same already is not sent again."""
        self._editing_id, self._log_id = 0, log_id
        shown = {"editing_id": 0, "error": "", "rows": found.rows, "secretary_options": found.secretary_options}
        self._assign(shown)

    @rx.event
    async def load(self):
        """After a form changed the meetings; the page load itself fills the panel (PlanState)."""
        self.rows, self.editing_id, self._editing_id, self.error = [], 0, 0, ""
        person = await self._signed_in_person()
        try:
            self._log_id = parse_id(self.log_id) or 0
            if person is not None:
                await self._reload(person)
        except (PermissionDenied, TypeError, ValueError):
            self.rows = []  # the page itself sends the person away

    @rx.event
    @checked_ids
    async def open_editor(self, meeting_id: int):
        texts: list[str] = []
        lang = self.lang
        _person, refusal = await self._run(lambda s, p: texts.append(minutes.start_text(s, p, int(meeting_id), lang)))
        if refusal is not None or not texts:
            return refusal
        self._editing_id = self.editing_id = int(meeting_id)
        self.text = texts[0]

    @rx.event
    def close_editor(self):
        self._editing_id = self.editing_id = 0

    @rx.event
    async def save_text(self, text: str):
        """Called as the person types (debounced): the minutes are on the server at once."""
        if not self._editing_id:
            return None  # the last keystrokes arriving after the minutes were sent: nothing is open
        self.text = typed = str(text)[:5000]
        meeting_id = self._editing_id
        _person, refusal = await self._run(lambda s, p: minutes.save_minutes(s, p, meeting_id, typed))
        return refusal

    @rx.event
    async def send(self, form_data: dict | None = None):
        self.text = typed = str((form_data or {}).get("minutes", self.text))[:5000]
        meeting_id, lang = self._editing_id, self.lang
        person, refusal = await self._run(
            lambda s, p: (
                minutes.save_minutes(s, p, meeting_id, typed),
                minutes.send_minutes(s, p, meeting_id, lang),
            )
        )
        if person is None:
            return refusal
        self._editing_id = self.editing_id = 0
        await self._reload(person)
        return notify_saved(translate(self.lang, "minutes.sent"))

    @rx.event
    @checked_ids
    async def choose_secretary(self, meeting_id: int, person_id: str):
        chosen = int(person_id) if str(person_id).isdigit() else None
        person, refusal = await self._run(lambda s, p: minutes.choose_secretary(s, p, int(meeting_id), chosen))
        if person is None:
            return refusal
        await self._reload(person)
        return notify_saved(translate(self.lang, "saved.secretary"))

    @rx.event
    @checked_ids
    async def cancel_meeting(self, meeting_id: int):
        person, refusal = await self._run(lambda s, p: meetings.cancel_meeting(s, p, int(meeting_id)))
        if person is None:
            return refusal
        await self._reload(person)
        return notify_saved(translate(self.lang, "saved.meeting_cancelled"))
