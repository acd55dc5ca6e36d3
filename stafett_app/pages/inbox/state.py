"""The inbox: each log one takes part in, with its unread messages."""

import reflex as rx

from stafett_app import routes
from stafett_app.db import session_scope
from stafett_app.services import messages
from stafett_app.services.messages import InboxRow
from stafett_app.state.session import SessionState


class InboxState(SessionState):
    rows: list[InboxRow] = []
    loaded: bool = False

    @rx.event
    def load(self):
        person = self._page_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        with session_scope() as session:
            self.rows = messages.inbox(session, person)
        self.loaded = True
