"""The family page: the plan told to the guardians and to the young person from 15.

Holds only the family's view (built on the server from the permission-checked plan); the
plan itself never reaches this page's state. The family may comment on measures here.
"""

from dataclasses import replace

import reflex as rx
from sqlmodel import Session

from stafett_app.forms.host import FormHost
from stafett_app.models import Person
from stafett_app.services import consent_flow, relay
from stafett_app.services.family_view import family_view
from stafett_app.services.plan_view import plan_for
from stafett_app.services.relay_view import family_relay
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
        found = family_relay(session, person, self._log_id)
        self.family = replace(
            family_view(plan, person.id or 0, self.lang),
            can_request_deletion=found.can_request_deletion,
            deletion_requested=found.deletion_requested,
            reopen_request_id=found.reopen_request_id,
        )

    def _forget(self) -> None:
        self.family = _empty_family()
        self.form_open = False

    @rx.event
    def request_deletion(self):
        """A guardian, or the young person from 15, asks the unit's leader to delete the log."""
        return self._run(
            lambda session, person: relay.request_deletion(session, person, self._log_id), "saved.deletion_requested"
        )

    @rx.event
    def confirm_reopen(self):
        """The family's new consent to a closed log: the request is the one the server found for
        this person (never an id from the browser); the service checks it again."""
        return self._run(
            lambda session, person: consent_flow.confirm_consent(
                session, person, self._log_id, family_relay(session, person, self._log_id).reopen_request_id
            ),
            "saved.reopen_consent",
        )
