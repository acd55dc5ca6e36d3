"""Weeks start on Monday; month grids hold whole weeks; ISO week numbers across the new year."""

from datetime import date

import pytest

from stafett_app.domain.calendar_grid import CalendarView, iso_week, month_grid, shift, visible_range, week_days


def test_week_runs_monday_to_sunday():
    days = week_days(date(2026, 11, 26))  # a Thursday
    assert days[0] == date(2026, 11, 23) and days[-1] == date(2026, 11, 29)
    assert week_days(date(2026, 11, 29))[0] == date(2026, 11, 23)  # Sunday belongs to the week before


@pytest.mark.parametrize(
    "day,expected",
    [
        (date(2026, 11, 23), (2026, 48)),
        (date(2026, 12, 31), (2026, 53)),  # 2026 has 53 weeks
        (date(2027, 1, 3), (2026, 53)),
        (date(2024, 12, 31), (2025, 1)),
    ],
)
def test_iso_week_numbers(day, expected):
    assert iso_week(day) == expected


def test_month_grids():
    november = month_grid(2026, 11)  # starts on a Sunday
    assert november[0][0] == date(2026, 10, 26) and november[0][-1] == date(2026, 11, 1)
    assert len(november) == 6 and november[-1][-1] == date(2026, 12, 6)
    february = month_grid(2027, 2)  # starts on a Monday, 28 days
    assert len(february) == 4 and february[0][0] == date(2027, 2, 1)
    assert len(month_grid(2026, 2)) == 5  # starts on a Sunday, 28 days
    assert all(len(row) == 7 for row in november + february)


def test_shift_and_range():
    assert shift(CalendarView.MONTH, date(2026, 12, 15), 1) == date(2027, 1, 1)
    assert shift(CalendarView.MONTH, date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert shift(CalendarView.WEEK, date(2026, 12, 28), 1) == date(2027, 1, 4)
    assert visible_range(CalendarView.WEEK, date(2026, 11, 25)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert visible_range(CalendarView.MONTH, date(2026, 11, 25)) == (date(2026, 10, 26), date(2026, 12, 6))
