"""A young person withdraws his consent; a holder closes a log with a note. Each test puts the
log back afterwards, so the other browser tests find the demo as seeded."""

from contextlib import contextmanager

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from stafett_app.db import make_engine
from tests.browser.helpers import EVENT_TIMEOUT, open_landing, open_log, sign_in

pytestmark = pytest.mark.browser


@contextmanager
def reopened_afterwards(db_url: str, log_id: int):
    try:
        yield
    finally:
        engine = make_engine(db_url)
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE stafett_log SET status = 'active', closing_note = '', closed_at = NULL WHERE id = :id"),
                {"id": log_id},
            )
            conn.execute(
                text("UPDATE consent SET withdrawn_at = NULL, withdrawn_by_id = NULL WHERE log_id = :id"),
                {"id": log_id},
            )
        engine.dispose()


def test_young_person_withdraws_consent(page, app_server, viewport):
    with reopened_afterwards(app_server.db_url, 2):
        sign_in(page, "Jonas Strand")
        open_landing(page, "Jonas")
        card = page.locator(".family-consent")
        expect(card).to_contain_text("uten å si hvorfor")
        card.locator(".withdraw-consent").click()
        dialog = page.get_by_role("alertdialog")
        expect(dialog).to_contain_text("Loggen lukkes med en gang")
        expect(dialog).to_contain_text("Vil du starte igjen")  # he consented himself: "du", not "dere"
        dialog.locator(".confirm-withdraw").click()
        expect(page.get_by_text("Samtykket er trukket tilbake. Loggen er lukket.").first).to_be_visible(
            timeout=EVENT_TIMEOUT
        )
        expect(page.locator(".family-consent")).to_have_count(0)
        # Closed: said so, and no next evaluation is promised.
        expect(page.locator(".family-closed")).to_contain_text("Planen din er avsluttet")
        expect(page.locator("[data-testid=step-card]").first).to_be_visible()
        expect(page.locator(".next-talk")).to_have_count(0)
        # The read-aloud sentence promises no talk either (it is put together in the browser).
        spoken = page.locator("[data-testid=step-card] .read-aloud").first.get_attribute("data-speak") or ""
        assert spoken.startswith(page.locator("[data-testid=step-card] .step-title").first.inner_text()), spoken
        assert "Vi snakker om" not in spoken and spoken.endswith(".") and not spoken.endswith(" ."), spoken
        page.goto(page.url.replace("/family", ""))
        expect(page.locator(".child-card.passive")).to_be_visible()


def test_holder_closes_a_log_with_a_note(page, app_server, viewport):
    note = f"Noah sier to ord ved måltidene. Målet er nådd ({viewport})."
    with reopened_afterwards(app_server.db_url, 3):
        sign_in(page, "Ingrid Haugen")
        open_log(page, "Noah")
        page.locator(".close-log").click()
        form = page.get_by_role("dialog")
        form.locator(".save-button").click()
        expect(form.get_by_text("Dette feltet må fylles ut.")).to_be_visible()
        form.get_by_label("Avslutningsnotat").fill(note)
        form.locator(".radio-goals_reached").click()
        form.locator(".save-button").click()
        expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
        expect(page.locator(".child-card.passive")).to_be_visible()
        expect(page.get_by_text(note)).to_be_visible()
        expect(page.locator(".close-log")).to_have_count(0)
