"""The inbox: each log one takes part in, with its unread messages."""

import reflex as rx

from stafett_app import routes
from stafett_app.services import messages
from stafett_app.services.messages import InboxRow
from stafett_app.state.session import SessionState


class InboxState(SessionState):
    rows: list[InboxRow] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        person = await self._page_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        self._assign({"rows": await self._db(lambda session: messages.inbox(session, person)), "loaded": True})
