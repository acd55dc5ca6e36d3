"""The form dialog: a rejected form keeps what was typed and says what is wrong, next to the field."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import dialog, measure_badge, measure_card, open_form, open_log, open_tree, sign_in

pytestmark = pytest.mark.browser


def test_measure_form_keeps_input_on_validation_error(page: Page, viewport: str):
    title = f"Emma får en fast plass ved vinduet ({viewport})"
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    tree = open_tree(page)

    form = open_form(page, tree.locator(".add-measure").first, "Nytt tiltak")
    title_input = form.get_by_label("Tiltak", exact=True)
    start_input = form.locator("#field-start_date")
    evaluation_input = form.locator("#field-evaluation_date")
    start = date.fromisoformat(start_input.input_value())  # prefilled with today
    expect(evaluation_input).to_have_value((start + timedelta(days=21)).isoformat())

    title_input.fill(title)
    form.get_by_label("Beskrivelse").fill("Hun ser tavla bedre der.")
    evaluation_input.fill((start - timedelta(days=1)).isoformat())
    form.locator(".save-button").click()

    error = form.locator("#evaluation_date-error")
    expect(error).to_have_text("Evalueringsdatoen må komme etter startdatoen.")
    expect(error).to_have_class(re.compile(r"\bfield-error\b"))
    expect(error).to_have_attribute("role", "alert")
    # ... and it stands in the evaluation date's own field, right below the input.
    evaluation_field = form.locator(".field").filter(has=page.locator("#field-evaluation_date"))
    expect(evaluation_field.locator(".field-error")).to_have_text("Evalueringsdatoen må komme etter startdatoen.")
    assert evaluation_field.evaluate(
        "f => f.querySelector('#field-evaluation_date').compareDocumentPosition(f.querySelector('.field-error'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    ), "the error text should come after the date input"
    expect(form.locator(".field-error")).to_have_count(1)  # only the bad field is marked
    expect(evaluation_input).to_have_attribute("aria-invalid", "true")
    # The dialog stays open and nothing typed is lost.
    expect(dialog(page)).to_be_visible()
    expect(title_input).to_have_value(title)
    expect(form.get_by_label("Beskrivelse")).to_have_value("Hun ser tavla bedre der.")
    expect(start_input).to_have_value(start.isoformat())
    expect(measure_card(page, title)).to_have_count(0)

    evaluation_input.fill((start + timedelta(days=7)).isoformat())
    form.locator(".save-button").click()
    expect(dialog(page)).to_be_hidden()
    expect(page.get_by_text("Tiltaket er lagret.").first).to_be_visible()
    card = measure_card(page, title)
    expect(card).to_have_count(1)
    expect(measure_badge(card)).to_have_text("Ikke evaluert ennå")


def test_empty_concern_form_names_the_missing_field(page: Page, viewport: str):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    tree = open_tree(page)
    concerns_before = tree.locator("[data-testid=concern-card]").count()

    form = open_form(page, tree.locator(".add-concern"), "Ny bekymring")
    form.locator("#field-category").select_option("social")
    form.locator(".save-button").click()
    expect(form.locator("#text-error")).to_have_text("Dette feltet må fylles ut.")
    expect(form.locator("#field-category")).to_have_value("social")

    form.get_by_role("button", name="Avbryt").click()
    expect(dialog(page)).to_be_hidden()
    expect(tree.locator("[data-testid=concern-card]")).to_have_count(concerns_before)
