"""Help: the "?" in the header opens the help for the page one is on, the search finds a help page
and says so when it finds nothing, and axe finds no violations. Phone, tablet and desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import open_log, sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

SIZES = pytest.mark.parametrize("viewport", ["phone", "tablet", "desktop"], indirect=True)


def press_help(page: Page, topic: str, heading: str) -> None:
    page.get_by_role("link", name="Hjelp til denne siden").click()
    page.wait_for_url(re.compile(rf"/help/{topic}/?$"))
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()


def search(page: Page, words: str) -> None:
    box = page.get_by_role("searchbox", name="Søk i hjelpen")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/help/?\?q="))  # the search has its own address


@SIZES
def test_signed_out_the_question_mark_and_the_search(page: Page, viewport: str):
    page.goto("/")
    # The demo people come with the page's first answer from the server, which also tells the
    # header which page this is (before that, the "?" opens the help index).
    expect(page.get_by_role("button", name=re.compile("Kari Nilsen"))).to_be_visible()
    press_help(page, "sign_in", "Logge inn")
    expect(page.locator(".help-text")).to_contain_text("MinID eller BankID")
    found = axe_violations(page, f"{viewport} help for sign-in")

    search(page, "samtykke")
    hits = page.locator(".help-hit")
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ treff$"))).to_be_visible()
    expect(hits.first.get_by_role("heading")).to_have_text("Planen vår")
    expect(hits.first.locator("mark")).to_have_text(re.compile("^samtykke", re.IGNORECASE))
    found += axe_violations(page, f"{viewport} help hits")
    hits.first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/help/family/?$"))
    expect(page.get_by_role("heading", level=1, name="Planen vår")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Samtykke")).to_be_visible()

    page.get_by_role("link", name="Alle hjelpesidene").click()
    page.wait_for_url(re.compile(r"/help/?$"))
    expect(page.get_by_role("link", name="Administrasjon")).to_be_visible()
    search(page, "kryptovaluta")
    expect(page.locator(".help-no-hits")).to_contain_text("Ingen treff på «kryptovaluta»")
    expect(page.locator(".help-hit")).to_have_count(0)
    found += axe_violations(page, f"{viewport} help without hits")

    page.goto("/help?q=m%C3%B8temodus")  # a search one can link to
    expect(page.locator(".help-hit").first.get_by_role("heading")).to_have_text("Møtemodus")
    assert found == [], "\n".join(found)


@SIZES
def test_signed_in_each_page_opens_its_own_help(page: Page, viewport: str):
    sign_in(page, "Kari Nilsen")
    press_help(page, "my_logs", "Mine logger")
    page.go_back()
    open_log(page, "Emma")
    press_help(page, "plan", "Planen")
    expect(page.get_by_role("heading", level=2, name="Mål og tiltak")).to_be_visible()
    found = axe_violations(page, f"{viewport} help for the plan")
    page.goto("/calendar")
    expect(page.locator(".app-header")).to_contain_text("Kari Nilsen")  # the server has answered
    press_help(page, "calendar", "Kalender")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("viewport", ["phone", "desktop"], indirect=True)
def test_meeting_mode_opens_its_help_in_a_dialog_and_stays(page: Page, viewport: str):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    page.locator(".start-meeting-mode").click()
    page.wait_for_url(re.compile(r"/logs/\d+/meeting/?$"))
    page.get_by_role("button", name="Hjelp til denne siden").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Møtemodus")).to_be_visible()
    expect(dialog).to_contain_text("Trygt på storskjerm")
    found = axe_violations(page, f"{viewport} meeting mode help")
    dialog.get_by_role("button", name="Lukk hjelpen").click()
    expect(dialog).to_be_hidden()
    assert page.url.rstrip("/").endswith("/meeting")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_help_in_nynorsk_and_a_family_page(page: Page, viewport: str):
    sign_in(page, "Lise Andersen")  # lands on the family page of Emma's log
    page.get_by_label("Språk").select_option("nn")
    expect(page.locator("html[lang=nn], .app[lang=nn]").first).to_be_attached()
    page.get_by_role("link", name="Hjelp til denne sida").click()
    page.wait_for_url(re.compile(r"/help/family/?$"))
    expect(page.get_by_role("heading", level=1, name="Planen vår")).to_be_visible()
    expect(page.locator(".help-text")).to_contain_text("De bestemmer.")
    box = page.get_by_role("searchbox", name="Søk i hjelpa")
    box.fill("korleis gir eg samtykke")
    box.press("Enter")
    expect(page.locator(".help-hit").first.get_by_role("heading")).to_have_text("Planen vår")
    page.get_by_label("Språk").select_option("nb")  # the person's setting back as the seed had it
    expect(page.get_by_role("link", name="Hjelp til denne siden")).to_be_visible()
