"""Calling a meeting, seeing it in two participants' calendars, answering, and the .ics file."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import new_context
from tests.browser.helpers import open_log, sign_in

pytestmark = pytest.mark.browser


def test_meeting_reaches_two_calendars(page, browser, app_server, viewport):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    page.locator(".call-meeting").click()
    form = page.get_by_role("dialog")
    expect(form.get_by_label("Saksliste")).to_have_value(re.compile(r"\(10 min\).*\(50 min\)", re.DOTALL))
    form.get_by_label("Sted").fill(f"Møterom 2 ({viewport})")
    time_box = form.get_by_label("Klokkeslett")
    time_box.fill("09:30" if viewport == "phone" else "13:15")
    form.locator(".save-button").click()
    expect(form).to_be_hidden()

    for who in ("Lise Andersen", "Siri Berg"):
        context = new_context(browser, app_server, viewport)
        try:
            other = context.new_page()
            sign_in(other, who)
            other.goto("/calendar")
            if viewport == "tablet":
                other.get_by_role("button", name="Liste", exact=True).click()  # tablets open in the week view
            meeting = (
                other.locator("[data-testid=calendar-item]")
                .filter(has_text="Samarbeidsmøte")
                .filter(has_text="09:30" if viewport == "phone" else "13:15")
            )
            expect(meeting).to_have_count(1)
            expect(meeting).to_contain_text("Emma")
            if who == "Lise Andersen":
                meeting.get_by_role("button", name="Ja").click()
                expect(meeting.get_by_role("button", name="Ja")).to_have_attribute("aria-pressed", "true")
                href = meeting.get_by_role("link", name=re.compile(r"\.ics")).get_attribute("href")
                response = other.request.get(href)
                assert response.ok and response.headers["content-type"].startswith("text/calendar")
                event = Calendar.from_ical(response.body()).walk("VEVENT")[0]
                assert str(event["SUMMARY"]) == "Stafett-møte" and "Emma" not in response.text()
        finally:
            context.close()
