"""A real PDF for tests: the PDF check parses files (pikepdf), so a hand-written stub is refused."""

import io

import pikepdf


def one_page_pdf() -> bytes:
    """One blank page, uncompressed."""
    out = io.BytesIO()
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()
