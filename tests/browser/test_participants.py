"""Adding a participant the consent does not name: the family is asked, and decides."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context, watched_page
from tests.browser.helpers import open_log, sign_in


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["phone"])
def test_unnamed_participant_waits_for_the_familys_consent(request, browser, app_server, viewport):
    with watched_page(request, browser, app_server, viewport) as page:
        sign_in(page, "Kari Nilsen")
        open_log(page, "Emma")
        page.locator(".add-participant").click()
        form = page.get_by_role("dialog")
        form.locator("#field-person_id").select_option(label="Ingrid Haugen – Pedagogisk leder, Solsikken barnehage")
        form.locator("#field-role").select_option("reader")
        form.locator(".save-button").click()
        expect(form.get_by_role("alert")).to_contain_text("Familien må gi et nytt samtykke")
        expect(page.locator(".people-card")).not_to_contain_text("Ingrid Haugen")

        family = new_context(browser, app_server, viewport)
        try:
            guardian = family.new_page()
            sign_in(guardian, "Lise Andersen")
            open_log(guardian, "Emma")
            proposals = guardian.locator(".consent-proposals")
            expect(proposals).to_contain_text("Ingrid Haugen (Leser)")
            proposals.locator(".give-consent").click()
            expect(guardian.locator(".people-card")).to_contain_text("Ingrid Haugen")
            expect(guardian.locator(".consent-proposals")).to_have_count(0)
        finally:
            family.close()
