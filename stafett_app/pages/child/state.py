"""A child's own page. Opening it asks only that the child takes part in the log (VIEW_LOG);
the state holds the child's cards and lysglimt, never the plan they were made from."""

from sqlmodel import Session

from stafett_app.domain.permissions import Action
from stafett_app.models import Person
from stafett_app.services.family_view import child_view
from stafett_app.services.plan_view import glimmers_of, plan_for
from stafett_app.services.views import ChildView
from stafett_app.state.log_page import GlimmerPage, Shown
from stafett_app.state.session import SessionState


def _empty_child() -> ChildView:
    return ChildView(greeting="", interest_picture="", interest_text="", my_cards=[], home_cards=[])


class ChildState(GlimmerPage, SessionState):
    child: ChildView = _empty_child()

    def _show(self, session: Session, person: Person) -> Shown:
        plan = plan_for(session, person, self._log_id, self.lang, Action.VIEW_LOG)
        return {"child": child_view(plan, self.lang), "glimmers": glimmers_of(session, self._log_id, self.lang)}

    def _forget(self) -> None:
        self.child = _empty_child()
