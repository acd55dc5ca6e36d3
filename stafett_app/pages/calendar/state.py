"""The calendar: meetings and evaluation dates in one's own logs, answers, and the private feed."""

from collections.abc import Callable
from datetime import date

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.domain.calendar_grid import CalendarView, shift
from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.i18n import format_date, translate
from stafett_app.models import Person
from stafett_app.services import meetings
from stafett_app.services.calendar_views import DayColumn, MonthRow, period, read_range
from stafett_app.services.log_cache import cached_reads
from stafett_app.services.meetings import CalendarItem
from stafett_app.state.ids import checked_ids
from stafett_app.state.session import SessionState, Shown, notify_refused, notify_saved


class CalendarState(SessionState):
    items: list[CalendarItem] = []
    loaded: bool = False
    new_feed_url: str = ""  # shown once, right after it is made
    # Week and month views (tablets and larger; phones always get the list).
    view: str = CalendarView.WEEK.value
    period_title: str = ""
    week_columns: list[DayColumn] = []
    month_rows: list[MonthRow] = []
    selected_day: str = ""
    selected_label: str = ""
    selected_items: list[CalendarItem] = []
    _shown: str = ""  # ISO date inside the shown week or month

    def _shown_day(self):
        try:
            return date.fromisoformat(self._shown)
        except ValueError:
            return today_in_norway()

    def _calendar_read(self) -> Callable[[Session, Person], Shown]:
        """The database work of showing the calendar as this tab has it (its view, day and choice)."""
        if self.view not in (CalendarView.WEEK, CalendarView.MONTH):
            self.view = CalendarView.LIST.value  # also whatever else a browser may have set
        lang, view, day, today = self.lang, CalendarView(self.view), self._shown_day(), today_in_norway()
        selected = self.selected_day
        agenda_start, agenda_end = (d.isoformat() for d in meetings.agenda_range(today))

        def read(session: Session, person: Person) -> Shown:
            start, end = read_range(view, day, today)
            with cached_reads(session):  # the children's names: the worker's, when the header read the stamps
                everything = meetings.calendar_for(session, person, lang, today, start=start, end=end)
            found: Shown = {"items": [i for i in everything if agenda_start <= i.iso_day <= agenda_end]}
            if view != CalendarView.LIST:
                shown = period(lang, view, day, today, everything)
                found |= {"period_title": shown.title, "week_columns": shown.columns, "month_rows": shown.rows}
                found["selected_items"] = [i for i in shown.items if i.iso_day == selected]
            return found

        return read

    async def _reload(self, person: Person) -> None:
        read = self._calendar_read()
        self._assign(await self._db(lambda session: read(session, person)))  # a var that holds the same is not sent

    async def _person_for_event(self):
        person = await self._signed_in_person()
        if person is not None:
            await self._reload(person)
        return person

    @rx.event
    async def choose_view(self, view: str):
        if view not in {v.value for v in CalendarView}:
            return
        self.view = view
        if await self._person_for_event() is None:
            return rx.redirect(routes.SIGN_IN)

    @rx.event
    async def step(self, steps: int):
        """One week or month back (-1) or on (+1)."""
        if self.view == CalendarView.LIST or steps not in (
            -1,
            1,
            "-1",
            "1",
        ):  # anything else from the browser is ignored
            return
        self._shown = shift(CalendarView(self.view), self._shown_day(), int(steps)).isoformat()
        self.selected_day, self.selected_items = "", []
        if await self._person_for_event() is None:
            return rx.redirect(routes.SIGN_IN)

    @rx.event
    async def go_to_today(self):
        self._shown = today_in_norway().isoformat()
        self.selected_day, self.selected_items = "", []
        if await self._person_for_event() is None:
            return rx.redirect(routes.SIGN_IN)

    @rx.event
    async def choose_day(self, iso_day: str):
        try:
            chosen = date.fromisoformat(str(iso_day))
        except ValueError:
            return
        self.selected_day = chosen.isoformat()
        self.selected_label = format_date(self.lang, chosen)
        if await self._person_for_event() is None:
            return rx.redirect(routes.SIGN_IN)

    @rx.event
    async def load(self):
        self._shown = today_in_norway().isoformat()
        self._assign({"new_feed_url": "", "selected_day": "", "selected_items": []})
        found = await self._page_person_and_read(self._calendar_read)  # the person's logs: the header's
        if found is None:
            return rx.redirect(routes.SIGN_IN)
        self._assign({**found[1], "loaded": True})

    @rx.event
    @checked_ids
    async def respond(self, meeting_id: int, response: str):
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        try:
            await self._db(lambda session: meetings.respond(session, person, int(meeting_id), str(response)))
        except (PermissionDenied, ValidationFailed, TypeError, ValueError):
            return notify_refused(translate(self.lang, "error.no_access"))
        await self._reload(person)
        return notify_saved(translate(self.lang, "saved.response"))

    @rx.event
    async def renew_feed(self):
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        self.new_feed_url = meetings.feed_url(await self._db(lambda session: meetings.renew_feed(session, person)))
