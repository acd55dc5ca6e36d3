"""The life of a log: draft -> active -> passive (-> active again with a new consent)."""

from enum import StrEnum

from stafett_app.domain.errors import InvalidTransition


class LogStatus(StrEnum):
    DRAFT = "draft"  # level 0: early observations, visible only to the author
    ACTIVE = "active"
    PASSIVE = "passive"  # closed or consent withdrawn: read-only, greyed


class Transition(StrEnum):
    ACTIVATE = "activate"  # needs consent on record
    CLOSE = "close"  # needs a closing note
    WITHDRAW = "withdraw"  # the family withdraws consent: closed at once
    REOPEN = "reopen"  # needs a new consent


_ALLOWED: dict[Transition, tuple[frozenset[LogStatus], LogStatus]] = {
    Transition.ACTIVATE: (frozenset({LogStatus.DRAFT}), LogStatus.ACTIVE),
    Transition.CLOSE: (frozenset({LogStatus.ACTIVE}), LogStatus.PASSIVE),
    Transition.WITHDRAW: (frozenset({LogStatus.ACTIVE}), LogStatus.PASSIVE),
    Transition.REOPEN: (frozenset({LogStatus.PASSIVE}), LogStatus.ACTIVE),
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
