"""The unit leader's page: figures about their own units and the unit's logs, a page at a time.

Only counts, child first names, holders and dates reach the browser; never a log's content and
never an identity number. Every handler asks the service, which checks the leadership again."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.domain.dates import NORWAY, today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.leadership import ListQuery, chosen_unit, page_count, parse_list_query
from stafett_app.i18n import format_short_date, translate
from stafett_app.models import Person, Unit, id_of
from stafett_app.services import leader_stats
from stafett_app.settings import get_settings
from stafett_app.state.session import SessionState, notify_refused


@dataclass
class ChartRow:
    key: str
    label: str
    count: int


@dataclass
class UnitChoice:
    value: str  # the unit's id
    label: str


@dataclass
class LogLine:
    log_id: int
    child: str
    holder: str
    detail: str


@dataclass
class TableLine:
    log_id: int
    child: str
    status: str
    status_label: str
    level: int
    holder: str
    next_evaluation: str
    overdue: int
    last_activity: str


def _local_date(lang: str, at: datetime | None) -> str:
    """Stored timestamps are naive UTC; the leader reads the Norwegian date."""
    return "" if at is None else format_short_date(lang, at.replace(tzinfo=UTC).astimezone(NORWAY).date())


# A page load's reads: the person's units, the one shown, its figures, its list and the list's query.
_PageRead = tuple[list[Unit], int | None, leader_stats.Dashboard, leader_stats.TablePage, ListQuery]


class LeaderState(SessionState):
    loaded: bool = False
    unit_names: str = ""
    # A person who leads several units sees one at a time and chooses which.
    unit_choices: list[UnitChoice] = []
    unit: str = ""  # shown in the chooser; the server keeps its own choice in _unit_id
    _unit_id: int | None = None
    active_logs: int = 0
    school_environment: int = 0
    overdue_logs: int = 0
    overdue_measures: int = 0
    idle_weeks: int = 6
    idle_logs: int = 0
    without_holder: int = 0
    handovers_waiting: int = 0
    refusals: int = 0
    by_level: list[ChartRow] = []
    by_category: list[ChartRow] = []
    refusals_by_action: list[ChartRow] = []
    overdue_list: list[LogLine] = []
    idle_list: list[LogLine] = []
    without_holder_list: list[LogLine] = []
    handovers_waiting_list: list[LogLine] = []

    rows: list[TableLine] = []
    total: int = 0
    page: int = 0
    pages: int = 1
    sort: str = "next_evaluation"
    descending: bool = False
    status_filter: str = "all"
    level_filter: str = "all"
    holder_filter: str = "all"

    @rx.event
    async def load(self):
        try:
            found = await self._page_person_and_read(lambda: self._page_read(self._unit_id, self._query()))
            if found is None:
                return rx.redirect(routes.SIGN_IN)
            person, (led, self._unit_id, board, table, query) = found
            choices = [UnitChoice(str(u.id), u.name) for u in led]
            self._assign({"unit_choices": choices, "unit": str(self._unit_id or "")})
            self._show_dashboard(board)
            await self._show_table(person, table, query)
        except PermissionDenied:
            return rx.redirect(routes.NO_ACCESS)
        self._assign({"loaded": True})
        return None

    def _page_read(self, unit_id: int | None, query: ListQuery) -> Callable[[Session, Person], _PageRead]:
        """A page load's database work: the person's units, the one shown, its figures and its list."""
        dashboard, table = self._dashboard_read(), self._table_read(query)

        def read(session: Session, person: Person) -> _PageRead:
            led = leader_stats.leader_units(session, person)
            chosen = chosen_unit(frozenset(id_of(u) for u in led), unit_id, person.unit_id)
            return led, chosen, dashboard(session, person, chosen), table(session, person, chosen), query

        return read

    @rx.event
    async def choose_unit(self, value: str):
        """Another of the person's units. The service checks the leadership again: a crafted id is
        refused (and recorded), and the page stays on the unit it showed."""
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        shown = self._unit_id
        try:
            wanted = int(str(value))  # checked against the led units in Python, before any SQL
            self._unit_id = wanted
            await self._load_dashboard(person)
            await self._load_table(person, parse_list_query(**self._raw(), page=0))
        except (ValueError, PermissionDenied):
            self._unit_id = shown
            self.unit = str(shown or "")
            return notify_refused(translate(self.lang, "error.no_access"))
        self.unit = str(wanted)
        return None

    def _dashboard_read(self) -> Callable[[Session, Person, int | None], leader_stats.Dashboard]:
        labels, idle_weeks = leader_stats.labels_in(self.lang), get_settings().leader_idle_weeks

        def read(session: Session, person: Person, unit_id: int | None) -> leader_stats.Dashboard:
            return leader_stats.dashboard(
                session,
                person,
                today=today_in_norway(),
                now=utcnow(),
                idle_weeks=idle_weeks,
                labels=labels,
                unit_id=unit_id,
            )

        return read

    async def _load_dashboard(self, person: Person) -> None:
        read, unit_id = self._dashboard_read(), self._unit_id
        self._show_dashboard(await self._db(lambda session: read(session, person, unit_id)))

    def _show_dashboard(self, board: leader_stats.Dashboard) -> None:
        line = lambda r, shown="": LogLine(r.log_id, r.child_first_name, r.holder_name, shown)  # noqa: E731
        # A var that holds the same already is not sent again (a sort or a page of the list changes none).
        self._assign(
            {
                "unit_names": ", ".join(board.unit_names),
                "active_logs": board.active_logs,
                "school_environment": board.school_environment,
                "overdue_logs": board.overdue_logs,
                "overdue_measures": board.overdue_measures,
                "idle_weeks": board.idle_weeks,
                "idle_logs": board.idle_logs,
                "without_holder": board.without_holder,
                "refusals": board.refusals,
                "by_level": [ChartRow(c.key, c.label, c.count) for c in board.by_level],
                # The chart shows the categories in use; all twelve at zero would be noise.
                "by_category": [ChartRow(c.key, c.label, c.count) for c in board.by_category if c.count],
                "refusals_by_action": [ChartRow(c.key, c.label, c.count) for c in board.refusals_by_action],
                "overdue_list": [line(r, str(r.overdue)) for r in board.overdue_list],
                "idle_list": [line(r, _local_date(self.lang, r.last_activity)) for r in board.idle_list],
                "handovers_waiting": board.handovers_waiting,
                "handovers_waiting_list": [line(r) for r in board.handovers_waiting_list],
                "without_holder_list": [line(r) for r in board.without_holder_list],
            }
        )

    def _query(self) -> ListQuery:
        return parse_list_query(
            sort=self.sort,
            direction="desc" if self.descending else "asc",
            status="" if self.status_filter == "all" else self.status_filter,
            level="" if self.level_filter == "all" else self.level_filter,
            holder=self.holder_filter,
            page=self.page,
        )

    @staticmethod
    def _table_read(query: ListQuery) -> Callable[[Session, Person, int | None], leader_stats.TablePage]:
        def read(session: Session, person: Person, unit_id: int | None) -> leader_stats.TablePage:
            return leader_stats.log_table(session, person, query, today=today_in_norway(), unit_id=unit_id)

        return read

    async def _load_table(self, person: Person, query: ListQuery) -> None:
        read, unit_id = self._table_read(query), self._unit_id
        await self._show_table(person, await self._db(lambda session: read(session, person, unit_id)), query)

    async def _show_table(self, person: Person, found: leader_stats.TablePage, query: ListQuery) -> None:
        lang, pages = self.lang, page_count(found.total)
        rows = [
            TableLine(
                log_id=r.log_id,
                child=r.child_first_name,
                status=r.status,
                status_label=translate(lang, f"status.{r.status}"),
                level=r.level,
                holder=r.holder_name,
                next_evaluation=format_short_date(lang, r.next_evaluation),
                overdue=r.overdue,
                last_activity=_local_date(lang, r.last_activity),
            )
            for r in found.rows
        ]
        # What was understood, back in the vars: a crafted value shows as the default it fell back to.
        self._assign(
            {
                "rows": rows,
                "total": found.total,
                "pages": pages,
                "sort": query.sort.value,
                "descending": query.descending,
                "page": min(query.page, pages - 1),
                "status_filter": query.status.value if query.status else "all",
                "level_filter": str(query.level) if query.level else "all",
                "holder_filter": query.holder.value,
            }
        )
        if query.page > self.page:  # past the end: show the last page
            await self._load_table(person, parse_list_query(**self._raw(), page=self.page))

    def _raw(self) -> dict[str, str]:
        return {
            "sort": self.sort,
            "direction": "desc" if self.descending else "asc",
            "status": "" if self.status_filter == "all" else self.status_filter,
            "level": "" if self.level_filter == "all" else self.level_filter,
            "holder": self.holder_filter,
        }

    async def _reload(self, **changes: object):
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        raw: dict = {**self._raw(), "page": self.page, **changes}
        try:
            await self._load_table(person, parse_list_query(**raw))
        except PermissionDenied:
            return rx.redirect(routes.NO_ACCESS)
        return None

    @rx.event
    async def sort_by(self, key: str):
        """A column header: the same column again turns the order round."""
        direction = ("asc" if self.descending else "desc") if key == self.sort else "asc"
        return await self._reload(sort=str(key), direction=direction, page=0)

    @rx.event
    async def filter_status(self, value: str):
        return await self._reload(status="" if value == "all" else str(value), page=0)

    @rx.event
    async def filter_level(self, value: str):
        return await self._reload(level="" if value == "all" else str(value), page=0)

    @rx.event
    async def filter_holder(self, value: str):
        return await self._reload(holder=str(value), page=0)

    @rx.event
    async def next_page(self):
        return await self._reload(page=self.page + 1)

    @rx.event
    async def previous_page(self):
        return await self._reload(page=max(0, self.page - 1))
