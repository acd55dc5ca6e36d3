"""'My logs'; a leader finds the unit's logs on the leader page (linked from here)."""

from dataclasses import replace

import reflex as rx

from stafett_app import routes
from stafett_app.db import session_scope
from stafett_app.services.log_list import my_logs
from stafett_app.services.messages import unread_by_log
from stafett_app.services.views import LogRow
from stafett_app.state.session import SessionState


class MyLogsState(SessionState):
    rows: list[LogRow] = []
    loaded: bool = False

    @rx.event
    def load(self):
        person = self._page_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        with session_scope() as session:
            rows = my_logs(session, person, self.lang)
            if self.is_young_child and len(rows) == 1:
                # A child under 15 goes straight to their own page: no staff-style list first.
                return rx.redirect(routes.child(rows[0].log_id))
            unread = unread_by_log(session, person)
            self.rows = [replace(row, unread_messages=unread.get(row.log_id, 0)) for row in rows]
        self.loaded = True
        return None
