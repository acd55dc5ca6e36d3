"""Trust, as the family and staff meet it: who opened the plan, text kept across a new sign-in,
and a child shown their page full screen on a guardian's phone or tablet."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import EVENT_TIMEOUT, dialog, open_form, open_landing, open_log, open_tree, sign_in, sign_out
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser


def test_the_guardian_sees_that_the_teacher_opened_the_plan(page, viewport):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    sign_out(page)
    sign_in(page, "Lise Andersen")
    open_landing(page, "Emma")
    openings = page.locator("[data-testid=openings]")
    expect(openings.get_by_role("heading", name="Hvem har åpnet planen vår")).to_be_visible()
    kari = page.locator("[data-testid=opening]").filter(has_text="Kari Nilsen").first
    expect(kari).to_contain_text("Stafettholder (Kontaktlærer)")
    expect(kari).to_contain_text("planen")
    assert axe_violations(page, "family page with the access list") == []
    sign_out(page)


def test_text_typed_before_a_new_sign_in_is_still_there(page, viewport):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    tree = open_tree(page)
    form = open_form(page, tree.locator(".add-concern"), "Ny bekymring")
    typed = f"Emma blir sittende alene i friminuttene ({viewport})"
    form.locator("#field-text").fill(typed)
    page.wait_for_timeout(1500)  # the field sends what is typed after half a second's pause
    page.keyboard.press("Escape")
    expect(dialog(page)).to_be_hidden()
    sign_out(page)

    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    offer = page.locator("[data-testid=draft-offer]")
    expect(offer).to_contain_text("Du har en påbegynt tekst")
    offer.get_by_role("button", name="Fortsett å skrive").click()
    form = dialog(page)
    expect(form).to_be_visible(timeout=EVENT_TIMEOUT)
    expect(form.locator("#field-text")).to_have_value(typed)
    expect(form.locator(".draft-restored")).to_be_visible()
    form.get_by_role("button", name="Avbryt").click()  # cancelling lets the text go
    expect(dialog(page)).to_be_hidden()
    sign_out(page)


def test_a_child_is_shown_her_page_full_screen_and_only_the_adult_leaves_it(page, viewport):
    sign_in(page, "Lise Andersen")
    open_landing(page, "Emma")
    page.get_by_role("button", name="Vis Emma siden").click()
    page.wait_for_url(re.compile(r"/logs/\d+/child/shown/?$"), timeout=EVENT_TIMEOUT)
    expect(page.locator("[data-testid=child-card]").first).to_be_visible()
    expect(page.locator(".app-header")).to_have_count(0)
    expect(page.get_by_role("link")).to_have_count(0)  # no way out but the adult's button
    assert axe_violations(page, "child page shown full screen") == []
    shown = page.url

    # Typing another address, or the list of logs, comes back to the child's page.
    page.goto("/logs")
    page.wait_for_url(shown, timeout=EVENT_TIMEOUT)
    expect(page.locator("[data-testid=child-card]").first).to_be_visible()

    page.get_by_role("button", name="Avslutt (for voksne)").click()
    confirm = page.get_by_role("alertdialog")
    expect(confirm).to_contain_text("logge inn på nytt")
    confirm.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(re.compile(r"/$"), timeout=EVENT_TIMEOUT)
    expect(page.get_by_role("heading", level=1, name="Logg inn i Stafett")).to_be_visible()
