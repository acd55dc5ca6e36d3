"""The child's page shown full screen on a guardian's or the holder's own device.

Only a login switched to this log's child page (services.child_mode) opens it, and such a login
reaches nothing else: SessionState gives the person only to this state, for this log. The page is
read-only: whatever the child taps, nothing is written as the adult.
"""

from dataclasses import replace

from sqlmodel import Session

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.permissions import Action
from stafett_app.i18n import translate
from stafett_app.models import Person
from stafett_app.pages.child.state import _empty_child
from stafett_app.services import child_mode
from stafett_app.services.family_view import child_view
from stafett_app.services.plan_view import glimmers_of, plan_for
from stafett_app.services.views import ChildView
from stafett_app.state.log_page import GlimmerPage, Shown, UseCase
from stafett_app.state.session import SessionState, notify_refused


class ChildShownState(GlimmerPage, SessionState):
    child: ChildView = _empty_child()

    def _shows_child_of(self) -> int | None:
        return self._route_log_id()

    def _show(self, session: Session, person: Person) -> Shown:
        if child_mode.shown_log(session, self._session_token()) != self._log_id:
            raise PermissionDenied()  # not switched to this child: the ordinary child page is elsewhere
        view = child_view(plan_for(session, person, self._log_id, self.lang, Action.VIEW_LOG), self.lang)
        glimmers = glimmers_of(session, self._log_id, self.lang)
        return {"child": replace(view, can_write_glimmer=False), "glimmers": glimmers}

    def _forget(self) -> None:
        self.child = _empty_child()

    async def _run(self, use_case: UseCase, saved_key: str | None = None, *, errors=None):
        """Nothing is written from the shown page: the child is not the signed-in adult."""
        return notify_refused(translate(self.lang, "error.no_access"))
