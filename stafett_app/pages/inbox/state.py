"""The inbox: each log one takes part in, with its unread messages."""

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.models import Person
from stafett_app.services import messages
from stafett_app.services.log_cache import cached_reads
from stafett_app.services.messages import InboxRow
from stafett_app.state.session import SessionState


class InboxState(SessionState):
    rows: list[InboxRow] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        def rows(session: Session, person: Person) -> list[InboxRow]:
            # In the header's session: the person's logs and roles are what its statement read, and the
            # children's names the worker's while the site's person stamp holds.
            with cached_reads(session):
                return messages.inbox(session, person)

        person, found = await self._page_person_and(rows)
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        self._assign({"rows": found, "loaded": True})
