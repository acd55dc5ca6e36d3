"""Checks every PDF Stafett makes must pass: PDF/A-2b identified in the XMP metadata, every font
embedded, no JavaScript, no encryption (pikepdf)."""

import io

import pikepdf

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def _fonts(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            yield font
            yield from font.get("/DescendantFonts", [])


def check_archive_pdf(data: bytes) -> pikepdf.Pdf:
    pdf = pikepdf.open(io.BytesIO(data))
    assert not pdf.is_encrypted
    metadata = pdf.open_metadata()
    assert metadata.get(f"{PDFAID}part") == "2"
    assert metadata.get(f"{PDFAID}conformance") == "B"
    fonts = list(_fonts(pdf))
    assert fonts, "a PDF with text has fonts"
    for font in fonts:
        if font.get("/Subtype") == "/Type0":
            continue  # its descendant carries the descriptor
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"font {font.get('/BaseFont')} has no descriptor"
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
            f"font {font.get('/BaseFont')} is not embedded"
        )
    root = pdf.Root
    assert "/OpenAction" not in root and "/AA" not in root
    assert "/JavaScript" not in root.get("/Names", {})
    # Every object, also those packed in compressed object streams: no script action anywhere.
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary):
            assert "/JS" not in obj and obj.get("/S") != "/JavaScript", "the PDF carries JavaScript"
    return pdf


def run_archive_worker(url: str, today_iso: str, worker: str, barrier, results) -> None:
    """One server process's archive round, started in a separate process by the workers test;
    puts how many copies it handled on `results`."""
    from datetime import date

    from stafett_app.db import make_engine
    from stafett_app.services import archive

    engine = make_engine(url)
    barrier.wait(timeout=60)
    try:
        results.put(archive.run_jobs(engine, date.fromisoformat(today_iso), worker))
    finally:
        engine.dispose()
