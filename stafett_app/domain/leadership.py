"""A unit leader's rights: which units they lead, and the safe shape of their list query.

A leader sees figures about their own units and the unit's log list (who holds which log, how
far behind it is), never a log's content: opening a log still needs a role in it (permissions.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.lifecycle import MAX_LEVEL, LogStatus
from stafett_app.domain.roles import PersonKind

PAGE_SIZE = 25
DEFAULT_IDLE_WEEKS = 6


def led_units(*, linked_units: Iterable[int], active: bool = True) -> frozenset[int]:
    """The units a person leads: every unit the administrator made them leader of (the unit_leader
    links; one person may lead several), while they are active. Nobody else leads any."""
    if not active:
        return frozenset()
    return frozenset(linked_units)


def chosen_unit(led: frozenset[int], wanted: int | None, home: int | None = None) -> int | None:
    """The unit a leader's page shows: the one asked for, when they lead it; else the unit they work
    in, when they lead it; else the first they lead (by id, so the page is stable). None when they
    lead nothing. A crafted id never gets through."""
    for candidate in (wanted, home):
        if candidate is not None and candidate in led:
            return candidate
    return min(led) if led else None


def may_be_made_leader(*, kind: str, active: bool) -> bool:
    """The administrator makes any active employee a unit's leader, also one who works in another unit."""
    return kind == PersonKind.STAFF and active


def may_lead(led: frozenset[int], unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in led


def require_lead(led: frozenset[int], unit_id: int | None) -> None:
    if not may_lead(led, unit_id):
        raise PermissionDenied()


class SortKey(StrEnum):
    CHILD = "child"
    STATUS = "status"
    LEVEL = "level"
    HOLDER = "holder"
    NEXT_EVALUATION = "next_evaluation"
    OVERDUE = "overdue"
    LAST_ACTIVITY = "last_activity"


class HolderFilter(StrEnum):
    ALL = "all"
    MISSING = "missing"  # logs without a holder


@dataclass(frozen=True)
class ListQuery:
    """The leader's table: sort, filters and page, each checked against what exists."""

    sort: SortKey = SortKey.NEXT_EVALUATION
    descending: bool = False
    status: LogStatus | None = None  # None: active and passive (drafts are never listed)
    level: int | None = None
    holder: HolderFilter = HolderFilter.ALL
    page: int = 0

    @property
    def offset(self) -> int:
        return self.page * PAGE_SIZE


def parse_list_query(
    *, sort: str = "", direction: str = "", status: str = "", level: str = "", holder: str = "", page: object = 0
) -> ListQuery:
    """Values from the browser: anything unknown falls back to the default, never reaches SQL."""
    sort_key = SortKey(sort) if sort in SortKey.__members__.values() else SortKey.NEXT_EVALUATION
    chosen_status = LogStatus(status) if status in (LogStatus.ACTIVE, LogStatus.PASSIVE) else None
    chosen_level = int(level) if level in {str(n) for n in range(1, MAX_LEVEL + 1)} else None
    chosen_holder = HolderFilter(holder) if holder in HolderFilter.__members__.values() else HolderFilter.ALL
    try:
        page_number = max(0, min(int(str(page)), 10_000))
    except ValueError:
        page_number = 0
    return ListQuery(sort_key, direction == "desc", chosen_status, chosen_level, chosen_holder, page_number)


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))
