"""Meeting mode: only this log, nothing that leads to other logs or lists, and a confirmed exit."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import open_log, sign_in

pytestmark = pytest.mark.browser


def test_meeting_mode_shows_only_this_log(page, viewport):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    page.locator(".start-meeting-mode").click()
    page.wait_for_url(re.compile(r"/logs/\d+/meeting/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Emma")
    expect(page.locator("[data-testid=concern-card]").first).to_be_visible()
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert [h for h in hrefs if not h.endswith("#main")] == []  # no way to other logs, lists or the calendar
    text = page.locator("body").inner_text()
    assert "Jonas" not in text and "Mine logger" not in text and "Kalender" not in text
    page.locator(".leave-meeting-mode").click()
    page.get_by_role("button", name="Bli i møtemodus").click()
    assert page.url.rstrip("/").endswith("/meeting")
    page.locator(".leave-meeting-mode").click()
    page.get_by_role("button", name="Ja, avslutt").click()
    page.wait_for_url(re.compile(r"/logs/\d+/?$"))
    expect(page.locator(".child-card")).to_be_visible()
