"""The page for someone ID-porten knows and Stafett does not: nobody is signed in, so the language
is the visitor's own choice."""

import reflex as rx

from stafett_app.state.session import SessionState


class NotRegisteredState(SessionState):
    @rx.event
    def load(self):
        self._visitor_language()
