"""A note with a PDF: written by an actor, opened by the guardian through the checked route."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context
from tests.browser.helpers import open_log, sign_in

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize("viewport", ["phone"])
def test_note_with_pdf(page, browser, app_server, viewport, tmp_path):
    sign_in(page, "Siri Berg")
    open_log(page, "Emma")
    page.locator(".add-note").click()
    form = page.get_by_role("dialog")
    form.get_by_label("Overskrift").fill("Brev fra helsestasjonen")
    form.locator(".save-button").click()
    expect(form).to_be_hidden()
    note = page.locator("[data-testid=note]").filter(has_text="Brev fra helsestasjonen")
    note.locator(".attach-pdf").click()
    pdf = tmp_path / "brev.pdf"
    pdf.write_bytes(PDF)
    page.locator("#note-attachment input[type=file]").set_input_files(str(pdf))
    page.get_by_role("dialog").locator(".upload-button").click()
    link = note.get_by_role("link", name="brev.pdf (1 KB)")
    expect(link).to_be_visible()
    href = link.get_attribute("href")

    family = new_context(browser, app_server, viewport)
    try:
        guardian = family.new_page()
        sign_in(guardian, "Lise Andersen")
        response = guardian.request.get(href)
        assert response.ok and response.body() == PDF
        other = new_context(browser, app_server, viewport)
        outsider = other.new_page()
        sign_in(outsider, "Per Hansen")
        assert outsider.request.get(href).status == 404
        other.close()
    finally:
        family.close()
