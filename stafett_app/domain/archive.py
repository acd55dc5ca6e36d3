"""When a log's archive copy is due, and what one print holds. Plain Python, no database.

Every copy has a trigger key that is unique per log, so a trigger never makes two copies however
many workers ask. Periodic copies are computed from the last periodic copy's date (or the day the
log became active), never from "is today the day": a day the server is down is made up on the
next run.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stafett_app.domain.lifecycle import LogStatus


class ArchiveTrigger(StrEnum):
    BIMONTHLY = "bimonthly"  # every two months while the log is active
    YEARLY = "yearly"  # once a year while the log is active
    HANDOVER = "handover"  # a holder is removed or replaced
    CONSENT = "consent"  # a new consent version becomes active
    PASSIVE = "passive"  # the log is closed or consent withdrawn
    DELETION = "deletion"  # before the log is deleted
    ON_DEMAND = "on_demand"  # an operator asked (python -m stafett_app.archive)


class CopyStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"  # tried again on a later run; shown as failed until then


PERIOD_MONTHS = {ArchiveTrigger.BIMONTHLY: 2, ArchiveTrigger.YEARLY: 12}


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def trigger_key(trigger: ArchiveTrigger, occasion: str) -> str:
    """The unique key of one copy in one log: the trigger and what occasioned it."""
    return f"{trigger.value}:{occasion}"[:80]


def periodic_key_date(key: str) -> date | None:
    """The due date a periodic key was made for ("bimonthly:2026-05-01")."""
    try:
        return date.fromisoformat(key.split(":", 1)[1])
    except (IndexError, ValueError):
        return None


def periodic_due(
    status: LogStatus, active_since: date | None, last_due: dict[ArchiveTrigger, date | None], today: date
) -> list[tuple[ArchiveTrigger, str]]:
    """The periodic copies due today, as (trigger, key). `last_due` is the due date of the last
    periodic copy per trigger (None when there is none yet). After a long pause only the latest
    missed date is copied: one snapshot of today's log stands for every date it missed."""
    if status != LogStatus.ACTIVE or active_since is None:
        return []
    due = []
    for trigger, months in PERIOD_MONTHS.items():
        base = last_due.get(trigger) or active_since
        step = add_months(base, months)
        if step > today:
            continue
        while add_months(step, months) <= today:
            step = add_months(step, months)
        due.append((trigger, trigger_key(trigger, step.isoformat())))
    return due


class PrintElement(StrEnum):
    OVERVIEW = "overview"
    CONCERNS = "concerns"  # with goals and measures
    EVALUATIONS = "evaluations"
    COMMENTS = "comments"
    GLIMMERS = "glimmers"
    MEETINGS = "meetings"  # with minutes
    NOTES = "notes"
    CONSENTS = "consents"  # the consent history
    TIMELINE = "timeline"


ALL_ELEMENTS = frozenset(PrintElement)
# "What has been tried", for a referral (to PPT, say): every measure with every evaluation, red
# ones included, and the overview it belongs to.
WHAT_HAS_BEEN_TRIED = frozenset({PrintElement.OVERVIEW, PrintElement.CONCERNS, PrintElement.EVALUATIONS})
PRESETS = {"all": ALL_ELEMENTS, "tried": WHAT_HAS_BEEN_TRIED}


@dataclass(frozen=True)
class Period:
    """Both ends included; None is open."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError("error.period_order")

    def holds(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def parse_elements(names: list[str]) -> frozenset[PrintElement]:
    """Elements chosen in a form or a query string; an unknown name is refused, none means all."""
    chosen: set[PrintElement] = set()
    for name in names:
        if name in PRESETS:
            chosen |= PRESETS[name]
        else:
            try:
                chosen.add(PrintElement(name))
            except ValueError:
                raise ValueError("error.print_unknown_element") from None
    return frozenset(chosen) or ALL_ELEMENTS
