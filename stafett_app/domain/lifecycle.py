"""The life of a log: draft -> active -> passive (-> active again with a new consent)."""

from enum import StrEnum

from stafett_app.domain.errors import InvalidTransition
from stafett_app.domain.validation import FieldChecks


class LogStatus(StrEnum):
    DRAFT = "draft"  # level 0: early observations, visible only to the author
    ACTIVE = "active"
    PASSIVE = "passive"  # closed or consent withdrawn: read-only, greyed
    DISCARDED = "discarded"  # a draft that led nowhere: only the author's short summary is kept


class Transition(StrEnum):
    ACTIVATE = "activate"  # needs consent on record
    CLOSE = "close"  # needs a closing note
    WITHDRAW = "withdraw"  # the family withdraws consent: closed at once
    REOPEN = "reopen"  # needs a new consent
    DISCARD = "discard"  # a draft the author lets go, with a summary note


_ALLOWED: dict[Transition, tuple[frozenset[LogStatus], LogStatus]] = {
    Transition.ACTIVATE: (frozenset({LogStatus.DRAFT}), LogStatus.ACTIVE),
    Transition.CLOSE: (frozenset({LogStatus.ACTIVE}), LogStatus.PASSIVE),
    Transition.WITHDRAW: (frozenset({LogStatus.ACTIVE}), LogStatus.PASSIVE),
    Transition.REOPEN: (frozenset({LogStatus.PASSIVE}), LogStatus.ACTIVE),
    Transition.DISCARD: (frozenset({LogStatus.DRAFT}), LogStatus.DISCARDED),
}

MIN_LEVEL, MAX_LEVEL = 0, 3


def can(current: LogStatus, transition: Transition) -> bool:
    return current in _ALLOWED[transition][0]


def holds_meetings(current: LogStatus) -> bool:
    """Only an active log meets: a draft is its author's own notes, shared with nobody yet, and a
    passive log is closed."""
    return current == LogStatus.ACTIVE


def next_status(current: LogStatus, transition: Transition) -> LogStatus:
    if not can(current, transition):
        raise InvalidTransition("error.transition_not_allowed")
    return _ALLOWED[transition][1]


def check_level(status: LogStatus, level: int) -> None:
    """Level 0 is the draft stage; an active log works at level 1 to 3."""
    if not MIN_LEVEL <= level <= MAX_LEVEL:
        raise InvalidTransition("error.level_out_of_range")
    if status == LogStatus.ACTIVE and level == 0:
        raise InvalidTransition("error.active_log_needs_level")


# From level 2 other services take part; before that only the log's own unit can be found.
FIRST_CROSS_SERVICE_LEVEL = 2


def may_find_other_services(level: int) -> bool:
    return level >= FIRST_CROSS_SERVICE_LEVEL


class ClosingReason(StrEnum):
    """Why a log became passive. The first three are the holder's choice when closing; a
    withdrawal is the family's, and the views show it as such (not as "no consent")."""

    GOALS_REACHED = "goals_reached"
    HANDED_TO_IP = "handed_to_ip"  # an individual plan or a child coordinator takes over
    OTHER = "other"
    CONSENT_WITHDRAWN = "consent_withdrawn"


HOLDER_CLOSING_REASONS = (ClosingReason.GOALS_REACHED, ClosingReason.HANDED_TO_IP, ClosingReason.OTHER)

# Levels an active log works at, and the length of the reason for a change.
ACTIVE_LEVELS = range(1, MAX_LEVEL + 1)
LEVEL_REASON_MAX = 300


def check_level_change(status: LogStatus, current: int, new: int, reason: str) -> str:
    """Raise or lower an active log's level (1-3) with a short reason. Returns the cleaned reason.
    A change of level names nobody: new people still need a new consent version."""
    if status != LogStatus.ACTIVE:
        raise InvalidTransition("error.transition_not_allowed")
    checks = FieldChecks()
    if new not in ACTIVE_LEVELS:
        checks.add("level", "error.level_out_of_range")
    elif new == current:
        checks.add("level", "error.level_unchanged")
    cleaned = checks.text("reason", reason, max_length=LEVEL_REASON_MAX)
    checks.raise_if_any()
    return cleaned
