"""The start of the relay in the browser, at phone and tablet size: a teacher starts a log,
registers a guardian and proposes who takes part; the guardian (a second browser) consents on
her own page; the teacher activates the log. Every create button is double-clicked and makes one
row. Each run removes its log afterwards, so the other browser tests find the demo as seeded."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text
from sqlmodel import Session

from stafett_app.db import make_engine
from stafett_app.domain.dates import today_in_norway
from stafett_app.services.log_rows import delete_rows_of_log
from tests.browser.conftest import ARTIFACTS, new_context, watched_page
from tests.browser.helpers import EVENT_TIMEOUT, dialog, open_form

pytestmark = pytest.mark.browser

CHILD = {"phone": "Sunniva", "tablet": "Solveig"}
WHY_EVA = "Eva har Sunniva i norsk og ser henne hver dag."


def one(db_url: str, sql: str, **params) -> int:
    with make_engine(db_url).connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def sign_in(page: Page, full_name: str) -> None:
    """The demo sign-in, with room for a busy machine: the first page after a build is slow."""
    page.goto("/")
    page.get_by_role("button", name=re.compile(full_name)).click(timeout=EVENT_TIMEOUT)
    expect(page.get_by_role("heading", level=1, name="Mine logger")).to_be_visible(timeout=EVENT_TIMEOUT)
    expect(page.locator(".app-header")).to_contain_text(full_name, timeout=EVENT_TIMEOUT)


def shot(page: Page, viewport: str, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"relay_start_{viewport}_{step}.png"), full_page=True)


def start_log(page: Page, child: str, db_url: str) -> int:
    page.locator(".new-log").click()
    expect(page.get_by_role("heading", level=1, name="Ny stafettlogg")).to_be_visible(timeout=EVENT_TIMEOUT)
    page.locator("#field-first_name").fill(child)
    page.locator("#field-last_name").fill("Dahl")
    page.locator("#field-birth_date").fill((today_in_norway() - timedelta(days=365 * 20)).isoformat())
    page.locator("#field-unit_id").select_option(index=1)
    page.locator("#field-observations").fill(f"{child} sitter alene i friminuttene.")
    page.locator(".start-log").click()
    # A child over 18: the message stands by the field, and what was typed stays.
    expect(page.locator("#birth_date-error")).to_contain_text("18", timeout=EVENT_TIMEOUT)
    expect(page.locator("#field-first_name")).to_have_value(child)
    page.locator("#field-birth_date").fill((today_in_norway() - timedelta(days=365 * 7)).isoformat())
    page.locator(".start-log").dblclick()
    page.wait_for_url(re.compile(r"/logs/\d+/?$"), timeout=EVENT_TIMEOUT)
    expect(page.locator(".start-panel")).to_be_visible(timeout=EVENT_TIMEOUT)
    sql = "SELECT count(*) FROM stafett_log l JOIN person p ON p.id = l.child_id WHERE p.first_name = :name"
    assert one(db_url, sql, name=child) == 1
    return int(re.search(r"/logs/(\d+)", page.url).group(1))


def register_guardian(page: Page, log_id: int, db_url: str) -> None:
    form = open_form(page, page.locator(".register-guardian"), "Registrer foresatt")
    form.locator("#field-first_name").fill("Maria")
    form.locator("#field-last_name").fill("Solberg")
    form.locator("#field-email").fill("maria@")
    form.locator("#field-mobile").fill("41234567")
    form.locator(".save-button").click()
    expect(form.locator("#email-error")).to_be_visible(timeout=EVENT_TIMEOUT)
    expect(form.locator("#field-first_name")).to_have_value("Maria")
    form.locator("#field-email").fill("maria@elvdal.example")  # the demo guardian: she signs in below
    form.locator(".save-button").dblclick()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
    expect(page.locator(".start-family")).to_contain_text("Maria Solberg")
    sql = "SELECT count(*) FROM participant WHERE log_id = :id AND role = 'guardian'"
    assert one(db_url, sql, id=log_id) == 1


def ask_consent(page: Page, log_id: int, db_url: str, viewport: str) -> None:
    form = open_form(page, page.locator(".ask-consent"), "Foreslå deltakere og be om samtykke")
    eva = form.locator(".named-row").filter(has_text="Eva Lund")
    eva.locator("select").select_option("actor")
    eva.locator(".named-why input, input.named-why").first.fill(WHY_EVA)
    shot(page, viewport, "2_ask_consent")
    form.locator(".save-button").dblclick()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
    request = page.locator(".start-panel .consent-request")
    expect(request).to_contain_text("Eva Lund")
    expect(request.locator(".asked-person")).to_contain_text("Maria Solberg")
    expect(request.locator(".asked-person")).to_contain_text("Venter på svar")
    assert one(db_url, "SELECT count(*) FROM consent_request WHERE log_id = :id", id=log_id) == 1


def guardian_consents(browser, app_server, viewport: str, child: str, log_id: int) -> None:
    family = new_context(browser, app_server, viewport)
    try:
        guardian = family.new_page()
        sign_in(guardian, "Maria Solberg")
        asked = guardian.locator("a.consent-asked-link").filter(has_text=child)
        expect(asked).to_have_count(1)
        asked.click()
        guardian.wait_for_url(re.compile(rf"/logs/{log_id}/family/?$"))
        proposal = guardian.locator("[data-testid=consent-request]")
        expect(proposal).to_contain_text("Kari Nilsen", timeout=EVENT_TIMEOUT)
        expect(proposal).to_contain_text(WHY_EVA)
        expect(proposal).to_contain_text("Åsen skole")
        expect(guardian.locator(".observation-item")).to_have_count(0)  # nothing of the draft itself
        shot(guardian, viewport, "3_family_proposal")
        proposal.locator(".give-consent").click()
        guardian.get_by_role("alertdialog").locator(".confirm-consent").click()
        expect(guardian.locator(".draft-waiting")).to_be_visible(timeout=EVENT_TIMEOUT)
        shot(guardian, viewport, "4_family_consented")
    finally:
        family.close()


@pytest.mark.parametrize("viewport", ["phone", "tablet"])
def test_teacher_starts_a_log_and_the_guardian_consents(request, browser, app_server, viewport):
    child, db_url = CHILD[viewport], app_server.db_url
    log_id = 0
    try:
        with watched_page(request, browser, app_server, viewport) as page:
            sign_in(page, "Kari Nilsen")
            log_id = start_log(page, child, db_url)
            shot(page, viewport, "1_draft")

            form = open_form(page, page.locator(".add-observation"), "Ny observasjon eller samtale")
            form.locator("#field-kind").select_option("talk")
            form.locator("#field-text").fill(f"Snakket med lederen min om {child}.")
            form.locator(".save-button").dblclick()
            expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
            expect(page.locator(".observation-item")).to_have_count(2)
            assert one(db_url, "SELECT count(*) FROM observation WHERE log_id = :id", id=log_id) == 2

            register_guardian(page, log_id, db_url)
            ask_consent(page, log_id, db_url, viewport)
            expect(page.locator(".activate-log")).to_have_count(0)  # not before the consent

            guardian_consents(browser, app_server, viewport, child, log_id)

            page.reload()
            expect(page.locator(".consent-path")).to_contain_text("digitalt", timeout=EVENT_TIMEOUT)
            form = open_form(page, page.locator(".activate-log"), "Aktiver stafettloggen")
            form.locator("#field-description").fill(f"{child} er sju år og glad i å tegne.")
            form.locator("#field-interest_text").fill("tegne")
            form.locator(".save-button").dblclick()
            expect(dialog(page)).to_be_hidden(timeout=EVENT_TIMEOUT)
            expect(page.locator(".status-badge")).to_contain_text("Aktiv", timeout=EVENT_TIMEOUT)
            expect(page.locator(".edit-introduction")).to_be_visible()
            shot(page, viewport, "5_active")
            assert one(db_url, "SELECT count(*) FROM consent WHERE log_id = :id", id=log_id) == 1
            sql = "SELECT count(*) FROM stafett_log WHERE id = :id AND status = 'active' AND level = 1"
            assert one(db_url, sql, id=log_id) == 1
    finally:
        if log_id:
            with Session(make_engine(db_url)) as session:
                delete_rows_of_log(session, log_id)
                session.commit()
