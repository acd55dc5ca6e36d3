"""'My logs', and for leaders the unit's logs."""

from dataclasses import replace

import reflex as rx

from stafett_app import routes
from stafett_app.db import session_scope
from stafett_app.domain.permissions import may_start_log
from stafett_app.i18n import translate
from stafett_app.services.access_log import RefusalRow, refusals_in_unit
from stafett_app.services.export import ChildOption, import_children
from stafett_app.services.log_list import my_logs, unit_logs
from stafett_app.services.messages import unread_by_log
from stafett_app.services.start_view import AskedLogView, DiscardedView, asked_logs, discarded_for
from stafett_app.services.views import LogRow
from stafett_app.state.session import SessionState

# What the import route may send back (api.IMPORT_ERROR_CODES): a code, never text.
IMPORT_ERRORS = {
    "not_json": "error.import_not_json",
    "too_large": "error.import_too_large",
    "version": "error.import_version",
    "invalid": "import.error_invalid",
    "child": "error.import_child",
}


class MyLogsState(SessionState):
    rows: list[LogRow] = []
    unit_rows: list[LogRow] = []
    unit_refusals: list[RefusalRow] = []  # refused attempts on the unit's logs: for its leader
    loaded: bool = False
    # Staff only: "Hent inn fra en annen Stafett" (a plain form post to the import route).
    import_children: list[ChildOption] = []
    import_error: str = ""
    can_start_log: bool = False  # staff with the right to hold logs: "Ny stafettlogg"
    asked: list[AskedLogView] = []  # logs whose family page asks this person for consent
    discarded: list[DiscardedView] = []  # the person's own discarded drafts: the summary kept

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
            self.unit_rows = unit_logs(session, person, self.lang)
            self.import_children = import_children(session, person)
            self.unit_refusals = refusals_in_unit(session, person, self.lang) if person.is_leader else []
            self.asked = asked_logs(session, person)
            self.discarded = discarded_for(session, person, self.lang)
        self.can_start_log = may_start_log(person.kind, person.may_hold_logs)
        code = str(self.router.page.params.get("import_error", ""))
        self.import_error = translate(self.lang, IMPORT_ERRORS[code]) if code in IMPORT_ERRORS else ""
        self.loaded = True
        return None
