"""Notes with PDF attachments: checked by content, private storage, permission-checked download."""

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from stafett_app import db
from stafett_app.api import api
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.models import Person, StafettLog
from stafett_app.services import notes
from stafett_app.services.auth import start_session
from stafett_app.settings import SESSION_COOKIE
from tests.pdf_helpers import one_page_pdf

PDF = one_page_pdf()


@pytest.mark.parametrize(
    "raw,key",
    [
        (b"", "error.pdf_empty"),
        (b"\x89PNG\r\n\x1a\n not a pdf", "error.pdf_not_pdf"),
        (b"%PDF-1.4 cut off in the middle", "error.pdf_not_pdf"),
        (
            PDF.replace(b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
            "error.pdf_active_content",
        ),
        (b"%PDF-" + b"x" * notes.MAX_PDF_BYTES + b"%%EOF", "error.pdf_too_large|10"),
    ],
)
def test_pdf_checks(raw, key):
    with pytest.raises(ValidationFailed) as refused:
        notes.check_pdf(raw)
    assert refused.value.errors == {"attachment": key}


def _person(session, first_name):
    return session.exec(select(Person).where(Person.first_name == first_name)).one()


def test_note_with_pdf_reaches_participants_only(state_db, tmp_path, monkeypatch):
    monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path / "private"))
    with db.session_scope() as session:
        siri = _person(session, "Siri")
        emma_log = session.exec(select(StafettLog.id).where(StafettLog.child_id == _person(session, "Emma").id)).one()
        note_id = notes.add_note(session, siri, emma_log, {"title": "Brev fra BUP", "text": "Vedlagt."})
        attachment_id = notes.attach_pdf(session, siri, emma_log, PDF, "brev <bup>.pdf", note_id=note_id)
        tokens = {name: start_session(session, _person(session, name).id, max_minutes=60) for name in ("Lise", "Per")}
    with db.session_scope() as session, pytest.raises(PermissionDenied):  # a request of its own
        notes.add_note(session, _person(session, "Lise"), emma_log, {"title": "x"})
    client = TestClient(api)
    url = f"/files/attachments/{attachment_id}"
    assert client.get(url).status_code == 401
    client.cookies.set(SESSION_COOKIE, tokens["Per"])
    assert client.get(url).status_code == 404
    client.cookies.set(SESSION_COOKIE, tokens["Lise"])
    response = client.get(url)
    assert response.status_code == 200 and response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert (
        "attachment" in response.headers["content-disposition"] and "<" not in response.headers["content-disposition"]
    )
