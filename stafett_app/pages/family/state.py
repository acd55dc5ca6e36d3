"""The family page: the plan told to the guardians and to the young person from 15.

Holds only the family's view (built on the server from the permission-checked plan); the
plan itself never reaches this page's state. The family may comment on measures here.
"""

import reflex as rx
from sqlmodel import Session

from stafett_app.db import session_scope
from stafett_app.domain.errors import PermissionDenied
from stafett_app.forms.host import FormHost
from stafett_app.models import Person
from stafett_app.services import access_log
from stafett_app.services.access_log import OpeningRow
from stafett_app.services.family_view import family_view
from stafett_app.services.plan_view import plan_for
from stafett_app.services.views import FamilyView
from stafett_app.state.session import SessionState


def _empty_family() -> FamilyView:
    return FamilyView(
        heading="", addressed_to_young_person=False, working_on=[], working_on_spoken="", groups=[], latest=[]
    )


OPENINGS_PAGE = 10  # rows shown at first, and added by "show more"


class FamilyState(FormHost, SessionState):
    family: FamilyView = _empty_family()
    # Who has opened the plan (only for the family and the holder; empty for everyone else).
    openings: list[OpeningRow] = []
    more_openings: bool = False
    _openings_limit: int = OPENINGS_PAGE

    @classmethod
    def _offered_kinds(cls) -> frozenset[str]:
        return frozenset({"comment"})

    def _show(self, session: Session, person: Person) -> None:
        plan = plan_for(session, person, self._log_id, self.lang)
        self.family = family_view(plan, person.id or 0, self.lang)
        self.openings, self.more_openings = access_log.openings_if_allowed(
            session, person, self._log_id, self.lang, self._openings_limit
        )
        self._offer_draft(session, person)

    def _forget(self) -> None:
        self.family = _empty_family()
        self.form_open = False
        self.openings, self.more_openings, self._openings_limit = [], False, OPENINGS_PAGE

    @rx.event
    def show_more_openings(self):
        person = self._signed_in_person()
        if person is None or not self._log_id:
            return
        self._openings_limit += OPENINGS_PAGE
        try:
            with session_scope() as session:
                self.openings, self.more_openings = access_log.openings_if_allowed(
                    session, person, self._log_id, self.lang, self._openings_limit
                )
        except PermissionDenied:
            self._forget()
