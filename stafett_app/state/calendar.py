"""The calendar: meetings and evaluation dates in one's own logs, answers, and the private feed."""

import reflex as rx

from stafett_app import routes
from stafett_app.db import session_scope
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.i18n import translate
from stafett_app.services import meetings
from stafett_app.services.meetings import CalendarItem
from stafett_app.state.session import SessionState, notify_refused, notify_saved


class CalendarState(SessionState):
    items: list[CalendarItem] = []
    loaded: bool = False
    new_feed_url: str = ""  # shown once, right after it is made

    def _reload(self, person) -> None:
        with session_scope() as session:
            self.items = meetings.calendar_for(session, person, self.lang)

    @rx.event
    def load(self):
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        self._show_person(person)
        self.new_feed_url = ""
        self._reload(person)
        self.loaded = True

    @rx.event
    def respond(self, meeting_id: int, response: str):
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            with session_scope() as session:
                meetings.respond(session, person, int(meeting_id), str(response))
        except (PermissionDenied, ValidationFailed):
            return notify_refused(translate(self.lang, "error.no_access"))
        self._reload(person)
        return notify_saved(translate(self.lang, "saved.response"))

    @rx.event
    def renew_feed(self):
        person = self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        with session_scope() as session:
            self.new_feed_url = meetings.feed_url(meetings.renew_feed(session, person))
