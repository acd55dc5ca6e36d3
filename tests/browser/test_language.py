"""Bokmål by default, nynorsk and English on request, and the choice is remembered."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in

pytestmark = pytest.mark.browser


def test_choose_nynorsk_then_english(page, viewport):
    sign_in(page, "Lise Andersen")
    page.goto("/logs")  # she lands on Emma's plan; her list of logs is one step back
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine logger")
    page.get_by_label("Språk").select_option("nn")
    expect(page.get_by_role("heading", level=1)).to_have_text("Loggane mine")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Loggane mine")  # remembered
    page.locator("a.log-link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planen til Emma")
    expect(page.locator(".group-family .group-title")).to_have_text("Det de gjer heime")
    expect(page.locator("[data-testid=step-card]").first).to_contain_text(
        re.compile(r"(måndag|tysdag|onsdag|torsdag|fredag|laurdag|søndag)")
    )
    page.get_by_label("Språk").select_option("en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Emma's plan")
    expect(page.locator("[data-testid=step-card]").first).to_contain_text("Who: You")
    page.get_by_label("Language").select_option("nb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Planen til Emma")


def test_visitor_choice_is_kept_on_the_sign_in_page(page, viewport):
    page.goto("/")
    page.get_by_label("Språk").select_option("en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Stafett")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Stafett")
    page.get_by_label("Language").select_option("nb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn i Stafett")
