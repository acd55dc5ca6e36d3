"""The family view and the child view, as a guardian, a young person and a child see them."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import open_landing, sign_in

pytestmark = pytest.mark.browser


def test_guardian_lands_on_what_happens_next(page, viewport):
    sign_in(page, "Lise Andersen")
    open_landing(page, "Emma")
    assert page.url.endswith("/family") or page.url.endswith("/family/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Planen til Emma")
    first = page.locator("[data-testid=step-card]").first
    expect(first).to_contain_text("Lise vekker Emma")
    expect(first).to_contain_text("Hvem: Du")
    expect(first).to_contain_text(re.compile(r"(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) \d+\. \w+"))
    expect(first).to_contain_text(re.compile(r"\(om \d+ dager\)"))
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.locator("main").inner_text())  # never ISO dates
    # Badges carry words, not only colour.
    expect(page.locator(".step-card .badge-overdue").first).to_contain_text("Evaluering på etterskudd")
    expect(page.locator(".group-family .group-title")).to_have_text("Det dere gjør hjemme")
    # The first step is visible without scrolling on a phone.
    box = first.bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"]
    # No voice in headless Chromium: the read-aloud buttons stay hidden.
    expect(page.locator(".read-aloud").first).to_be_hidden()
    page.locator(".whole-plan").click()
    expect(page.locator(".child-card")).to_be_visible()


def test_read_aloud_speaks_the_card_where_a_norwegian_voice_exists(page, viewport):
    page.add_init_script("""
        window.__spoken = [];
        const voice = {lang: 'nb-NO', name: 'Test'};
        const fake = {getVoices: () => [voice], speak: u => window.__spoken.push(u.text), cancel: () => {},
                      addEventListener: () => {}};
        Object.defineProperty(window, 'speechSynthesis', {value: fake});
        window.SpeechSynthesisUtterance = function (text) { this.text = text; };
    """)
    sign_in(page, "Lise Andersen")
    open_landing(page, "Emma")
    button = page.locator("[data-testid=step-card] .read-aloud").first
    expect(button).to_be_visible()
    button.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and spoken[0].startswith("Lise vekker Emma") and "Hvem: Du" in spoken[0]
    assert "Vi snakker om hvordan det går " in spoken[0] and "{date}" not in spoken[0], spoken[0]


def test_young_person_gets_the_plan_written_to_him(page, viewport):
    sign_in(page, "Jonas Strand")
    open_landing(page, "Jonas")
    expect(page.get_by_role("heading", level=1)).to_have_text("Planen din, Jonas")
    expect(page.locator(".group-child .group-title")).to_have_text("Det du gjør")


def test_child_sees_big_pictures_and_stars_without_red(page, viewport):
    sign_in(page, "Emma Andersen")
    open_landing(page, "Emma")
    assert "/child" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Emma!")
    cards = page.locator("[data-testid=child-card]")
    expect(cards).to_have_count(3)
    expect(cards.first.get_by_role("img", name="Klær")).to_be_visible()
    breakfast = cards.filter(has_text="Lise vekker Emma")
    expect(breakfast.get_by_role("img", name=re.compile("stjerne"))).to_be_visible()
    text = page.locator("main").inner_text()
    for word in ("Virker ikke", "Rød", "etterskudd", "Kontaktlærer", "Mona Dahl"):
        assert word not in text


def test_glimmer_from_the_family_reaches_the_child(page, browser, app_server, viewport):
    from tests.browser.conftest import new_context

    note = f"Emma ryddet rommet sitt helt selv ({viewport})"
    sign_in(page, "Lise Andersen")
    open_landing(page, "Emma")
    card = page.locator("[data-testid=glimmer-card]")
    card.get_by_role("button", name="Del lysglimtet").click()
    expect(card.get_by_role("alert")).to_have_text("Dette feltet må fylles ut.")
    card.get_by_label("Skriv et lysglimt").fill(note)
    card.get_by_role("button", name="Del lysglimtet").click()
    expect(card.locator(".glimmer").first).to_contain_text(note)
    expect(card.get_by_label("Skriv et lysglimt")).to_have_value("")

    child = new_context(browser, app_server, viewport)
    try:
        child_page = child.new_page()
        sign_in(child_page, "Emma Andersen")
        open_landing(child_page, "Emma")
        expect(child_page.locator("[data-testid=glimmer-card]")).to_contain_text(note)
        expect(child_page.locator("[data-testid=glimmer-card]")).to_contain_text("Lise")
        expect(child_page.locator("[data-testid=glimmer-card]")).not_to_contain_text("Andersen")
    finally:
        child.close()


def test_family_sees_the_next_meeting_first(page, viewport):
    sign_in(page, "Lise Andersen")
    open_landing(page, "Emma")
    card = page.locator("[data-testid=next-meeting]")
    expect(card).to_contain_text("Neste samarbeidsmøte")
    expect(card).to_contain_text(re.compile(r"klokka \d\d:\d\d · "))  # other tests may have called an earlier one
    assert card.bounding_box()["y"] < page.locator("[data-testid=step-card]").first.bounding_box()["y"]
