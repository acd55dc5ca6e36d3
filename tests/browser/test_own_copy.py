"""The family's own copy (GDPR art. 15) at phone and tablet size: Lise Andersen downloads it as a PDF
and as JSON from Emma's family page; staff see no such buttons."""

from __future__ import annotations

import json
import re
from io import BytesIO

import pikepdf
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import open_log, sign_in
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser


def test_lise_downloads_the_familys_own_copy(page: Page, viewport: str, tmp_path):
    sign_in(page, "Lise Andersen")  # a guardian with one log lands on its family page
    page.wait_for_url(re.compile(r"/family/?$"))
    card = page.locator(".own-copy")
    expect(card.get_by_role("heading", name="Deres egen kopi")).to_be_visible()
    card.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"own-copy-{viewport}.png"), full_page=True)
    assert not axe_violations(page, f"family page with the own copy {viewport}")

    with page.expect_download() as started:
        card.get_by_role("link", name="Last ned som PDF").click()
    path = tmp_path / "copy.pdf"
    started.value.save_as(path)
    assert re.fullmatch(r"stafett-kopi-Emma-\d{4}-\d{2}-\d{2}\.pdf", started.value.suggested_filename)
    with pikepdf.open(BytesIO(path.read_bytes())) as pdf:
        assert len(pdf.pages) >= 2
        metadata = str(pdf.open_metadata())
        assert "pdfaid" in metadata and "Emma" in metadata  # PDF/A, with the copy's title

    with page.expect_download() as started:
        card.get_by_role("link", name="Last ned som JSON").click()
    path = tmp_path / "copy.json"
    started.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "stafett-own-copy" and data["version"] == 1
    assert {m["name"] for m in data["family"]} == {"Lise Andersen", "Ola Andersen", "Emma Andersen"}
    # Both downloads are in the access log the copy itself reports next time.
    again = page.request.get(page.url.replace("/family", "/own-copy.json").rstrip("/"))
    assert again.status == 200


def test_the_holder_has_no_own_copy_buttons(page: Page, viewport: str):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    expect(page.locator("a.open-print")).to_be_visible()
    expect(page.locator(".own-copy")).to_have_count(0)
