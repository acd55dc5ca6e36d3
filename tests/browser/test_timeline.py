"""The log's timeline tab: a new lysglimt shows first, the filter narrows it, and it passes axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import open_log, sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser


def test_glimmer_appears_first_in_the_timeline(page, viewport):
    note = f"Emma hjalp en ny elev i friminuttet ({viewport})"
    sign_in(page, "Siri Berg")
    open_log(page, "Emma")
    card = page.locator("[data-testid=glimmer-card]")
    card.get_by_label("Skriv et lysglimt").fill(note)
    card.get_by_role("button", name="Del lysglimtet").click()
    expect(card.locator(".glimmer").first).to_contain_text(note)

    page.get_by_role("tab", name="Tidslinje").click()
    entries = page.locator("[data-testid=timeline-entry]")
    expect(entries.filter(has_text="Evaluering av").first).to_be_visible()
    page.get_by_role("button", name="Lysglimt", exact=True).click()
    expect(page.get_by_role("button", name="Lysglimt", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(entries.filter(has_text="Evaluering av")).to_have_count(0)
    expect(entries.first).to_contain_text(note)
    expect(entries.first).to_contain_text("Siri")
    found = axe_violations(page, "timeline")
    assert not found, "\n".join(found)
