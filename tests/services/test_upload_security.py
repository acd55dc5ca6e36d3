"""Files from issue 9's low findings: pixel bombs refused before decoding, JPEG comments dropped,
a PDF only on one's own note (or the holder's), replaced photos gone, huge ids a plain 404."""

import io
import struct
import time
import zlib

import pytest
from PIL import Image
from sqlmodel import select
from starlette.testclient import TestClient

from stafett_app import db
from stafett_app.api import api
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.models import Attachment, Measure, Person, Photo, StafettLog
from stafett_app.services import notes, photos
from stafett_app.services.auth import start_session
from stafett_app.settings import SESSION_COOKIE
from tests.services.test_notes import PDF


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 8880) -> bytes:
    """A black 1-bit PNG of side × side pixels: about 10 KB on disk, hundreds of MB decoded."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


def test_a_pixel_bomb_is_refused_without_decoding_it(monkeypatch):
    bomb = png_bomb()
    assert len(bomb) < 20_000
    decoded = []
    original_load = Image.Image.load
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self.size) or original_load(self))
    started = time.monotonic()
    with pytest.raises(ValidationFailed) as refused:
        photos.clean_image(bomb)
    assert refused.value.errors == {"photo": "error.photo_too_many_pixels"}
    assert decoded == [] and time.monotonic() - started < 1


def test_a_big_but_ordinary_photo_still_passes():
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), (30, 120, 60)).save(out, format="JPEG")
    image = photos.clean_image(out.getvalue())
    assert max(image.width, image.height) == photos.LONGEST_SIDE


def test_the_jpeg_comment_does_not_survive():
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 10, 200)).save(out, format="JPEG", comment=b"Emma A., Elvdal skole, 59.91N")
    assert b"Emma A." in out.getvalue()
    cleaned = photos.clean_image(out.getvalue()).data
    assert b"Emma A." not in cleaned
    assert "comment" not in Image.open(io.BytesIO(cleaned)).info


def _person(session, first_name: str) -> Person:
    return session.exec(select(Person).where(Person.first_name == first_name)).one()


def _emma_log(session) -> int:
    return session.exec(select(StafettLog.id).where(StafettLog.child_id == _person(session, "Emma").id)).one()


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path / "private"))
    return tmp_path / "private"


def test_a_pdf_goes_only_on_ones_own_note_or_by_the_holder(state_db, files):
    with db.session_scope() as session:
        log_id = _emma_log(session)
        note_id = notes.add_note(session, _person(session, "Siri"), log_id, {"title": "Fra helsestasjonen"})
    with db.session_scope() as session, pytest.raises(PermissionDenied):
        notes.attach_pdf(session, _person(session, "Mona"), log_id, PDF, "fra-mona.pdf", note_id=note_id)
    with db.session_scope() as session:
        notes.attach_pdf(session, _person(session, "Siri"), log_id, PDF, "eget.pdf", note_id=note_id)
        notes.attach_pdf(session, _person(session, "Kari"), log_id, PDF, "fra-kontaktlaerer.pdf", note_id=note_id)
    with db.session_scope() as session:
        names = sorted(a.original_name for a in session.exec(select(Attachment)).all())
    assert names == ["eget.pdf", "fra-kontaktlaerer.pdf"]


def _jpeg(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 200), colour).save(out, format="JPEG")
    return out.getvalue()


def test_a_replaced_photo_is_gone(state_db, files):
    with db.session_scope() as session:
        kari, log_id = _person(session, "Kari"), _emma_log(session)
        measure_id = session.exec(select(Measure.id).where(Measure.title.startswith("Emma legger fram"))).one()
        first = photos.attach_measure_photo(session, kari, log_id, _jpeg((200, 0, 0)), measure_id=measure_id)
    with db.session_scope() as session:
        first_file = files / session.get(Photo, first).stored_name
        second = photos.attach_measure_photo(session, kari, log_id, _jpeg((0, 200, 0)), measure_id=measure_id)
    with db.session_scope() as session:
        assert session.get(Measure, measure_id).photo_id == second
        assert session.get(Photo, first) is None
        token = start_session(session, _person(session, "Lise").id, max_minutes=60)
    assert not first_file.exists()
    client = TestClient(api)
    client.cookies.set(SESSION_COOKIE, token)
    assert client.get(f"/files/photos/{first}").status_code == 404
    assert client.get(f"/files/photos/{second}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/files/photos/{n}",
        "/files/attachments/{n}",
        "/calendar/meeting/{n}.ics",
        "/files/archive/{n}.pdf",
        "/logs/{n}/print.pdf",
        "/logs/{n}/archive.json",
        "/logs/{n}/export.zip",
    ],
)
@pytest.mark.parametrize("number", [2**63, 2**64 + 1, 2**70, 10**40])
def test_ids_beyond_64_bits_are_not_found(state_db, path, number):
    with db.session_scope() as session:
        token = start_session(session, _person(session, "Lise").id, max_minutes=60)
    client = TestClient(api, raise_server_exceptions=False)
    client.cookies.set(SESSION_COOKIE, token)
    assert client.get(path.format(n=number)).status_code == 404


@pytest.mark.parametrize("path", ["/logs/1/export.zip?concerns={n}", "/leader/figures.csv?unit={n}"])
def test_ids_beyond_64_bits_in_a_query_are_refused(state_db, path):
    with db.session_scope() as session:
        token = start_session(session, _person(session, "Kari").id, max_minutes=60)
    client = TestClient(api, raise_server_exceptions=False)
    client.cookies.set(SESSION_COOKIE, token)
    assert client.get(path.format(n=2**70)).status_code in (404, 422)
