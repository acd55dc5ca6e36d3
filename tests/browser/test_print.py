"""Printing a log at phone and tablet size: the holder chooses parts and a period, sees the preview and
downloads the PDF; a guardian finds the print from the family page; axe finds nothing on the page."""

from __future__ import annotations

import json
import re
import tempfile
import zipfile
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from playwright.sync_api import Page, expect

from stafett_app.db import make_engine
from stafett_app.domain.archive import ArchiveTrigger
from stafett_app.domain.dates import today_in_norway
from stafett_app.services import archive
from tests.browser.helpers import EVENT_TIMEOUT, open_log, sign_in, sign_out
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(tempfile.gettempdir()) / "w2p"  # looked at by hand after a run


def _preview(page: Page):
    return page.frame_locator("iframe.print-preview")


def test_holder_chooses_prints_and_downloads(page: Page, viewport: str, tmp_path):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    page.locator("a.open-print").click()
    page.wait_for_url(re.compile(r"/logs/\d+/print/?$"))
    expect(page.get_by_role("heading", level=1, name="Skriv ut loggen")).to_be_visible()
    preview = _preview(page)
    expect(preview.get_by_role("heading", level=1)).to_contain_text("Emma", timeout=EVENT_TIMEOUT)
    expect(preview.get_by_role("heading", name="Lysglimt", exact=True)).to_be_visible()

    # "What has been tried": the measures with every evaluation, nothing else.
    page.locator(".preset-tried").click()
    expect(preview.get_by_role("heading", level=1)).to_contain_text("Dette er prøvd", timeout=EVENT_TIMEOUT)
    expect(preview.get_by_role("heading", name="Lysglimt", exact=True)).to_have_count(0)
    expect(page.get_by_role("checkbox", name="Lysglimt")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Evalueringer")).to_be_checked()
    page.get_by_role("checkbox", name="Kommentarer").click()
    expect(page.get_by_role("checkbox", name="Kommentarer")).to_be_checked()

    # A period; the end before the start is explained by the field and the choice stays.
    start = (today_in_norway() - timedelta(days=60)).isoformat()
    page.get_by_label("Fra og med").fill(start)
    expect(preview.get_by_text(re.compile(r"Tidsrom"))).to_be_visible(timeout=EVENT_TIMEOUT)
    page.get_by_label("Til og med").fill((today_in_norway() - timedelta(days=90)).isoformat())
    expect(page.locator("#print-end-error")).to_have_text(re.compile("begynne før det slutter"))
    expect(page.locator(".download-pdf")).to_have_count(0)
    expect(page.get_by_label("Fra og med")).to_have_value(start)
    page.get_by_label("Til og med").fill(today_in_norway().isoformat())
    expect(page.locator("#print-end-error")).to_have_count(0)

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"print-{viewport}.png"), full_page=True)
    download_link = page.locator(".download-pdf")
    expect(download_link).to_have_attribute(
        "href", re.compile(r"elements=overview%2Cconcerns%2Cevaluations%2Ccomments")
    )
    with page.expect_download() as started:
        download_link.click()
    path = tmp_path / "print.pdf"
    started.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    with pikepdf.open(BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 1
        assert "pdfaid" in str(pdf.open_metadata())  # PDF/A identification in the XMP


def test_guardian_finds_print_on_the_family_page(page: Page, viewport: str):
    sign_in(page, "Lise Andersen")  # a guardian with one log lands on its family page
    page.wait_for_url(re.compile(r"/family/?$"))
    link = page.locator("a.open-print")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(r"/logs/\d+/print/?$"))
    expect(_preview(page).get_by_role("heading", level=1)).to_contain_text("Emma", timeout=EVENT_TIMEOUT)
    page.get_by_role("link", name="Tilbake til loggen").click()
    page.wait_for_url(re.compile(r"/family/?$"))


def test_no_axe_violations_on_the_print_page(page: Page, viewport: str):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    expect(page.locator(".archive-card")).to_be_visible()  # the holder sees the archive copies
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"plan-{viewport}.png"), full_page=True)
    page.locator("a.open-print").click()
    expect(_preview(page).get_by_role("heading", level=1)).to_contain_text("Emma", timeout=EVENT_TIMEOUT)
    found = axe_violations(page, f"print page {viewport}")
    page.get_by_label("Til og med").fill("2000-01-01")
    page.get_by_label("Fra og med").fill("2001-01-01")
    expect(page.locator("#print-end-error")).to_be_visible(timeout=EVENT_TIMEOUT)
    found += axe_violations(page, f"print page with an error {viewport}")
    assert found == []


def test_export_from_the_plan_and_import_from_mine_logger(page: Page, viewport: str, tmp_path):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    page.locator(".open-export").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    boxes = dialog.get_by_role("checkbox")
    expect(boxes.first).to_be_checked(timeout=EVENT_TIMEOUT)
    found = axe_violations(page, f"export dialog {viewport}")
    for box in boxes.all():  # every concern of the log (other tests may have added some): none left
        box.click()
    expect(dialog.locator(".export-error")).to_have_text("Velg minst én bekymring som skal følge med.")
    expect(dialog.locator(".download-export")).to_have_count(0)
    boxes.first.click()
    with page.expect_download() as started:
        dialog.locator(".download-export").click()
    with zipfile.ZipFile(BytesIO(Path(started.value.path()).read_bytes())) as package:
        exported = package.read("stafett-eksport.json")
    assert len(json.loads(exported)["concerns"]) == 1
    page.keyboard.press("Escape")
    sign_out(page)

    sign_in(page, "Siri Berg")
    card = page.locator(".import-card")
    expect(card).to_be_visible()
    found += axe_violations(page, f"mine logger with import {viewport}")
    oskar = f"Oskar Vik ({today_in_norway().year - 8})"
    # Not an export file: back to the form with the reason in the person's language.
    page.locator("#import-file").set_input_files(
        files=[{"name": "x.json", "mimeType": "application/json", "buffer": b"[1]"}]
    )
    page.locator("#import-child").select_option(label=oskar)
    card.locator(".import-submit").click()
    expect(page.locator(".import-error")).to_have_text("Filen er ikke en eksport fra Stafett (ikke JSON).")
    page.locator("#import-file").set_input_files(
        files=[{"name": "stafett-eksport.json", "mimeType": "application/json", "buffer": exported}]
    )
    page.locator("#import-child").select_option(label=oskar)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"import-{viewport}.png"), full_page=True)
    page.locator(".import-submit").click()
    page.wait_for_url(re.compile(r"/logs/\d+/?$"))
    expect(page.locator(".child-card").get_by_role("heading", level=1)).to_contain_text("Oskar")
    assert found == []


def test_the_unit_leader_reaches_the_archive_copies(page: Page, app_server, viewport: str):
    # A copy made now (as the operator's command does), so the test does not wait on the round.
    engine = make_engine(app_server.db_url)
    try:
        made_now = archive.copy_now(engine, 1, ArchiveTrigger.ON_DEMAND, f"browser-{viewport}", "browser-test")
    finally:
        engine.dispose()
    assert made_now.status == "done"
    sign_in(page, "Tor Johansen")
    emma = page.locator("#unit-logs .log-card").filter(has=page.get_by_role("heading", name="Emma", exact=True))
    emma.locator("a.open-archive").click()
    page.wait_for_url(re.compile(r"/logs/1/archive/?$"))
    expect(page.get_by_role("heading", level=1, name=re.compile("^Arkivkopier: "))).to_be_visible()
    made = page.locator(".archive-copy[data-status=done]")
    expect(made.first).to_contain_text("Arkivert")
    with page.expect_download() as started:
        made.first.locator(".download-copy").click()
    with pikepdf.open(BytesIO(Path(started.value.path()).read_bytes())) as pdf:
        assert "pdfaid" in str(pdf.open_metadata())
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"archive-{viewport}.png"), full_page=True)
    assert axe_violations(page, f"archive page {viewport}") == []
