"""A note with a PDF: written by an actor, opened by the guardian through the checked route."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context
from tests.browser.helpers import open_log, sign_in
from tests.services.test_notes import PDF  # a real one-page PDF: the check parses it

pytestmark = pytest.mark.browser


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


def test_holder_adds_a_photo_to_a_measure(page, viewport, tmp_path):
    from io import BytesIO

    from PIL import Image

    from tests.browser.helpers import open_tree

    picture = tmp_path / "matpakke.png"
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, format="PNG")
    picture.write_bytes(buffer.getvalue())
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    tree = open_tree(page)
    measure = tree.locator("[data-testid=measure-card]").filter(has_text="Emma legger fram klær og sekk kvelden før")
    measure.locator(".photo-button").click()
    page.locator("#measure-photo input[type=file]").set_input_files(str(picture))
    page.get_by_role("dialog").locator(".upload-button").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    photo = measure.locator("img.measure-photo")
    expect(photo).to_be_visible()
    response = page.request.get(photo.get_attribute("src"))
    assert response.ok and response.headers["content-type"].startswith("image/")
