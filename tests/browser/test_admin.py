"""The administrator at phone, tablet and desktop size: imports a CSV with one bad row, sees the problem
before anything is saved, fixes it, and deactivates a holder, whose log then needs a new holder. Axe finds
nothing on /admin or /feedback, and the footer's feedback form reaches the administrator."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from stafett_app.db import make_engine
from stafett_app.domain.dates import utcnow
from stafett_app.domain.national_id import is_valid_national_id
from stafett_app.domain.roles import LogRole, PersonKind
from stafett_app.models import Feedback, Participant, Person, StafettLog, Unit
from stafett_app.services.admin import logs_needing_a_holder
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import EVENT_TIMEOUT, sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

# One birth day per screen size, so the three runs against one server never meet.
BIRTH = {"phone": "110385", "tablet": "120385", "desktop": "130385"}
NAME = {"phone": "Telefon", "tablet": "Nettbrett", "desktop": "Skjerm"}


def national_id(birth: str, start: int) -> str:
    """The first valid fødselsnummer on that day from individual number `start` on."""
    for individual in range(start, 500):
        for controls in range(100):
            digits = f"{birth}{individual:03d}{controls:02d}"
            if is_valid_national_id(digits):
                return digits
    raise AssertionError("no valid number")


def holder_with_a_log(db_url: str, viewport: str) -> tuple[str, int, int]:
    """A teacher at Åsen skole who holds one active log: (name, log id, unit id)."""
    engine = make_engine(db_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            school = session.exec(select(Unit).where(Unit.name == "Åsen skole")).one()
            teacher = Person(
                first_name="Vilde", last_name=NAME[viewport], kind=PersonKind.STAFF, title="Lærer", unit_id=school.id
            )
            child = Person(first_name="Barn", last_name=NAME[viewport], kind=PersonKind.CHILD)
            session.add_all([teacher, child])
            session.flush()
            log = StafettLog(
                child_id=child.id,
                unit_id=school.id,
                status="active",
                level=1,
                created_by_id=teacher.id,
                created_at=utcnow(),
            )
            session.add(log)
            session.flush()
            session.add(Participant(log_id=log.id, person_id=teacher.id, role=LogRole.HOLDER, added_at=utcnow()))
            session.commit()
            return f"Vilde {NAME[viewport]}", log.id, school.id
    finally:
        engine.dispose()


def csv_rows(viewport: str, second_id: str) -> str:
    first_id = national_id(BIRTH[viewport], 100)
    return (
        "navn;fødselsnummer;e-post;mobil;enhet;stilling;kan være stafettholder;kan være aktør\n"
        f"Nora {NAME[viewport]};{first_id};nora.{viewport}@elvdal.example;91234567;Åsen skole;Kontaktlærer;ja;ja\n"
        f"Erik {NAME[viewport]};{second_id};erik.{viewport}@lege.example;41234567;PPT Elvdal;Fastlege;nei;ja\n"
    )


def open_admin(page: Page) -> None:
    sign_in(page, "Astrid Moe")
    page.locator(".nav-admin").click()
    expect(page.get_by_role("heading", level=1, name="Administrasjon")).to_be_visible()


def find_employee(page: Page, name: str):
    page.locator("#employee-search").fill(name)
    page.get_by_role("button", name="Søk", exact=True).click()
    card = page.locator("li.employee").filter(has_text=name)
    expect(card).to_have_count(1, timeout=EVENT_TIMEOUT)
    return card


@pytest.mark.parametrize("viewport", ["phone", "tablet", "desktop"])
def test_import_with_a_bad_row_fix_it_and_deactivate_a_holder(page: Page, viewport, app_server):
    holder, log_id, school_id = holder_with_a_log(app_server.db_url, viewport)
    good_id = national_id(BIRTH[viewport], 200)
    bad_id = good_id[:-1] + str((int(good_id[-1]) + 1) % 10)
    open_admin(page)
    found = axe_violations(page, f"admin ({viewport})")

    csv = page.locator("#csv-text")
    csv.fill(csv_rows(viewport, bad_id))
    page.locator("button.preview").click()
    problem = page.locator(".preview-row.problem")
    expect(problem).to_have_count(1, timeout=EVENT_TIMEOUT)
    expect(problem).to_contain_text(f"Erik {NAME[viewport]}")
    expect(problem).to_contain_text("Fødselsnummer")
    expect(page.locator(".preview-row.ok")).to_have_count(1)
    expect(page.locator("button.import")).to_be_disabled()
    found += axe_violations(page, f"admin preview ({viewport})")
    page.screenshot(path=str(ARTIFACTS / f"admin-preview-{viewport}.png"), full_page=True)

    csv.fill(csv_rows(viewport, good_id))
    page.locator("button.preview").click()
    expect(page.locator(".preview-row.problem")).to_have_count(0, timeout=EVENT_TIMEOUT)
    expect(page.locator(".preview-row.ok")).to_have_count(2)
    page.locator("button.import").click()
    expect(page.get_by_text("Alle radene er lagt inn.")).to_be_visible(timeout=EVENT_TIMEOUT)
    erik = find_employee(page, f"Erik {NAME[viewport]}")
    expect(erik).to_contain_text("••••••• " + good_id[-4:])
    assert good_id not in page.content()

    teacher = find_employee(page, holder)
    teacher.get_by_role("button", name=f"Endre: {holder}").click()
    teacher.locator("button.deactivate").click()
    teacher.locator("button.deactivate-yes").click()
    expect(teacher.get_by_text("Deaktivert", exact=True)).to_be_visible(timeout=EVENT_TIMEOUT)
    expect(page.locator(".audit-table")).to_contain_text(holder)
    found += axe_violations(page, f"admin after deactivation ({viewport})")
    page.screenshot(path=str(ARTIFACTS / f"admin-{viewport}.png"), full_page=True)

    engine = make_engine(app_server.db_url)
    try:
        with Session(engine) as session:
            needing = logs_needing_a_holder(session, school_id)
    finally:
        engine.dispose()
    assert log_id in [n.log_id for n in needing]
    assert not found, "\n".join(found)


def test_the_footer_feedback_form_reaches_the_administrator(page: Page, viewport, app_server):
    page.goto("/")
    statement = page.locator("footer .statement-link")
    expect(statement).to_have_attribute("href", "https://www.uustatus.no/nb/erklaringer")
    page.locator("footer .feedback-link").click()
    expect(page.get_by_role("heading", level=1, name="Si fra om noe er vanskelig å bruke")).to_be_visible()
    found = axe_violations(page, f"feedback ({viewport})")
    page.locator("button.send-feedback").click()
    expect(page.get_by_text("Skriv hva som var vanskelig.")).to_be_visible(timeout=EVENT_TIMEOUT)
    message = f"Knappene i kalenderen er for små ({viewport})."
    page.get_by_label("Hva var vanskelig?").fill(message)
    page.locator("button.send-feedback").click()
    expect(page.get_by_text("Takk! Meldingen er sendt til kommunen.")).to_be_visible(timeout=EVENT_TIMEOUT)
    found += axe_violations(page, f"feedback sent ({viewport})")
    engine = make_engine(app_server.db_url)
    try:
        with Session(engine) as session:
            assert session.exec(select(Feedback).where(Feedback.message == message)).one().person_id is None
    finally:
        engine.dispose()
    open_admin(page)
    expect(page.locator(".feedback-list")).to_contain_text(message)
    assert not found, "\n".join(found)
