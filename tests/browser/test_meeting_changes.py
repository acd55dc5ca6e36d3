"""The holder moves a meeting and then cancels it; a participant's calendar follows."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context
from tests.browser.helpers import EVENT_TIMEOUT, sign_in

pytestmark = pytest.mark.browser


def _meeting_in_calendar(page, time_text):
    page.goto("/calendar")
    if page.viewport_size["width"] >= 700:
        page.get_by_role("button", name="Liste", exact=True).click()  # tablets open in the week view
    return page.locator("[data-testid=calendar-item]").filter(has_text="Samarbeidsmøte").filter(has_text=time_text)


def test_moving_and_cancelling_a_meeting(page, browser, app_server, viewport):
    sign_in(page, "Kari Nilsen")
    page.goto("/logs/1")
    panel = page.locator(".minutes-panel")
    # Call a fresh meeting for this run, so the seeded one stays for other tests.
    page.locator(".call-meeting").click()
    form = page.get_by_role("dialog")
    form.get_by_label("Sted").fill(f"Rom flytt ({viewport})")
    form.get_by_label("Klokkeslett").fill("10:00")
    form.locator(".save-button").click()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
    row = panel.locator("[data-testid=minutes-row]").filter(has_text="10:00")
    expect(row.first).to_be_visible(timeout=EVENT_TIMEOUT)

    row.first.locator(".change-meeting").click()
    form = page.get_by_role("dialog")
    expect(form.get_by_role("heading", name="Endre møtet")).to_be_visible()
    expect(form.get_by_label("Sted")).to_have_value(f"Rom flytt ({viewport})")
    form.get_by_label("Klokkeslett").fill("11:45")
    form.locator(".save-button").click()
    expect(page.get_by_text("Møtet er endret.").first).to_be_visible(timeout=EVENT_TIMEOUT)

    other = new_context(browser, app_server, viewport)
    try:
        lise = other.new_page()
        sign_in(lise, "Lise Andersen")
        moved = _meeting_in_calendar(lise, "11:45").filter(has_text=f"Rom flytt ({viewport})")
        expect(moved).to_have_count(1)
        expect(moved.get_by_role("button", name="Ja")).to_have_attribute("aria-pressed", "false")

        moved_row = panel.locator("[data-testid=minutes-row]").filter(has_text="11:45").first
        moved_row.locator(".cancel-meeting").click()
        page.locator(".confirm-cancel-meeting").click()
        expect(page.get_by_text("Møtet er avlyst.").first).to_be_visible(timeout=EVENT_TIMEOUT)
        expect(_meeting_in_calendar(lise, "11:45").filter(has_text=f"Rom flytt ({viewport})")).to_have_count(0)
    finally:
        other.close()
