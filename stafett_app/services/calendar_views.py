"""Week and month views of the calendar, built from the same items as the agenda list."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from stafett_app.domain.calendar_grid import CalendarView, iso_week, month_grid, visible_range, week_days
from stafett_app.i18n import format_date, format_day_short, format_month_title, translate, translate_plural
from stafett_app.services.meetings import CalendarItem, agenda_range


def read_range(view: CalendarView, shown: date, today: date) -> tuple[date, date]:
    """The days a calendar load reads: the agenda list's, and the week's or month's shown."""
    start, end = agenda_range(today)
    if view == CalendarView.LIST:
        return start, end
    first, last = visible_range(view, shown)
    return min(start, first), max(end, last)


@dataclass
class DayColumn:
    iso: str
    short_label: str  # "man. 23.11."
    full_label: str  # "mandag 23. november"
    is_today: bool
    day_items: list[CalendarItem] = field(default_factory=list)  # not "items": a Var of an object has .items()


@dataclass
class DayCell:
    iso: str
    number: int
    in_month: bool
    is_today: bool
    meetings: int
    evaluations: int
    label: str  # the accessible name: the date and what happens


@dataclass
class MonthRow:
    week: int
    days: list[DayCell]


@dataclass
class Period:
    title: str
    columns: list[DayColumn] = field(default_factory=list)
    rows: list[MonthRow] = field(default_factory=list)
    items: list[CalendarItem] = field(default_factory=list)


def _by_day(items: list[CalendarItem]) -> dict[str, list[CalendarItem]]:
    grouped: dict[str, list[CalendarItem]] = defaultdict(list)
    for item in items:
        grouped[item.iso_day].append(item)
    return grouped


def _cell_label(lang: str, day: date, meetings: int, evaluations: int) -> str:
    parts = [format_date(lang, day)]
    if meetings:
        parts.append(translate_plural(lang, "calendar.count_meetings", meetings))
    if evaluations:
        parts.append(translate_plural(lang, "calendar.count_evaluations", evaluations))
    return ", ".join(parts)


def period(lang: str, view: CalendarView, shown: date, today: date, read: list[CalendarItem]) -> Period:
    """The week or month around `shown`, from items read for at least its days (meetings.calendar_for
    over read_range: the agenda list's and the view's days in one read)."""
    start, end = (day.isoformat() for day in visible_range(view, shown))
    items = [item for item in read if start <= item.iso_day <= end]
    grouped = _by_day(items)
    if view == CalendarView.WEEK:
        year, week = iso_week(shown)
        columns = [
            DayColumn(
                d.isoformat(),
                format_day_short(lang, d),
                format_date(lang, d),
                d == today,
                grouped.get(d.isoformat(), []),
            )
            for d in week_days(shown)
        ]
        return Period(translate(lang, "calendar.week_title", week=week, year=year), columns=columns, items=items)
    rows = []
    for week_days_of_row in month_grid(shown.year, shown.month):
        cells = []
        for d in week_days_of_row:
            day_items = grouped.get(d.isoformat(), [])
            meetings = sum(1 for i in day_items if i.kind == "meeting")
            cells.append(
                DayCell(
                    d.isoformat(),
                    d.day,
                    d.month == shown.month,
                    d == today,
                    meetings,
                    len(day_items) - meetings,
                    _cell_label(lang, d, meetings, len(day_items) - meetings),
                )
            )
        rows.append(MonthRow(iso_week(week_days_of_row[0])[1], cells))
    return Period(format_month_title(lang, shown), rows=rows, items=items)
