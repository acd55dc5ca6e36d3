"""The unit leader's page at phone, tablet and desktop size: figures, charts with their tables,
the paged and sortable log list, the CSV, and no violations by axe. Others are refused."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import sign_in
from tests.browser.test_access import expect_no_access
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

SIZES = ["phone", "tablet", "desktop"]


def open_leader_page(page: Page, name: str) -> None:
    sign_in(page, name)
    page.locator(".leader-link").click()
    page.wait_for_url(re.compile(r"/leader/?$"))
    # The first visit after the server starts can be slow on a busy machine.
    expect(page.get_by_role("heading", level=1, name="Lederoversikt")).to_be_visible(timeout=45_000)


def position(page: Page):
    return page.locator("[data-testid=table-position]")


@pytest.mark.parametrize("viewport", SIZES, indirect=True)
def test_leader_overview(page: Page, viewport: str):
    open_leader_page(page, "Marte Solberg")
    expect(page.get_by_text("Elvdal ungdomsskole")).to_be_visible()
    expect(page.locator("[data-testid=figure-active]")).to_contain_text("56")
    expect(page.locator("[data-testid=figure-without-holder]")).to_contain_text("4")
    expect(page.locator("[data-testid=figure-refusals]")).to_contain_text("3")
    # Each chart has its figures as a table too.
    level_table = page.locator("[data-testid=table-level]")
    expect(level_table.get_by_role("rowheader")).to_have_count(3)
    expect(level_table.get_by_role("rowheader", name="Nivå 1")).to_be_visible()
    expect(page.locator("[data-testid=table-category]").get_by_role("rowheader").first).to_be_visible()
    expect(page.locator(".recharts-surface").first).to_be_visible()
    expect(page.locator("[data-testid=list-without-holder] li")).to_have_count(4)
    expect(page.locator("[data-testid=list-handovers]")).to_contain_text("Overleveringer som venter")

    rows = page.locator("#leader-table .leader-row")
    expect(rows).to_have_count(25)
    expect(position(page)).to_have_text("Side 1 av 3 · 60 logger")
    page.screenshot(path=str(ARTIFACTS / f"leader-{viewport}.png"), full_page=True)
    assert not axe_violations(page, f"leader {viewport}")

    page.get_by_role("button", name="Neste side").click()
    expect(position(page)).to_have_text("Side 2 av 3 · 60 logger")

    page.get_by_role("button", name="Barn", exact=True).click()  # sorting starts again at page 1
    expect(position(page)).to_have_text("Side 1 av 3 · 60 logger")
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Barn")
    expect(rows.first.get_by_role("rowheader")).to_contain_text("Aksel")
    page.get_by_role("button", name="Barn", exact=True).click()
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Barn")
    expect(rows.first.get_by_role("rowheader")).to_contain_text("Ylva")

    page.locator("#filter-holder").click()
    page.get_by_role("option", name="Mangler holder").click()
    expect(position(page)).to_have_text("Side 1 av 1 · 5 logger")
    expect(rows).to_have_count(5)
    expect(rows.filter(has_text="Ingen holder")).to_have_count(5)

    # Nothing here opens a log: the leader has no role in them.
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert not [href for href in hrefs if re.search(r"/logs/\d", href)]

    csv = page.request.get("/leader/figures.csv")
    assert csv.status == 200 and "active_logs,,Aktive logger,56" in csv.text()


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_others_are_refused(page: Page, viewport: str):
    sign_in(page, "Per Hansen")
    expect(page.locator(".leader-link")).to_have_count(0)
    page.goto("/leader")
    expect_no_access(page)
    assert page.request.get("/leader/figures.csv").status == 404


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_a_leader_of_two_units_switches_unit(page: Page, viewport: str):
    """Tor Johansen heads Åsen skole and Solsikken barnehage: one unit at a time, his choice."""
    open_leader_page(page, "Tor Johansen")
    chooser = page.get_by_label("Vis tallene for")
    expect(chooser).to_have_value(re.compile(r"\d+"))
    expect(page.locator("#leader-dashboard strong").first).to_have_text("Åsen skole")
    # Other browser tests add logs to the demo units, so the rows are checked by child, not counted.
    rows = page.locator("#leader-table .leader-row")
    expect(rows.filter(has_text="Emma")).not_to_have_count(0)
    expect(rows.filter(has_text="Noah")).to_have_count(0)
    expect(page.locator("[data-testid=list-handovers]")).not_to_contain_text("Liam")
    chooser.select_option(label="Solsikken barnehage")
    expect(page.locator("#leader-dashboard strong").first).to_have_text("Solsikken barnehage")
    expect(page.locator("[data-testid=list-handovers]")).to_contain_text("Liam")
    expect(rows.filter(has_text="Noah")).not_to_have_count(0)
    expect(rows.filter(has_text="Emma")).to_have_count(0)
    active = page.locator("[data-testid=figure-active]").inner_text()
    active_count = re.search(r"\d+", active)
    assert active_count is not None, active
    page.screenshot(path=str(ARTIFACTS / f"leader-two-units-{viewport}.png"), full_page=True)
    assert not axe_violations(page, f"leader with two units {viewport}")
    csv = page.request.get(page.locator(".leader-csv").get_attribute("href") or "")
    assert csv.status == 200 and f"active_logs,,Aktive logger,{active_count.group()}" in csv.text()
