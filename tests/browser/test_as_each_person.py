"""Issue 14, "As each person saw it": what the guardian, the young person, the staff and the leader
stopped at, each checked at phone and tablet size."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import dialog, measure_card, open_form, open_log, open_tree, save, sign_in, sign_out

pytestmark = pytest.mark.browser

FAMILY_PAGE = re.compile(r"/logs/\d+/family/?$")


def _close_dialog(page: Page) -> None:
    dialog(page).get_by_role("button", name="Avbryt").click()
    expect(dialog(page)).to_be_hidden()


def test_guardian_and_young_person_with_one_log_land_on_their_plan(page, viewport):
    sign_in(page, "Lise Andersen")
    assert FAMILY_PAGE.search(page.url), page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Planen til Emma")
    sign_out(page)

    sign_in(page, "Jonas Strand")
    assert FAMILY_PAGE.search(page.url), page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Planen din, Jonas")
    sign_out(page)

    sign_in(page, "Kari Nilsen")  # staff keep their list
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine logger")


def test_young_person_is_spoken_to_as_du(page, viewport):
    sign_in(page, "Jonas Strand")
    expect(page.get_by_role("heading", level=1)).to_have_text("Planen din, Jonas")
    consent = page.locator(".family-consent")
    expect(consent).to_contain_text("Samtykket ditt")
    expect(consent).to_contain_text("Du bestemmer")
    expect(page.locator(".child-page-link")).to_have_count(0)  # the picture page is for children under 15
    expect(page.locator(".glimmer-intro")).to_contain_text("også du")
    text = page.locator("main").inner_text()
    for word in ("dere", "Dere", "barnet", "barnets"):
        assert not re.search(rf"\b{word}\b", text), f"{word!r} said to Jonas"
    # "Det som skjer nå" is never an empty heading.
    expect(page.locator("[data-testid=next-meeting]").or_(page.locator(".no-meeting")).first).to_be_visible()


def test_guardian_comment_stays_and_the_dialog_is_hers(page, viewport):
    note = f"Emma liker at Lise vekker henne med musikk ({viewport})"
    sign_in(page, "Lise Andersen")
    step = page.locator("[data-testid=step-card]").filter(has=page.locator(".comment-button")).first
    form = open_form(page, step.locator(".comment-button"), "Ny kommentar")
    expect(form).not_to_contain_text("Les teksten høyt")  # a hint for staff, not for her
    box = form.bounding_box()
    width = page.viewport_size["width"]
    assert box is not None and box["x"] >= 8 and box["x"] + box["width"] <= width - 8, (box, width)
    form.get_by_label("Kommentar").fill(note)
    save(page, "Kommentaren er lagret.")
    expect(step).to_contain_text(note)
    page.reload()
    expect(page.locator("[data-testid=step-card]").filter(has_text=note)).to_have_count(1)


def test_closed_log_promises_nothing_and_counts_what_worked(page, viewport):
    sign_in(page, "Siri Berg")
    open_log(page, "Sara")
    # The ended measure worked: the summary says so.
    expect(page.locator("p").filter(has_text=re.compile(r"^Virker: \d+$")).first).to_have_text("Virker: 1")
    glimmers = page.locator("[data-testid=glimmer-card]")
    expect(glimmers).not_to_contain_text("Skriv det første")
    expect(page.locator(".call-meeting")).to_have_count(0)
    open_tree(page)
    card = measure_card(page, "Nina tar inn mobilen")
    expect(card).to_be_visible()
    expect(card).not_to_contain_text("Evalueres")


def test_draft_offers_no_meeting(page, viewport):
    sign_in(page, "Siri Berg")
    open_log(page, "Oskar")
    expect(page.locator(".child-card")).to_be_visible()
    expect(page.locator(".call-meeting")).to_have_count(0)
    expect(page.locator(".start-meeting-mode")).to_have_count(0)


def test_timeline_dot_is_red_for_a_red_evaluation(page, viewport):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    page.get_by_role("tab", name="Tidslinje").click()
    page.get_by_role("button", name="Evalueringer", exact=True).click()
    entries = page.locator("[data-testid=timeline-entry]")
    red = entries.filter(has_text="virket ikke").first
    green = entries.filter(has_text="Grønn").first
    expect(red).to_be_visible()
    expect(red.locator(".timeline-dot")).to_have_class(re.compile(r"\btone-red\b"))
    colour = "el => getComputedStyle(el).borderTopColor"
    assert red.locator(".timeline-dot").evaluate(colour) != green.locator(".timeline-dot").evaluate(colour)


def test_lysglimt_example_names_the_child_of_the_log(page, viewport):
    sign_in(page, "Ingrid Haugen")
    open_log(page, "Noah")
    field = page.locator("[data-testid=glimmer-card] textarea")
    expect(field).to_have_attribute("placeholder", re.compile("Noah"))
    expect(field).not_to_have_attribute("placeholder", re.compile("Emma"))


def test_measure_form_offers_the_arena_s_people_and_evaluation_suggests_a_date(page, viewport):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    tree = open_tree(page)
    form = open_form(page, tree.locator(".add-measure").first, "Nytt tiltak")
    responsible = form.locator("#field-responsible_id")
    expect(responsible).to_contain_text("Kari Nilsen")
    expect(responsible).not_to_contain_text("Lise Andersen")
    form.locator("#field-arena").select_option("home")
    expect(responsible).to_contain_text("Lise Andersen")
    expect(responsible).not_to_contain_text("Kari Nilsen")
    expect(responsible).not_to_contain_text("Emma Andersen")
    form.locator("#field-arena").select_option("child")
    expect(responsible.locator("option")).to_have_text(["Emma Andersen"])
    _close_dialog(page)

    form = open_form(page, tree.locator(".evaluate-button").first, "Evaluer tiltaket")
    evaluated_on = date.fromisoformat(form.locator("#field-evaluated_on").input_value())
    expect(form.locator("#field-next_evaluation_date")).to_have_value((evaluated_on + timedelta(days=21)).isoformat())
    _close_dialog(page)


def test_english_page_says_what_the_child_likes_in_english(page, viewport):
    sign_in(page, "Ingrid Haugen")
    open_log(page, "Noah")
    page.get_by_label("Språk").select_option("en")
    try:
        expect(page.locator(".child-card")).to_contain_text("Likes building")
        expect(page.locator(".child-card")).not_to_contain_text("Likes å")  # the typed words are Norwegian
    finally:
        page.get_by_label("Language").select_option("nb")
        expect(page.locator(".child-card")).to_contain_text("Liker å bygge")


def test_a_photo_one_may_not_open_answers_with_the_product_s_page(page, viewport):
    sign_in(page, "Tor Johansen")
    response = page.goto("/files/photos/987654")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke filen")
    expect(page.get_by_role("link", name="Tilbake til mine logger")).to_be_visible()
    assert "Not found" not in page.content()


def test_meeting_mode_lines_do_not_run_into_each_other(page, viewport):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    page.locator(".start-meeting-mode").click()
    page.wait_for_url(re.compile(r"/meeting/?$"))
    expect(page.locator(".meeting-mode .measure-title").first).to_be_visible()
    cramped = page.evaluate("""() => [...document.querySelectorAll('.meeting-mode .rt-Text, .meeting-mode .rt-Heading')]
        .filter(el => el.offsetParent !== null)
        .map(el => { const s = getComputedStyle(el);
                     return [el.textContent.slice(0, 40), parseFloat(s.lineHeight) / parseFloat(s.fontSize)]; })
        .filter(([, ratio]) => !(ratio >= 1.2))""")
    assert not cramped, cramped
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # no sideways scroll


def test_child_page_speaks_to_emma_and_says_when(page, viewport):
    sign_in(page, "Emma Andersen")
    expect(page.get_by_role("heading", level=2, name="Det Emma gjør")).to_be_visible()
    expect(page.locator(".glimmer-intro")).not_to_contain_text("barnet")
    when = page.locator(".child-when")
    expect(when.first).to_have_text(
        re.compile(r"^(I dag|I morgen|På \w+dag|Den \d+\. \w+) snakker vi om hvordan det går\.$")
    )
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.locator("main").inner_text())


def test_family_is_told_what_the_level_means(page, viewport):
    sign_in(page, "Lise Andersen")
    page.locator(".whole-plan").click()
    expect(page.locator(".level-note")).to_contain_text("Nivå 2: flere tjenester hjelper til")


def test_a_child_who_opens_a_grown_up_page_is_not_frightened(page, viewport):
    sign_in(page, "Emma Andersen")
    page.goto("/logs/1/messages")
    expect(page.get_by_role("heading", level=1)).to_have_text("Her er det ikke noe for deg")
    text = page.locator("main").inner_text()
    assert "Ingen tilgang" not in text and "registrert" not in text
    page.locator(".child-back").click()
    expect(page.locator("[data-testid=child-card]").first).to_be_visible()
