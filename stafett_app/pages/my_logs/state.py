"""'My logs', and for leaders the unit's logs; the handovers waiting for an answer and the
family's deletion requests, each answered here."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from uuid import uuid4

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.domain.dates import age_on, today_in_norway
from stafett_app.domain.errors import DomainError, PermissionDenied, ValidationFailed
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.permissions import may_start_log
from stafett_app.domain.practice import may_start_practice
from stafett_app.domain.roles import is_young_child
from stafett_app.i18n import format_short_date, translate, translate_all
from stafett_app.models import Person
from stafett_app.services import relay
from stafett_app.services.access_log import RefusalRow, refusals_in_unit
from stafett_app.services.export import ChildOption, import_children
from stafett_app.services.log_list import my_logs, unit_logs
from stafett_app.services.messages import unread_by_log
from stafett_app.services.practice_log import practice_logs_of, start_practice_log
from stafett_app.services.relay_view import handover_candidates, propose_for_absent_holder, withdrawn_logs
from stafett_app.services.start_view import AskedLogView, DiscardedView, asked_logs, discarded_for
from stafett_app.services.views import LogRow, PersonRow
from stafett_app.state.ids import checked_ids
from stafett_app.state.session import SessionState, Shown, notify_refused, notify_saved


@dataclass
class HandoverCard:
    handover_id: int
    log_id: int
    child_first_name: str
    from_name: str
    to_name: str
    reason: str
    proposed_on: str
    side: str  # to_me, from_me, unit


@dataclass
class DeletionCard:
    request_id: int
    log_id: int
    child_first_name: str
    status_label: str
    requested_on: str
    reason: str


@dataclass
class PracticeCard:
    log_id: int
    child_name: str
    status_label: str
    deleted_on: str


# What the import route may send back (api.IMPORT_ERROR_CODES): a code, never text.
IMPORT_ERRORS = {
    "not_json": "error.import_not_json",
    "too_large": "error.import_too_large",
    "version": "error.import_version",
    "invalid": "import.error_invalid",
    "child": "error.import_child",
}


class MyLogsState(SessionState):
    rows: list[LogRow] = []
    unit_rows: list[LogRow] = []  # the unit's active logs
    unit_passive_rows: list[LogRow] = []  # closed ones, kept apart
    unit_has_closed_cards: bool = False  # some of the unit's logs cannot be opened: said once
    unit_refusals: list[RefusalRow] = []  # refused attempts on the unit's logs: for its leader
    # Staff only: "Hent inn fra en annen Stafett" (a plain form post to the import route).
    import_children: list[ChildOption] = []
    import_error: str = ""
    can_start_log: bool = False  # staff with the right to hold logs: "Ny stafettlogg"
    asked: list[AskedLogView] = []  # logs whose family page asks this person for consent
    discarded: list[DiscardedView] = []  # the person's own discarded drafts: the summary kept
    handovers: list[HandoverCard] = []
    deletions: list[DeletionCard] = []
    loaded: bool = False
    # Practice logs (domain.practice): any staff member may start one; listed apart from real logs.
    can_practise: bool = False
    practice: list[PracticeCard] = []
    _practice_key: str = ""  # one per page load: a double tap starts one practice log
    # The answer dialog: declining a handover, or refusing a deletion, needs a few words.
    answer_open: bool = False
    answer_kind: str = ""  # decline, refuse
    answer_error: str = ""
    _answer_id: int = 0
    # A leader's proposal for an absent holder: the new holder, a reason, what the former becomes.
    holder_candidates: list[PersonRow] = []
    _proposal_log_id: int = 0

    @rx.event
    async def load(self):
        found = await self._page_person_and_read(self._lists_read)  # the person's logs: the header's
        if found is None:
            return rx.redirect(routes.SIGN_IN)
        person, shown = found
        if isinstance(shown, int):
            # A child under 15 goes straight to their own page: no staff-style list first.
            return rx.redirect(routes.child(shown))
        code = str(self.rx_router_page.params.get("import_error", ""))  # set by the import route
        shown |= {
            "can_start_log": may_start_log(person.kind, person.may_hold_logs),
            "can_practise": may_start_practice(person.kind, active=person.deactivated_at is None),
            "import_error": translate(self.lang, IMPORT_ERRORS[code]) if code in IMPORT_ERRORS else "",
            "loaded": True,
        }
        self._assign(shown)
        self._practice_key = uuid4().hex
        return None

    def _lists_read(self) -> Callable[[Session, Person], Shown | int]:
        """A load's database work: the lists, or the log of a child under 15 who has one (told from
        the person read in the same trip: the header's `is_young_child` is set after it)."""
        lang = self.lang

        def lists(session: Session, person: Person) -> Shown | int:
            rows = my_logs(session, person, lang)
            if is_young_child(person.kind, age_on(person.birth_date, today_in_norway())) and len(rows) == 1:
                return rows[0].log_id
            return {
                **self._lists(session, person, rows),
                "import_children": import_children(session, person),
                "unit_refusals": refusals_in_unit(session, person, lang) if person.is_leader else [],
                "asked": asked_logs(session, person),
                "discarded": discarded_for(session, person, lang),
            }

        return lists

    def _lists(self, session: Session, person: Person, rows: list[LogRow]) -> Shown:
        """The person's logs, the unit's, and the relay cards (on a database thread)."""
        unread = unread_by_log(session, person)
        unit = unit_logs(session, person, self.lang)
        return {
            "rows": [replace(row, unread_messages=unread.get(row.log_id, 0)) for row in rows],
            "unit_rows": [row for row in unit if row.status != LogStatus.PASSIVE],
            "unit_passive_rows": [row for row in unit if row.status == LogStatus.PASSIVE],
            "unit_has_closed_cards": any(not row.can_open for row in unit),
            "practice": [
                PracticeCard(
                    p.log_id,
                    p.child_name,
                    translate(self.lang, f"status.{p.status}"),
                    format_short_date(self.lang, p.deleted_on),
                )
                for p in practice_logs_of(session, person)
            ],
            **self._relay_cards(session, person),
        }

    def _relay_cards(self, session: Session, person: Person) -> Shown:
        handovers = [
            HandoverCard(
                h.handover_id,
                h.log_id,
                h.child_first_name,
                h.from_name,
                h.to_name,
                h.reason,
                format_short_date(self.lang, h.proposed_at.date()),
                h.side,
            )
            for h in relay.pending_handovers(session, person)
        ]
        requests = relay.deletion_requests_for(session, person)
        withdrawn = withdrawn_logs(session, [d.log_id for d in requests])
        deletions = [
            DeletionCard(
                d.request_id,
                d.log_id,
                d.child_first_name,
                # A family's withdrawal shows as such, here too.
                translate(self.lang, "status.withdrawn" if d.log_id in withdrawn else f"status.{d.status}"),
                format_short_date(self.lang, d.requested_at.date()),
                d.reason,
            )
            for d in requests
        ]
        return {"handovers": handovers, "deletions": deletions}

    async def _act(self, use_case: Callable[[Session, Person], object], saved_key: str, *, in_dialog: bool = False):
        """Run a relay step as the signed-in person (the service checks the ids and the rights),
        then show the lists again."""
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            await self._db(lambda session: use_case(session, person))
        except PermissionDenied:
            self.answer_open = False
            return notify_refused(translate(self.lang, "error.no_access"))
        except (ValidationFailed, DomainError) as failure:
            text = (
                next(iter(translate_all(self.lang, failure.errors).values()))
                if isinstance(failure, ValidationFailed)
                else translate(self.lang, failure.key)
            )
            if in_dialog:
                self.answer_error = text
                return None
            return notify_refused(text)
        self.answer_open = False
        self._assign(await self._db(lambda session: self._lists(session, person, my_logs(session, person, self.lang))))
        return notify_saved(translate(self.lang, saved_key))

    @rx.event
    async def start_practice(self):
        """A new practice log, held by this person; its plan page opens."""
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        key = self._practice_key or None
        try:
            log_id = await self._db(lambda session: start_practice_log(session, person, request_key=key))
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        return rx.redirect(routes.plan(log_id))

    @rx.event
    @checked_ids
    async def accept_handover(self, handover_id: int):
        return await self._act(lambda s, p: relay.accept_handover(s, p, int(handover_id)), "saved.handover_accepted")

    @rx.event
    @checked_ids
    async def withdraw_handover(self, handover_id: int):
        return await self._act(lambda s, p: relay.withdraw_handover(s, p, int(handover_id)), "saved.handover_withdrawn")

    @rx.event
    @checked_ids
    async def delete_log(self, request_id: int):
        return await self._act(lambda s, p: relay.delete_log(s, p, int(request_id)), "saved.log_deleted")

    @rx.event
    @checked_ids
    def open_answer(self, kind: str, target_id: int):
        """Only for a card this person was shown: the id is checked again when the answer is saved."""
        kind, target_id = str(kind), int(target_id)
        shown = (
            {h.handover_id for h in self.handovers if h.side == "to_me"}
            if kind == "decline"
            else {d.request_id for d in self.deletions}
            if kind == "refuse"
            else set()
        )
        if target_id not in shown:
            return notify_refused(translate(self.lang, "error.no_access"))
        self.answer_kind, self._answer_id, self.answer_error, self.answer_open = kind, target_id, "", True
        self._proposal_log_id = 0
        return None

    @rx.event
    @checked_ids
    async def open_leader_handover(self, log_id: int):
        """A leader opens the proposal for one of the unit's active logs (checked again on saving)."""
        log_id = int(log_id)
        if log_id not in {r.log_id for r in self.unit_rows if r.status == "active"}:
            return notify_refused(translate(self.lang, "error.no_access"))
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            self.holder_candidates = await self._db(lambda session: handover_candidates(session, person, log_id))
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        self._proposal_log_id, self._answer_id = log_id, log_id
        self.answer_kind, self.answer_error, self.answer_open = "propose", "", True
        return None

    @rx.event
    async def submit_answer(self, form_data: dict):
        if not self.answer_open or self._answer_id == 0:
            return None
        text, target = str(form_data.get("text", "")), self._answer_id
        if self.answer_kind == "decline":
            return await self._act(
                lambda s, p: relay.decline_handover(s, p, target, text), "saved.handover_declined", in_dialog=True
            )
        if self.answer_kind == "propose" and self._proposal_log_id == target:
            form = {key: str(form_data.get(key, "")) for key in ("to_person_id", "former")} | {"reason": text}
            return await self._act(
                lambda s, p: propose_for_absent_holder(s, p, target, form), "saved.handover", in_dialog=True
            )
        if self.answer_kind == "refuse":
            return await self._act(
                lambda s, p: relay.refuse_deletion(s, p, target, text), "saved.deletion_refused", in_dialog=True
            )
        return None

    @rx.event
    def set_answer_open(self, is_open: bool):
        self.answer_open = bool(is_open)
