"""Who sees what: the guardian reads without editing, people without a role are refused, and
nobody gets past the sign-in page without signing in."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import concern_card, open_log, open_tree, sign_in, sign_out

pytestmark = pytest.mark.browser

SEEDED_CONCERN = "Emma kommer for sent til skolen"
EMMA_LOG = "/logs/1"


def expect_no_access(page: Page) -> None:
    page.wait_for_url(re.compile(r"/no-access/?$"))
    expect(page.get_by_role("heading", level=1, name="Ingen tilgang")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Forsøket er registrert")
    expect(page.locator(".child-card")).to_have_count(0)
    expect(page.locator("[data-testid=concern-card]")).to_have_count(0)


def test_guardian_reads_the_plan_but_cannot_change_it(page: Page):
    sign_in(page, "Lise Andersen")
    open_log(page, "Emma")
    expect(page.locator(".child-card")).to_contain_text("Nivå 2")
    tree = open_tree(page)
    expect(concern_card(page, SEEDED_CONCERN)).to_be_visible()
    expect(tree.locator("[data-testid=measure-card]").first).to_be_visible()

    # She may comment ...
    expect(tree.locator(".comment-button").first).to_be_visible()
    # ... but nothing that changes the plan is offered to her.
    for selector in (".add-concern", ".add-goal", ".add-subgoal", ".add-measure", ".evaluate-button", ".edit-button"):
        expect(page.locator(selector)).to_have_count(0)
    for name in ("Ny bekymring", "Nytt hovedmål", "Nytt delmål", "Nytt tiltak", "Evaluer", "Endre", "Rett opp"):
        expect(page.get_by_role("button", name=name, exact=True)).to_have_count(0)


def test_unrelated_teacher_is_refused(page: Page):
    sign_in(page, "Per Hansen")
    expect(page.get_by_text("Du er ikke med i noen logger ennå.")).to_be_visible()
    expect(page.locator(".log-card")).to_have_count(0)
    expect(page.locator("#unit-logs")).to_have_count(0)

    page.goto(EMMA_LOG)
    expect_no_access(page)
    expect(page.get_by_text("Emma kommer for sent")).to_have_count(0)

    sign_out(page)


def test_leader_sees_unit_logs_but_cannot_open_them(page: Page):
    sign_in(page, "Tor Johansen")
    unit_logs = page.locator("#unit-logs")
    for child in ("Emma", "Jonas"):
        card = unit_logs.locator(".log-card").filter(has=page.get_by_role("heading", name=child, exact=True))
        expect(card).to_have_count(1)
        expect(card).not_to_contain_text("Du er ikke deltaker")
    # Said once for the whole list, and the closed logs kept apart.
    expect(unit_logs.get_by_text(re.compile("Du er ikke deltaker"))).to_have_count(1)
    expect(page.locator("#unit-passive-logs")).to_contain_text("Sara")
    # The unit's cards link only to the archive copies (the leader reads those), never into a log.
    hrefs = page.evaluate("[...document.querySelectorAll('#unit-logs a[href]')].map(a => a.getAttribute('href'))")
    assert all(re.search(r"/logs/\d+/archive/?$", href) for href in hrefs if "/logs/" in href), hrefs
    expect(page.locator("a.log-link")).to_have_count(0)

    page.get_by_role("link", name=re.compile("Lederoversikt")).click()
    page.wait_for_url(re.compile(r"/leader/?$"))
    table = page.locator("#leader-table")
    expect(table).to_be_visible()
    for child in ("Emma", "Jonas", "Sara"):
        expect(table.get_by_role("rowheader", name=re.compile(child))).to_have_count(1)
    # Nothing on the leader page links to a log.
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    log_links = [href for href in hrefs if re.search(r"/logs/\d", href)]
    assert log_links == [], f"a leader should get no links to logs: {log_links}"

    page.goto(EMMA_LOG)
    expect_no_access(page)


def test_not_signed_in_goes_to_the_sign_in_page(page: Page):
    page.goto("/logs/")
    page.wait_for_url(re.compile(r"^[^?#]*://[^/]+/$"))
    expect(page.get_by_role("heading", level=1, name="Logg inn i Stafett")).to_be_visible()
    expect(page.locator(".demo-person").first).to_be_visible()
    expect(page.get_by_role("heading", name="Mine logger")).to_have_count(0)

    page.goto(EMMA_LOG)
    page.wait_for_url(re.compile(r"^[^?#]*://[^/]+/$"))
    expect(page.get_by_role("heading", level=1, name="Logg inn i Stafett")).to_be_visible()
    expect(page.locator(".child-card")).to_have_count(0)
