"""A unit leader's rights: which units they lead, and the safe shape of their list query.

A leader sees figures about their own units and the unit's log list (who holds which log, how
far behind it is), never a log's content: opening a log still needs a role in it (permissions.py).
"""

from dataclasses import dataclass
from enum import StrEnum

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.lifecycle import MAX_LEVEL, LogStatus

PAGE_SIZE = 25
DEFAULT_IDLE_WEEKS = 6


def led_units(*, is_leader: bool, unit_id: int | None, active: bool = True) -> frozenset[int]:
    """The units a person leads: a leader leads the unit they work in; nobody else leads any."""
    if not is_leader or unit_id is None or not active:
        return frozenset()
    return frozenset({unit_id})


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
