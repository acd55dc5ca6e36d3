"""The timeline tab of a plan: loaded when the tab is opened, so it is always current."""

import reflex as rx

from stafett_app.db import session_scope
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.ids import parse_id
from stafett_app.services import access_log, timeline
from stafett_app.services.timeline import TimelineEntry
from stafett_app.state.session import SessionState


class TimelineState(SessionState):
    entries: list[TimelineEntry] = []
    kind: str = ""  # "" for everything, or one of timeline.KINDS
    loaded: bool = False

    @rx.event
    def load(self):
        person = self._signed_in_person()
        if person is None:
            return
        try:
            with session_scope() as session:
                log_id = parse_id(self.log_id)
                if log_id is None:
                    raise PermissionDenied()
                self.entries = timeline.timeline_for(session, person, log_id, self.lang, self.kind)
                access_log.record_opening(session, person, log_id, "timeline", self._session_token())
        except (PermissionDenied, TypeError, ValueError):
            self.entries = []
        self.loaded = True

    @rx.event
    def choose_kind(self, kind: str):
        self.kind = kind if kind in timeline.KINDS else ""
        return TimelineState.load
