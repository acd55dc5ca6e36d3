"""The relay from start to finish: a new log, the family's contacts, who is asked for consent,
handover of the baton, and the checks around them. Errors are translation keys per field."""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from stafett_app.domain.dates import age_on
from stafett_app.domain.errors import DomainError, ValidationFailed
from stafett_app.domain.ids import parse_id
from stafett_app.domain.lifecycle import HOLDER_CLOSING_REASONS, ClosingReason
from stafett_app.domain.roles import AGE_OF_OWN_CONSENT, STAFF_ROLES, LogRole
from stafett_app.domain.validation import FieldChecks, checked

NAME_MAX = 80
OBSERVATION_MAX = 2000
SUMMARY_MAX = 600
REASON_MAX = 600
DESCRIPTION_MAX, INTEREST_TEXT_MAX = 600, 120
CLOSING_NOTE_MAX = 2000
# A stafettlogg is for children and young people: 0 to 18 (an expecting mother has a log of her own).
OLDEST_CHILD_AGE = 18


@dataclass(frozen=True)
class NewLog:
    first_name: str
    last_name: str
    birth_date: date
    unit_id: int
    observations: str


NORWAY_COUNTRY_CODE = 47
MAX_HOLDERS = 2  # two only as the exception the holder chooses


def check_new_log(form: dict, *, today: date, allowed_unit_ids: Collection[int]) -> NewLog:
    """The child, the unit and the early observations of a level 0 draft."""
    checks = FieldChecks()
    first = checks.text("first_name", form.get("first_name", ""), max_length=NAME_MAX)
    last = checks.text("last_name", form.get("last_name", ""), max_length=NAME_MAX)
    birth = checks.date("birth_date", form.get("birth_date"))
    if birth is not None:
        if birth > today:
            checks.add("birth_date", "error.birth_date_future")
        elif (age_on(birth, today) or 0) > OLDEST_CHILD_AGE:
            checks.add("birth_date", f"error.child_too_old|{OLDEST_CHILD_AGE}")
    unit_id = parse_id(str(form.get("unit_id")))
    if unit_id is None or unit_id not in set(allowed_unit_ids):
        checks.add("unit_id", "error.choose_one")
    observations = checks.text("observations", form.get("observations", ""), max_length=OBSERVATION_MAX, required=False)
    checks.raise_if_any()
    return NewLog(first, last, birth, unit_id, observations)  # type: ignore[arg-type]


class ObservationKind(StrEnum):
    OBSERVATION = "observation"  # what was seen, with the day it was seen
    TALK = "talk"  # the summary of a first talk: with the leader, colleagues or the family


@dataclass(frozen=True)
class ObservationInput:
    kind: ObservationKind
    observed_on: date
    text: str


def check_observation(form: dict, *, today: date) -> ObservationInput:
    checks = FieldChecks()
    kind = checks.choice("kind", form.get("kind", ObservationKind.OBSERVATION), ObservationKind)
    observed_on = checks.date("observed_on", form.get("observed_on"))
    if observed_on is not None and observed_on > today:
        checks.add("observed_on", "error.date_in_future")
    text = checks.text("text", form.get("text", ""), max_length=OBSERVATION_MAX)
    checks.raise_if_any()
    return ObservationInput(kind, observed_on, text)  # type: ignore[arg-type]


def check_summary(text: str, field: str = "summary", max_length: int = SUMMARY_MAX) -> str:
    checks = FieldChecks()
    cleaned = checks.text(field, text, max_length=max_length)
    checks.raise_if_any()
    return cleaned


@dataclass(frozen=True)
class Contact:
    first_name: str
    last_name: str
    email: str  # normalised
    mobile: str  # E.164, e.g. +4791234567


def normalise_email(raw: str) -> str | None:
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def normalise_mobile(raw: str) -> str | None:
    """A Norwegian mobile number (8 digits starting with 4 or 9, +47 optional), as E.164."""
    try:
        number = phonenumbers.parse(raw.strip(), "NO")
    except phonenumbers.NumberParseException:
        return None
    if (
        number.country_code != NORWAY_COUNTRY_CODE
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_contact(
    form: dict, *, taken_emails: Collection[str] = (), taken_mobiles: Collection[str] = (), names: bool = True
) -> Contact:
    """A guardian (or the young person from 15): name, e-mail and Norwegian mobile number.
    `taken_*` are the contacts of guardians already registered in the log: nobody twice."""
    checks = FieldChecks()
    first = checks.text("first_name", form.get("first_name", ""), max_length=NAME_MAX, required=names)
    last = checks.text("last_name", form.get("last_name", ""), max_length=NAME_MAX, required=names)
    email_raw = checks.text("email", form.get("email", ""), max_length=200)
    email = normalise_email(email_raw) if email_raw else None
    if email_raw and email is None:
        checks.add("email", "error.email_invalid")
    mobile_raw = checks.text("mobile", form.get("mobile", ""), max_length=20)
    mobile = normalise_mobile(mobile_raw) if mobile_raw else None
    if mobile_raw and mobile is None:
        checks.add("mobile", "error.mobile_invalid")
    if email and email in {e.lower() for e in taken_emails}:
        checks.add("email", "error.guardian_twice")
    if mobile and mobile in set(taken_mobiles):
        checks.add("mobile", "error.guardian_twice")
    checks.raise_if_any()
    return Contact(first, last, email, mobile)  # type: ignore[arg-type]


# --- Consent: who is asked, and when a version is on record ---------------------------------


def who_is_asked(
    guardian_ids: Collection[int], child_id: int, child_age: int | None, young_registered: bool
) -> set[int]:
    """The rule for the family's consent, decided here once:

    - under 15, every registered guardian is asked, and the version is on record only when all
      of them have confirmed (parental responsibility is shared);
    - from 15, the young person consents for themself once registered: they alone are asked.

    Nobody to ask is refused: a consent asked of nobody would be a consent from nobody.
    """
    if (child_age or 0) >= AGE_OF_OWN_CONSENT and young_registered:
        return {child_id}
    asked = set(guardian_ids)
    if not asked:
        raise ValidationFailed({"asked": "error.consent_nobody_asked"})
    return asked


def on_record(asked: Collection[int], confirmed: Collection[int]) -> bool:
    """A version is on record when every person asked has confirmed it."""
    return bool(asked) and set(asked) <= set(confirmed)


def check_named(named: Collection[tuple[int, LogRole]], holder_id: int) -> list[tuple[int, LogRole]]:
    """The participants a consent version names: staff roles only, the holder among them,
    one role per person."""
    people = [pid for pid, _ in named]
    if any(role not in STAFF_ROLES for _, role in named) or len(set(people)) != len(people):
        raise ValidationFailed({"named": "error.choose_one"})
    if (holder_id, LogRole.HOLDER) not in set(named):
        raise ValidationFailed({"named": "error.consent_needs_holder"})
    return sorted(set(named))


@dataclass(frozen=True)
class PaperConsent:
    signed_by: str
    signed_on: date


def check_paper_consent(form: dict, *, today: date) -> PaperConsent:
    checks = FieldChecks()
    signed_by = checks.text("signed_by", form.get("signed_by", ""), max_length=200)
    signed_on = checks.date("signed_on", form.get("signed_on"))
    if signed_on is not None and signed_on > today:
        checks.add("signed_on", "error.date_in_future")
    checks.raise_if_any()
    return PaperConsent(signed_by, signed_on)  # type: ignore[arg-type]


class ConsentPath(StrEnum):
    DIGITAL = "digital"
    PAPER = "paper"


# --- Activation, closing ------------------------------------------------------------------


@dataclass(frozen=True)
class Introduction:
    description: str
    interest_text: str
    interest_picture: str


def check_introduction(form: dict, *, known_picture: Callable[[str], bool]) -> Introduction:
    """The short description of the child and what they like (text and a picture key)."""
    checks = FieldChecks()
    description = checks.text("description", form.get("description", ""), max_length=DESCRIPTION_MAX)
    interest = checks.text("interest_text", form.get("interest_text", ""), max_length=INTEREST_TEXT_MAX, required=False)
    picture = (form.get("interest_picture") or "").strip()
    if picture and not known_picture(picture):
        checks.add("interest_picture", "error.choose_one")
    checks.raise_if_any()
    return Introduction(description, interest, picture)


def check_closing(form: dict) -> tuple[str, ClosingReason]:
    """No closing without a note, and a reason the holder chooses."""
    checks = FieldChecks()
    note = checks.text("closing_note", form.get("closing_note", ""), max_length=CLOSING_NOTE_MAX)
    reason = checks.choice("closing_reason", form.get("closing_reason", ""), ClosingReason)
    if reason not in HOLDER_CLOSING_REASONS and "closing_reason" not in checks.errors:
        checks.add("closing_reason", "error.choose_one")
    checks.raise_if_any()
    return note, ClosingReason(checked(reason))


# --- Holders and handover -------------------------------------------------------------------


def check_holder_count(holders: int, *, two_allowed: bool) -> None:
    """Exactly one holder; two only when the holder has chosen that exception."""
    if holders < 1:
        raise DomainError("error.log_needs_holder")
    if holders > (MAX_HOLDERS if two_allowed else 1):
        raise DomainError("error.too_many_holders")


class FormerHolder(StrEnum):
    """What the former holder becomes once the new one accepts."""

    ACTOR = "actor"
    LEAVES = "leaves"
    SECOND_HOLDER = "second_holder"  # the explicit exception: two holders, both shown


class HandoverStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class HandoverInput:
    to_person_id: int
    reason: str
    former: FormerHolder
    concern_ids: frozenset[int]  # the concerns that go along
    closing_note: str  # for the concerns that do not


@dataclass(frozen=True)
class Candidate:
    """A staff member proposed as the new holder."""

    person_id: int
    unit_id: int | None
    may_hold: bool


def check_handover(
    form: dict,
    *,
    candidate: Candidate | None,
    current_holder_ids: Collection[int],
    log_unit_id: int,
    consented_unit_ids: Collection[int],
    concern_ids: Collection[int],
) -> HandoverInput:
    """A proposal: to whom, why, which concerns go along (the rest are closed with a note), and
    what the former holder becomes."""
    checks = FieldChecks()
    if candidate is None:
        checks.add("to_person_id", "error.choose_one")
    elif candidate.person_id in set(current_holder_ids):
        checks.add("to_person_id", "error.handover_to_holder")
    elif not candidate.may_hold:
        checks.add("to_person_id", "error.handover_cannot_hold")
    elif candidate.unit_id != log_unit_id and candidate.unit_id not in set(consented_unit_ids):
        checks.add("to_person_id", "error.handover_unit_not_consented")
    reason = checks.text("reason", form.get("reason", ""), max_length=REASON_MAX)
    former = checks.choice("former", form.get("former", FormerHolder.ACTOR), FormerHolder)
    chosen = {i for i in (parse_id(str(v)) for v in form.get("concern_ids", [])) if i is not None}
    if not chosen <= set(concern_ids):
        checks.add("concern_ids", "error.choose_one")
    left_behind = set(concern_ids) - chosen
    note = checks.text("closing_note", form.get("closing_note", ""), max_length=SUMMARY_MAX, required=bool(left_behind))
    checks.raise_if_any()
    return HandoverInput(candidate.person_id, reason, FormerHolder(checked(former)), frozenset(chosen), note)  # type: ignore[union-attr]


def check_decline(reason: str) -> str:
    return check_summary(reason, "reason", REASON_MAX)


def roles_after_handover(former: FormerHolder) -> LogRole | None:
    """The former holder's role after acceptance (None: they leave the log)."""
    return {FormerHolder.ACTOR: LogRole.ACTOR, FormerHolder.LEAVES: None, FormerHolder.SECOND_HOLDER: LogRole.HOLDER}[
        former
    ]


# --- The log's own history ------------------------------------------------------------------


class LogEventKind(StrEnum):
    """Steps in a log's life, shown in its timeline (catalogue key `timeline.event.<kind>`)."""

    DRAFT_STARTED = "draft_started"
    DRAFT_DISCARDED = "draft_discarded"
    FAMILY_REGISTERED = "family_registered"
    CONSENT_ASKED = "consent_asked"
    CONSENT_CONFIRMED = "consent_confirmed"  # one person asked has confirmed
    CONSENT_ON_RECORD = "consent_on_record"  # text: the path, digital or paper
    ACTIVATED = "activated"
    LEVEL_CHANGED = "level_changed"
    PARTICIPANT_REMOVED = "participant_removed"
    HANDOVER_PROPOSED = "handover_proposed"
    HANDOVER_ACCEPTED = "handover_accepted"
    HANDOVER_DECLINED = "handover_declined"
    HANDOVER_WITHDRAWN = "handover_withdrawn"
    CLOSED = "closed"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    REOPEN_ASKED = "reopen_asked"
    PERIOD_STARTED = "period_started"  # reopened with a new consent: a new period begins
    DELETION_REQUESTED = "deletion_requested"
    DELETION_REFUSED = "deletion_refused"


# --- Deletion -------------------------------------------------------------------------------


class DeletionDecision(StrEnum):
    PENDING = ""
    DELETED = "deleted"
    REFUSED = "refused"


def check_deletion(*, status: str, archived: bool) -> None:
    """A leader deletes a passive log, and only once its archive copy exists."""
    if status != "passive":
        raise DomainError("error.delete_only_passive")
    if not archived:
        raise DomainError("error.delete_needs_archive")
