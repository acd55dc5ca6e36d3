"""The family page: the plan told to the guardians and to the young person from 15.

Holds only the family's view (built on the server from the permission-checked plan); the
plan itself never reaches this page's state. The family may comment on measures here.

Before the log starts (a level 0 draft) the family sees only what they are asked to consent to:
being asked is their permission to see the proposal, and nothing else of the draft is loaded.
"""

from dataclasses import replace
from uuid import uuid4

import reflex as rx
from sqlmodel import Session

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.permissions import Action
from stafett_app.forms.host import FormHost
from stafett_app.i18n import translate
from stafett_app.models import Person
from stafett_app.services import access_log, consent_flow, relay
from stafett_app.services.access import open_log
from stafett_app.services.access_log import OpeningRow
from stafett_app.services.family_view import family_view
from stafett_app.services.plan_view import glimmers_of, plan_for
from stafett_app.services.relay_view import family_relay
from stafett_app.services.start_view import ProposalView, proposals_for
from stafett_app.services.views import FamilyView
from stafett_app.state.ids import checked_ids
from stafett_app.state.log_page import Shown
from stafett_app.state.session import SessionState, notify_refused


def _empty_family() -> FamilyView:
    return FamilyView(heading="", addressed_to_young_person=False, working_on=[], groups=[], latest=[])


OPENINGS_PAGE = 10  # rows shown at first, and added by "show more"


class FamilyState(FormHost, SessionState):
    family: FamilyView = _empty_family()
    # Who has opened the plan (only for the family and the holder; empty for everyone else).
    openings: list[OpeningRow] = []
    more_openings: bool = False
    _openings_limit: int = OPENINGS_PAGE
    # Open consent requests of this log that this person is asked to confirm.
    proposals: list[ProposalView] = []
    # A draft: the family sees the proposal and nothing else of the log.
    consent_only: bool = False
    _confirm_key: str = ""

    @classmethod
    def _offered_kinds(cls) -> frozenset[str]:
        return frozenset({"comment"})

    def _show(self, session: Session, person: Person) -> Shown:
        shown: Shown = {
            "_confirm_key": self._confirm_key or uuid4().hex,
            "proposals": proposals_for(session, person, self._log_id, self.lang),
        }
        try:
            plan = plan_for(session, person, self._log_id, self.lang)
        except PermissionDenied:
            # Not the plan: a draft whose family is registered and may consent (GIVE_CONSENT is
            # the one thing a draft allows anyone but its author).
            open_log(session, person, self._log_id, Action.GIVE_CONSENT)
            return {**shown, "family": _empty_family(), "glimmers": [], "consent_only": True}
        found = family_relay(session, person, self._log_id)
        family = replace(
            family_view(plan, person.id or 0, self.lang),
            can_request_deletion=found.can_request_deletion,
            deletion_requested=found.deletion_requested,
            reopen_request_id=found.reopen_request_id,
        )
        openings, more_openings = access_log.openings_if_allowed(
            session, person, self._log_id, self.lang, self._openings_limit
        )
        return {
            **shown,
            "consent_only": False,
            "family": family,
            "glimmers": glimmers_of(session, self._log_id, self.lang),
            "openings": openings,
            "more_openings": more_openings,
            **self._draft_offered(session, person),
        }

    def _forget(self) -> None:
        self.family = _empty_family()
        self.proposals = []
        self.consent_only = False
        self.form_open = False
        self.openings, self.more_openings, self._openings_limit = [], False, OPENINGS_PAGE

    @rx.event
    async def show_more_openings(self):
        person = await self._signed_in_person()
        if person is None or not self._log_id:
            return
        self._openings_limit += OPENINGS_PAGE
        log_id, lang, limit = self._log_id, self.lang, self._openings_limit
        try:
            self.openings, self.more_openings = await self._db(
                lambda session: access_log.openings_if_allowed(session, person, log_id, lang, limit)
            )
        except PermissionDenied:
            self._forget()

    @rx.event
    @checked_ids
    async def confirm_consent(self, request_id: int):
        """One guardian (or the young person from 15) confirms the proposal they were asked about."""
        try:
            chosen = int(request_id)
        except (TypeError, ValueError):
            return notify_refused(translate(self.lang, "error.no_access"))
        key = f"{self._confirm_key}-{chosen}"  # a double tap, or a resend after a reconnect, confirms once
        log_id = self._log_id
        return await self._run(
            lambda session, person: consent_flow.confirm_consent(session, person, log_id, chosen, request_key=key),
            "saved.consent_confirmed",
        )

    @rx.event
    async def request_deletion(self):
        """A guardian, or the young person from 15, asks the unit's leader to delete the log."""
        log_id = self._log_id
        return await self._run(
            lambda session, person: relay.request_deletion(session, person, log_id), "saved.deletion_requested"
        )

    @rx.event
    async def confirm_reopen(self):
        """The family's new consent to a closed log: the request is the one the server found for
        this person (never an id from the browser); the service checks it again."""
        log_id = self._log_id
        return await self._run(
            lambda session, person: consent_flow.confirm_consent(
                session, person, log_id, family_relay(session, person, log_id).reopen_request_id
            ),
            "saved.reopen_consent",
        )
