"""A practice log in the browser at phone, tablet and desktop size: a teacher starts one from Mine
logger, sees the practice band on its pages, runs the relay on behalf of the invented family up to
an active log, and the unit leader's figures and list never show it. Axe finds nothing on the pages.
Each run deletes its practice log afterwards, so the other browser tests find the demo as seeded."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from stafett_app.db import make_engine
from stafett_app.services.practice_log import delete_practice_log
from tests.browser.conftest import ARTIFACTS, watched_page
from tests.browser.helpers import EVENT_TIMEOUT, dialog, open_form, sign_out
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_leader import open_leader_page
from tests.browser.test_relay_start import sign_in

pytestmark = pytest.mark.browser


def leader_figures(page: Page) -> tuple[str, str]:
    """The leader's count of active logs and the list's position line."""
    open_leader_page(page, "Tor Johansen")
    active = page.locator("[data-testid=figure-active]")
    expect(active).to_be_visible(timeout=EVENT_TIMEOUT)
    position = page.locator("[data-testid=table-position]")
    expect(position).to_contain_text("logger", timeout=EVENT_TIMEOUT)
    return active.inner_text(), position.inner_text()


def run_the_relay(page: Page) -> None:
    """Ask consent naming the invented colleague, answer for the invented family, activate."""
    # The consent form offers the practising person and the invented colleague, nobody real.
    form = open_form(page, page.locator(".ask-consent"), "Foreslå deltakere og be om samtykke")
    rows = form.locator(".named-row")
    expect(rows).to_have_count(2)
    expect(form).not_to_contain_text("Per Hansen")
    trym = rows.filter(has_text="Trym Prøvesen")
    trym.locator("select").select_option("actor")
    form.locator(".save-button").click()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)

    # The practising person answers for the invented family, clearly labelled.
    confirm = page.locator(".practice-confirm")
    expect(confirm).to_contain_text("oppdiktede familien")
    confirm.locator(".confirm-for-family").dblclick()
    expect(page.locator(".consent-path")).to_be_visible(timeout=EVENT_TIMEOUT)
    form = open_form(page, page.locator(".activate-log"), "Aktiver stafettloggen")
    form.locator("#field-description").fill("Milla er åtte år og glad i å tegne.")
    form.locator(".save-button").click()
    expect(dialog(page)).to_be_hidden(timeout=EVENT_TIMEOUT)
    expect(page.locator(".status-badge")).to_contain_text("Aktiv", timeout=EVENT_TIMEOUT)
    expect(page.locator(".practice-banner")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "tablet", "desktop"])
def test_a_practice_log_runs_the_relay_and_never_reaches_the_statistics(request, browser, app_server, viewport):
    log_id = 0
    try:
        with watched_page(request, browser, app_server, viewport) as page:
            before = leader_figures(page)
            sign_out(page)

            sign_in(page, "Kari Nilsen")
            section = page.locator("#practice-logs")
            expect(section.get_by_role("heading", name="Øvingslogger")).to_be_visible()
            assert not axe_violations(page, f"my logs with practice {viewport}")
            section.locator(".start-practice").dblclick()
            page.wait_for_url(re.compile(r"/logs/\d+/?$"), timeout=EVENT_TIMEOUT)
            log_id = int(re.search(r"/logs/(\d+)", page.url).group(1))
            banner = page.locator(".practice-banner")
            expect(banner).to_contain_text("Øvingslogg", timeout=EVENT_TIMEOUT)
            expect(banner).to_contain_text("Loggen slettes")
            expect(page.locator(".start-panel")).to_be_visible(timeout=EVENT_TIMEOUT)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"practice_{viewport}_1_plan.png"))
            assert not axe_violations(page, f"practice plan {viewport}")

            run_the_relay(page)
            page.screenshot(path=str(ARTIFACTS / f"practice_{viewport}_2_active.png"), full_page=True)
            assert not axe_violations(page, f"practice plan active {viewport}")

            # The band is on the log's other pages too.
            for path in (f"/logs/{log_id}/messages", f"/logs/{log_id}/print", f"/logs/{log_id}/meeting"):
                page.goto(path)
                expect(page.locator(".practice-banner")).to_be_visible(timeout=EVENT_TIMEOUT)
                assert not axe_violations(page, f"practice {path} {viewport}")
            page.goto("/logs")
            sign_out(page)

            # The leader of Kari's school sees the same figures and list as before, and no Milla.
            assert leader_figures(page) == before
            expect(page.locator("main")).not_to_contain_text("Milla")
    finally:
        if log_id:
            with Session(make_engine(app_server.db_url)) as session:
                delete_practice_log(session, log_id)
                session.commit()
