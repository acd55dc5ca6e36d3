"""Weeks and months for the calendar: Norwegian weeks start on Monday and carry ISO week numbers."""

from datetime import date, timedelta
from enum import StrEnum


class CalendarView(StrEnum):
    LIST = "list"
    WEEK = "week"
    MONTH = "month"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_days(day: date) -> list[date]:
    start = monday_of(day)
    return [start + timedelta(days=offset) for offset in range(7)]


def iso_week(day: date) -> tuple[int, int]:
    """(ISO year, week number): 31 December 2024 is in week 1 of 2025."""
    year, week, _ = day.isocalendar()
    return year, week


def month_grid(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) that hold any day of the month, with the neighbours' days filling them."""
    first = date(year, month, 1)
    next_month = date(year + month // 12, month % 12 + 1, 1)
    rows, start = [], monday_of(first)
    while start < next_month:
        rows.append([start + timedelta(days=offset) for offset in range(7)])
        start += timedelta(days=7)
    return rows


def shift(view: CalendarView, day: date, steps: int) -> date:
    """The day `steps` weeks or months away (the first of the month for months)."""
    if view == CalendarView.MONTH:
        index = day.year * 12 + (day.month - 1) + steps
        return date(index // 12, index % 12 + 1, 1)
    return day + timedelta(weeks=steps)


def visible_range(view: CalendarView, day: date) -> tuple[date, date]:
    if view == CalendarView.MONTH:
        rows = month_grid(day.year, day.month)
        return rows[0][0], rows[-1][-1]
    days = week_days(day)
    return days[0], days[-1]
