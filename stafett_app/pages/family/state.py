"""The family page: the plan told to the guardians and to the young person from 15.

Holds only the family's view (built on the server from the permission-checked plan); the
plan itself never reaches this page's state. The family may comment on measures here.
"""

from sqlmodel import Session

from stafett_app.forms.host import FormHost
from stafett_app.models import Person
from stafett_app.services.family_view import family_view
from stafett_app.services.plan_view import plan_for
from stafett_app.services.views import FamilyView
from stafett_app.state.session import SessionState


def _empty_family() -> FamilyView:
    return FamilyView(
        heading="", addressed_to_young_person=False, working_on=[], working_on_spoken="", groups=[], latest=[]
    )


class FamilyState(FormHost, SessionState):
    family: FamilyView = _empty_family()

    @classmethod
    def _offered_kinds(cls) -> frozenset[str]:
        return frozenset({"comment"})

    def _show(self, session: Session, person: Person) -> None:
        plan = plan_for(session, person, self._log_id, self.lang)
        self.family = family_view(plan, person.id or 0, self.lang)

    def _forget(self) -> None:
        self.family = _empty_family()
        self.form_open = False
