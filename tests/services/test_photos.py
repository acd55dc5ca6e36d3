"""Photos: content check, size limit, metadata stripped, private storage, permission-checked route."""

import io

import pytest
from PIL import Image
from sqlmodel import select
from starlette.testclient import TestClient

from stafett_app import db
from stafett_app.api import api
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.models import Measure, Person, Photo, StafettLog
from stafett_app.services import photos
from stafett_app.services.auth import start_session
from stafett_app.settings import SESSION_COOKIE

GPS_TAG, MAKE_TAG = 0x8825, 0x010F


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (2400, 1200), (200, 60, 60))
    exif = Image.Exif()
    exif[MAKE_TAG] = "PhoneMaker"
    exif[GPS_TAG] = {1: "N", 2: (59.0, 54.0, 0.0), 3: "E", 4: (10.0, 45.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path / "private"))
    return tmp_path / "private"


@pytest.fixture
def kari_and_measure(state_db):
    with db.session_scope() as session:
        kari = session.exec(select(Person).where(Person.first_name == "Kari")).one()
        measure = session.exec(select(Measure).where(Measure.title.startswith("Emma legger fram"))).one()
        log_id = session.exec(select(StafettLog.id).where(StafettLog.child_id == _child_id(session, "Emma"))).one()
        return kari, measure.id, log_id


def _child_id(session, first_name):
    return session.exec(select(Person.id).where(Person.first_name == first_name)).one()


def test_clean_image_strips_metadata_and_shrinks():
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get(MAKE_TAG) == "PhoneMaker"
    clean = photos.clean_image(raw)
    result = Image.open(io.BytesIO(clean.data))
    assert result.format == "JPEG" and max(result.size) == photos.LONGEST_SIDE
    assert dict(result.getexif()) == {}
    assert b"PhoneMaker" not in clean.data


@pytest.mark.parametrize(
    "raw,key",
    [
        (b"", "error.photo_empty"),
        (b"%PDF-1.7 not a picture at all", "error.photo_not_image"),
        (b"\xff\xd8\xff\xe0 truncated jpeg", "error.photo_not_image"),
        (b"x" * (photos.MAX_UPLOAD_BYTES + 1), "error.photo_too_large|8"),
    ],
)
def test_refused_uploads(raw, key):
    with pytest.raises(ValidationFailed) as refused:
        photos.clean_image(raw)
    assert refused.value.errors == {"photo": key}


def test_holder_attaches_and_participants_fetch_through_the_route(files, kari_and_measure):
    kari, measure_id, log_id = kari_and_measure
    with db.session_scope() as session:
        photo_id = photos.attach_measure_photo(session, kari, log_id, jpeg_with_gps(), measure_id=measure_id)
    with db.session_scope() as session:
        photo = session.get(Photo, photo_id)
        assert session.get(Measure, measure_id).photo_id == photo_id
        stored = files / photo.stored_name
        token = {name: start_session(session, _child_id(session, name), max_minutes=60) for name in ("Lise", "Per")}
    assert stored.exists() and stored.resolve().is_relative_to(files.resolve())
    assert "assets" not in stored.parts and "uploaded_files" not in stored.parts

    client = TestClient(api)
    assert client.get(f"/files/photos/{photo_id}").status_code == 401
    client.cookies.set(SESSION_COOKIE, token["Per"])
    assert client.get(f"/files/photos/{photo_id}").status_code == 404
    client.cookies.set(SESSION_COOKIE, token["Lise"])
    response = client.get(f"/files/photos/{photo_id}")
    assert response.status_code == 200 and response.headers["content-type"] == "image/jpeg"
    assert response.headers["cache-control"] == "private, no-store"
    assert dict(Image.open(io.BytesIO(response.content)).getexif()) == {}


def test_only_the_holder_attaches(files, kari_and_measure):
    _kari, measure_id, log_id = kari_and_measure
    with db.session_scope() as session:
        lise = session.exec(select(Person).where(Person.first_name == "Lise")).one()
        with pytest.raises(PermissionDenied):
            photos.attach_measure_photo(session, lise, log_id, jpeg_with_gps(), measure_id=measure_id)
