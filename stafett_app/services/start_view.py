"""The start of the relay as the holder sees it on the plan page: the draft's early observations,
the family registered, who is proposed and who has consented, and what step comes next. And the
consent proposal as one guardian (or the young person from 15) sees it on the family page.

Only what the person may do is offered; every step is checked again by its use case."""

from dataclasses import dataclass, field

from sqlmodel import Session

from stafett_app.domain import relay
from stafett_app.domain.dates import age_on, today_in_norway
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.permissions import Action, LogAccess, may
from stafett_app.domain.roles import LogRole
from stafett_app.i18n import format_date, translate
from stafett_app.models import Person, StafettLog, id_of
from stafett_app.services import consent_flow, log_cache, new_log, read
from stafett_app.services.access import access_for


@dataclass
class ObservationView:
    observation_id: int
    kind: str
    kind_label: str
    observed_on: str
    text: str


@dataclass
class AskedView:
    person_id: int
    name: str
    confirmed: bool


@dataclass
class NamedView:
    person_id: int
    name: str
    role: str
    role_label: str
    unit_name: str
    why: str = ""


@dataclass
class StartView:
    shown: bool = False  # the person may ask for consent here (the draft's author, the holder)
    is_draft: bool = False
    observations: list[ObservationView] = field(default_factory=list)
    guardians: list[str] = field(default_factory=list)  # the guardians registered, by name
    can_register: bool = False
    young_person_possible: bool = False  # the child is 15 or older and not yet registered
    young_person_registered: bool = False
    can_ask: bool = False
    request_id: int = 0
    asked: list[AskedView] = field(default_factory=list)
    proposed: list[NamedView] = field(default_factory=list)
    consent_version: int = 0
    consent_path: str = ""  # digital or paper: which path the consent in force came by
    consent_path_label: str = ""
    can_activate: bool = False
    can_edit_intro: bool = False
    is_practice: bool = False  # the practising person may confirm for the invented family


def _named(rows: list[consent_flow.NamedRow], lang: str) -> list[NamedView]:
    return [NamedView(r.person_id, r.name, r.role, translate(lang, f"role.{r.role}"), r.unit_name, r.why) for r in rows]


def _asked(rows: list[consent_flow.AskedRow]) -> list[AskedView]:
    return [AskedView(r.person_id, r.name, r.confirmed) for r in rows]


def start_view(session: Session, person: Person, log_id: int, lang: str) -> StartView:
    """Empty (not shown) for anyone who may not ask for consent in this log."""
    log = session.get(StafettLog, log_id)
    if log is None:
        return StartView()
    access = access_for(session, log, person)
    if not may(access, Action.ASK_CONSENT):
        return StartView()
    # Kept while the log's people part (everything it reads of the log), the people and units it names,
    # the log's row, the reader's access and the day (the child's age) are the same: a plan page load
    # then reads none of it again, and a lysglimt leaves it standing.
    return log_cache.kept_while(
        session,
        log_id,
        ("start view", access.person_id, lang),
        lambda stamps, site: (stamps.people, site, log_cache.row_values(log), access, today_in_norway()),
        lambda: _built(session, person, log, access, lang),
    )


def _built(session: Session, person: Person, log: StafettLog, access: LogAccess, lang: str) -> StartView:
    log_id = id_of(log)
    status = consent_flow.consent_status(session, person, log_id)
    child = read.person_by_id(session, log.child_id)
    age = age_on(child.birth_date, today_in_norway()) if child else None
    is_draft = log.status == LogStatus.DRAFT
    observations = [
        ObservationView(
            o.observation_id,
            o.kind,
            translate(lang, f"observation.kind.{o.kind}"),
            format_date(lang, o.observed_on),
            o.text,
        )
        for o in new_log.observations_of(session, person, log_id)
    ]
    guardian_ids = [p.person_id for p in read.participants_in_force(session, log_id) if p.role == LogRole.GUARDIAN]
    guardians = [g for _id, g in sorted(read.people_by_id(session, set(guardian_ids)).items())]
    return StartView(
        shown=True,
        guardians=[f"{g.first_name} {g.last_name}" for g in guardians],
        is_draft=is_draft,
        observations=observations,
        can_register=may(access, Action.REGISTER_FAMILY),
        young_person_possible=(age or 0) >= relay.AGE_OF_OWN_CONSENT and not log.young_person_consents,
        young_person_registered=log.young_person_consents,
        can_ask=True,
        request_id=status.request_id or 0,
        asked=_asked(status.asked),
        proposed=_named(status.proposed, lang),
        consent_version=status.version,
        consent_path=status.path,
        consent_path_label=translate(lang, f"consent.path.{status.path}") if status.path else "",
        can_activate=is_draft and status.version > 0 and not status.withdrawn and may(access, Action.ACTIVATE),
        can_edit_intro=not is_draft and may(access, Action.EDIT_PLAN),
        is_practice=log.is_practice,
    )


@dataclass
class ProposalView:
    """One consent request on the family's page: who is proposed, in which role and unit, and why."""

    request_id: int
    reopen: bool
    confirmed_by_me: bool
    asked: list[AskedView]
    proposed: list[NamedView]


def proposals_for(session: Session, person: Person, log_id: int, lang: str) -> list[ProposalView]:
    """The open requests of this log that this person is asked to confirm, and nothing else of it:
    being asked is the permission (consent_flow.requests_for). Kept while the log's people (whose part
    the requests are), people's names and units' names hold."""

    def build() -> list[ProposalView]:
        return [
            ProposalView(r.request_id, r.reopen, r.confirmed_by_me, _asked(r.asked), _named(r.proposed, lang))
            for r in consent_flow.requests_for(session, person, log_id)
        ]

    return log_cache.kept_while(
        session,
        log_id,
        ("proposals", person.id, lang),
        lambda stamps, site: (stamps.people, site.person, site.unit),
        build,
    )


@dataclass
class AskedLogView:
    """On *Mine logger*: a log whose family is asked for consent, linking to the family page."""

    log_id: int
    request_id: int
    child_first_name: str
    confirmed_by_me: bool


def asked_logs(session: Session, person: Person) -> list[AskedLogView]:
    """Open requests for this person, one per log (a guardian does not see a draft in the list)."""
    return [AskedLogView(*row) for row in consent_flow.asked_by_log(session, person)]


@dataclass
class DiscardedView:
    """A draft its author discarded: only the summary they wrote is kept, for them."""

    log_id: int
    child_name: str
    summary: str
    discarded_on: str


def discarded_for(session: Session, person: Person, lang: str) -> list[DiscardedView]:
    return [
        DiscardedView(
            r.log_id, r.child_name, r.summary, format_date(lang, r.discarded_at.date()) if r.discarded_at else ""
        )
        for r in new_log.discarded_drafts(session, person)
    ]
