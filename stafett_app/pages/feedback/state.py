"""The feedback form of the accessibility statement: open to everyone, signed in or not."""

import reflex as rx

from stafett_app.domain.errors import ValidationFailed
from stafett_app.i18n import translate
from stafett_app.services import admin as svc
from stafett_app.services import rate_limits
from stafett_app.settings import get_settings
from stafett_app.state.session import SessionState, notify_refused


class FeedbackState(SessionState):
    sent: bool = False
    errors: dict[str, str] = {}
    statement_url: str = ""

    @rx.event
    async def load(self):
        self.sent, self.errors = False, {}
        self.statement_url = get_settings().accessibility_statement_url
        if await self._page_person() is None:
            self._visitor_language()

    @rx.event
    async def send(self, form: dict):
        person = await self._signed_in_person()
        client = f"person:{person.id}" if person is not None else f"address:{self.router.session.client_ip}"
        if not rate_limits.allow("feedback", client):
            return notify_refused(translate(self.lang, "error.too_many"))
        message, contact, page = (str(form.get(name, "")) for name in ("message", "contact", "page"))
        try:
            await self._db(lambda session: svc.send_feedback(session, person, message, contact, page))
        except ValidationFailed as failed:
            self.errors = {name: translate(self.lang, key) for name, key in failed.errors.items()}
            return None
        self.errors, self.sent = {}, True
        return None

    @rx.event
    def write_another(self):
        self.sent, self.errors = False, {}
