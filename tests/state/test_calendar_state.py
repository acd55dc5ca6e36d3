"""Calendar view handlers: only known views, one step at a time, and a day parsed on the server."""

from datetime import timedelta

import pytest

from stafett_app.domain.calendar_grid import iso_week
from stafett_app.domain.dates import today_in_norway
from stafett_app.pages.calendar.state import CalendarState


@pytest.mark.asyncio
async def test_views_and_steps(sign_in):
    state = await (sign_in("Kari")).get_state(CalendarState)
    await state.load()
    year, week = iso_week(today_in_norway())
    assert state.view == "week" and state.period_title == f"Uke {week}, {year}" and len(state.week_columns) == 7
    await state.step(1)
    next_year, next_week = iso_week(today_in_norway() + timedelta(weeks=1))
    assert state.period_title == f"Uke {next_week}, {next_year}"
    for crafted in (52, "abc", None, [1]):  # only one step at a time, and nothing else
        await state.step(crafted)
    assert state.period_title == f"Uke {next_week}, {next_year}"
    await state.choose_view("year")  # unknown views are ignored
    assert state.view == "week"
    await state.choose_view("month")
    assert state.month_rows and all(len(row.days) == 7 for row in state.month_rows)
    await state.go_to_today()
    meeting = today_in_norway() + timedelta(days=8)  # the seeded meeting
    if meeting.month != today_in_norway().month:
        await state.step(1)
    await state.choose_day(meeting.isoformat())
    meeting_day = meeting.isoformat()
    assert [i.title for i in state.selected_items if i.kind == "meeting"] == ["Samarbeidsmøte"]
    await state.choose_day("not a date")
    assert state.selected_day == meeting_day


@pytest.mark.asyncio
async def test_a_view_set_from_the_browser_falls_back_to_the_list(sign_in):
    state = await (sign_in("Kari")).get_state(CalendarState)
    await state.load()
    state.view = "<script>"  # as a crafted setvar would
    await state.load()
    assert state.view == "list" and state.items
