"""Week and month views on a tablet (and the agenda list on a phone)."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from stafett_app.domain.calendar_grid import iso_week, monday_of
from stafett_app.domain.dates import today_in_norway
from tests.browser.helpers import EVENT_TIMEOUT, open_log, sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser
TARGET = today_in_norway() + timedelta(days=16)


def _call_meeting(page, place: str) -> None:
    open_log(page, "Emma")
    page.locator(".call-meeting").click()
    form = page.get_by_role("dialog")
    form.get_by_label("Dato").fill(TARGET.isoformat())
    form.get_by_label("Klokkeslett").fill("10:15")
    form.get_by_label("Sted").fill(place)
    form.locator(".save-button").click()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)


@pytest.mark.parametrize("viewport", ["tablet"])
def test_week_and_month_views(page, viewport):
    sign_in(page, "Kari Nilsen")
    _call_meeting(page, "Kalenderrommet")
    page.goto("/calendar")
    year, week = iso_week(today_in_norway())
    expect(page.get_by_role("heading", name=f"Uke {week}, {year}")).to_be_visible()
    expect(page.locator(".agenda-list")).to_be_hidden()
    found = axe_violations(page, "week view")

    for _ in range((monday_of(TARGET) - monday_of(today_in_norway())).days // 7):
        page.locator(".step-on").click()
    day = page.locator(f"[data-testid=week-day][data-day='{TARGET.isoformat()}']")
    item = day.locator("[data-testid=week-item]").filter(has_text="10:15")
    expect(item).to_contain_text("Emma")
    item.click()
    chosen = page.locator(".selected-day [data-testid=calendar-item]").filter(has_text="Kalenderrommet")
    expect(chosen).to_have_count(1)
    expect(chosen.get_by_role("button", name="Ja")).to_be_visible()
    page.locator(".go-today").click()
    expect(page.get_by_role("heading", name=f"Uke {week}, {year}")).to_be_visible()

    page.get_by_role("button", name="Måned", exact=True).click()
    months_ahead = (TARGET.year - today_in_norway().year) * 12 + TARGET.month - today_in_norway().month
    for _ in range(months_ahead):
        page.locator(".step-on").click()
    cell = page.locator(f"[data-testid=month-day][data-day='{TARGET.isoformat()}'] button")
    expect(cell).to_have_attribute("aria-label", re.compile(r"møte"))
    cell.click()
    expect(page.locator(".selected-day [data-testid=calendar-item]").filter(has_text="Kalenderrommet")).to_have_count(1)
    found += axe_violations(page, "month view")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("viewport", ["phone"])
def test_phone_keeps_the_agenda_list(page, viewport):
    sign_in(page, "Kari Nilsen")
    page.goto("/calendar")
    expect(page.locator("[data-testid=calendar-item]").first).to_be_visible()
    expect(page.locator(".calendar-switch")).to_be_hidden()
    expect(page.locator(".week-view")).to_be_hidden()
