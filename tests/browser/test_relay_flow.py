"""The relay's middle and end in the browser, at phone and tablet size: the holder raises the
level and adds the health nurse after the guardian's new consent (a second browser), proposes a
handover, the new holder accepts on *Mine logger* and closes the log, the family sees it closed,
it is reopened after a new consent, and a guardian's deletion request reaches the leader.

Each run starts its own log (a child named for the viewport) and deletes it afterwards, so the
other browser tests find the demo as seeded."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from stafett_app.db import make_engine
from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.roles import LogRole, PersonKind
from stafett_app.models import Person, Unit
from stafett_app.seed import _Seeder
from stafett_app.services.log_rows import delete_rows_of_log
from tests.browser.conftest import ARTIFACTS, new_context, watched_page
from tests.browser.helpers import EVENT_TIMEOUT, concern_card, dialog, open_form, open_tree, save, sign_in, sign_out

pytestmark = pytest.mark.browser

CHILD = {"phone": "Mia", "tablet": "Vilde"}


@contextmanager
def relay_log(db_url: str, child_name: str, actors: tuple[str, ...] = ()) -> Iterator[int]:
    """An active level 1 log at Åsen skole: Kari holds it, Lise is the guardian and has consented
    (to Kari, and to the staff named in `actors` by first name, who take part as actors)."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        d = _Seeder(session, today_in_norway())
        by_name = lambda first: session.exec(select(Person).where(Person.first_name == first)).one()  # noqa: E731
        kari, lise = by_name("Kari"), by_name("Lise")
        school = session.exec(select(Unit).where(Unit.name == "Åsen skole")).one()
        child = d.person(child_name.lower(), child_name, "Relay", PersonKind.CHILD, age=9, demo=False)
        log = d.log(child, school, kari, level=1, description=f"{child_name} er 9 år.")
        d.join(log, lise, LogRole.GUARDIAN)
        staff = [by_name(first) for first in actors]
        for actor in staff:
            d.join(log, actor, LogRole.ACTOR)
        d.consent(log, lise, [(kari, LogRole.HOLDER), *((actor, LogRole.ACTOR) for actor in staff)])
        d.concern(log, kari, f"{child_name} er mye alene i friminuttene.", "social")
        session.commit()
        log_id, child_id = log.id, child.id
    try:
        yield log_id
    finally:
        with Session(engine) as session:
            delete_rows_of_log(session, log_id)
            session.delete(session.get(Person, child_id))
            session.commit()
        engine.dispose()


def shot(page: Page, viewport: str, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"relay_{viewport}_{step}.png"), full_page=True)


def switch_to(page: Page, full_name: str) -> None:
    sign_out(page)
    sign_in(page, full_name)


def raise_level_and_add_the_nurse(page: Page, guardian: Page, plan_url: str, viewport: str) -> None:
    """Raise the level with a reason (nobody joins by it); from level 2 the health nurse can be
    found, and she joins only after the family's consent, given in the second browser."""
    page.goto(plan_url)
    expect(page.locator(".level-text")).to_contain_text("Nivå 1")
    form = open_form(page, page.locator(".change-level"), "Endre nivå")
    form.locator("#field-level").select_option("2")
    form.locator(".save-button").click()
    expect(form.get_by_text("Dette feltet må fylles ut.")).to_be_visible()
    form.get_by_label("Hvorfor?").fill("Helsesykepleier bør være med.")
    form.locator(".save-button").click()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
    expect(page.locator(".level-text")).to_contain_text("Nivå 2")
    expect(page.locator(".people-card")).not_to_contain_text("Siri Berg")

    form = open_form(page, page.locator(".add-participant"), "Legg til deltaker")
    form.locator("#field-person_id").select_option(label="Siri Berg – Helsesykepleier, Helsestasjonen i Elvdal")
    form.locator(".save-button").click()
    expect(form.get_by_role("alert")).to_contain_text("Familien må gi et nytt samtykke")
    form.get_by_role("button", name="Avbryt").click()

    guardian.goto(plan_url)
    guardian.locator(".consent-proposals .give-consent").click()
    expect(guardian.locator(".people-card")).to_contain_text("Siri Berg", timeout=EVENT_TIMEOUT)
    page.reload()
    expect(page.locator(".people-card")).to_contain_text("Siri Berg")
    shot(page, viewport, "1_level_and_nurse")


def school_environment_duty(page: Page, plan_url: str, viewport: str) -> None:
    """A § 12-4 concern: the plan lists what the written plan must hold and warns what is missing."""
    page.goto(plan_url)
    open_tree(page)
    form = open_form(page, page.locator(".add-concern"), "Ny bekymring")
    form.get_by_label("Hva ser vi?").fill("Noen i klassen holder Mia utenfor leken hver dag.")
    form.locator("#field-category").select_option("school_environment_duty")
    form.get_by_label("Hva mener eleven selv?").fill("Mia vil gjerne leke med flere.")
    save(page, "Bekymringen er lagret.")
    card = concern_card(page, "holder Mia utenfor")
    expect(card.locator(".school-env-plan")).to_contain_text("Aktivitetsplan etter opplæringslova § 12-4")
    expect(card.locator(".pupil-view")).to_contain_text("Mia vil gjerne leke med flere.")
    warning = card.locator(".school-env-warning")
    expect(warning).to_contain_text("hvilke tiltak skolen setter inn")
    expect(warning).not_to_contain_text("hva eleven selv mener")
    card.scroll_into_view_if_needed()
    shot(page, viewport, "0_school_environment")
    page.get_by_role("tab", name="Oversikt").click()


def hand_over_to_per(page: Page, plan_url: str, name: str, viewport: str) -> None:
    """Kari proposes Per at the same school and stays holder meanwhile; Per takes the baton on
    *Mine logger*."""
    form = open_form(page, page.locator(".propose-handover"), "Foreslå ny stafettholder")
    form.locator("#field-to_person_id").select_option(label="Per Hansen – Faglærer, Åsen skole")
    form.get_by_label("Hvorfor skal stafetten gå videre?").fill("Per er kontaktlærer fra januar.")
    form.locator(".radio-actor").click()
    shot(page, viewport, "2_handover_form")
    form.locator(".save-button").click()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
    expect(page.locator(".pending-handover")).to_contain_text("Per Hansen")
    page.goto("/logs")
    expect(page.locator(".handover-card").filter(has_text=name)).to_contain_text("Venter på svar")

    switch_to(page, "Per Hansen")
    card = page.locator(".handover-card").filter(has_text=name)
    expect(card).to_contain_text("Venter på deg")
    shot(page, viewport, "3_waiting_for_you")
    card.locator(".accept-handover").click()
    page.get_by_role("alertdialog").locator(".confirm-accept").click()
    expect(page.get_by_text("Du er nå stafettholder.").first).to_be_visible(timeout=EVENT_TIMEOUT)
    expect(page.locator(".handover-card")).to_have_count(0)
    page.goto(plan_url)
    expect(page.locator(".people-card")).to_contain_text("Per Hansen")


def close_and_reopen(page: Page, guardian: Page, family_url: str, name: str, viewport: str) -> None:
    """Per closes with a note and a reason; the family sees it closed at once; Per asks for a new
    consent, and on Lise's yes the log is active again."""
    form = open_form(page, page.locator(".close-log"), "Avslutt loggen")
    form.get_by_label("Avslutningsnotat").fill(f"{name} har venner i friminuttene nå.")
    form.locator(".radio-goals_reached").click()
    form.locator(".save-button").click()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
    expect(page.locator(".child-card.passive")).to_be_visible()
    expect(page.locator(".closing-reason")).to_contain_text("Målene er nådd")

    guardian.goto(family_url)
    expect(guardian.locator(".family-closed")).to_contain_text("Målene er nådd")
    expect(guardian.locator(".family-holders")).to_contain_text("Per Hansen")
    expect(guardian.get_by_text("Neste gang vi snakker om det")).to_have_count(0)
    shot(guardian, viewport, "4_family_sees_closed")

    form = open_form(page, page.locator(".reopen-log"), "Åpne loggen igjen")
    form.locator(".save-button").click()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
    expect(page.locator(".reopen-asked")).to_be_visible()
    guardian.reload()
    guardian.locator(".family-reopen .confirm-reopen").click()
    expect(guardian.locator(".family-closed")).to_have_count(0, timeout=EVENT_TIMEOUT)
    page.reload()
    expect(page.locator(".status-badge")).to_contain_text("Aktiv")
    expect(page.locator(".child-card.passive")).to_have_count(0)


def test_relay_middle_and_end(request, browser, app_server, viewport):
    name = CHILD[viewport]
    with relay_log(app_server.db_url, name) as log_id, watched_page(request, browser, app_server, viewport) as page:
        plan_url, family_url = f"/logs/{log_id}", f"/logs/{log_id}/family"
        sign_in(page, "Kari Nilsen")
        family = new_context(browser, app_server, viewport)
        try:
            guardian = family.new_page()
            sign_in(guardian, "Lise Andersen")
            raise_level_and_add_the_nurse(page, guardian, plan_url, viewport)
            school_environment_duty(page, plan_url, viewport)
            hand_over_to_per(page, plan_url, name, viewport)
            close_and_reopen(page, guardian, family_url, name, viewport)
            # Lise asks for the log to be deleted.
            guardian.locator(".request-deletion").click()
            guardian.get_by_role("alertdialog").locator(".confirm-deletion").click()
            expect(guardian.locator(".deletion-requested")).to_be_visible(timeout=EVENT_TIMEOUT)
            shot(guardian, viewport, "5_deletion_requested")
        finally:
            family.close()
        # The school's leader sees the request; deleting an active log is refused, clearly.
        switch_to(page, "Tor Johansen")
        request_card = page.locator(".deletion-card").filter(has_text=name)
        expect(request_card).to_be_visible()
        shot(page, viewport, "6_leader_sees_request")
        request_card.locator(".delete-log").click()
        page.get_by_role("alertdialog").locator(".confirm-delete").click()
        refused = page.get_by_text(re.compile("Bare en avsluttet logg kan slettes|Loggen kan ikke slettes"))
        expect(refused.first).to_be_visible(timeout=EVENT_TIMEOUT)
        expect(request_card).to_be_visible()
        expect(dialog(page)).to_have_count(0)
