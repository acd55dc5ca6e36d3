"""The timeline tab of a plan: loaded when the tab is opened, so it is always current."""

import reflex as rx
from sqlmodel import Session

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.ids import parse_id
from stafett_app.services import access_log, timeline
from stafett_app.services.log_cache import cached_reads
from stafett_app.services.timeline import TimelineEntry
from stafett_app.state.session import SessionState


class TimelineState(SessionState):
    entries: list[TimelineEntry] = []
    kind: str = ""  # "" for everything, or one of timeline.KINDS
    loaded: bool = False

    @rx.event
    async def load(self):
        find, token, lang, kind = self._person_finder(), self._session_token(), self.lang, self.kind
        log_id = parse_id(self.log_id)
        if log_id is None:
            self._assign({"entries": [], "loaded": True})
            return

        def read(session: Session) -> list[TimelineEntry] | None:
            person = find(session)
            if person is None:
                return None
            with cached_reads(session):
                entries = timeline.timeline_for(session, person, log_id, lang, kind)
            access_log.record_opening(session, person, log_id, "timeline", token)
            return entries

        try:
            entries = await self._db(read)
        except PermissionDenied:
            entries = []
        if entries is None:
            return
        # Only what changed goes to the browser: opening the tab again on an unchanged log sends only
        # `loaded` (assigned, so always sent: the tab's load is answered; a page's is its is_hydrated).
        self._assign({"entries": entries})
        self.loaded = True

    @rx.event
    def choose_kind(self, kind: str):
        self.kind = kind if kind in timeline.KINDS else ""
        return TimelineState.load
