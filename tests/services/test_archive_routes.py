"""The HTTP routes for print, archive copies, export and import: permission-checked on the server
through the session cookie, refusals and reads recorded."""

import io
import zipfile

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from stafett_app import db
from stafett_app.api import api
from stafett_app.domain.archive import ArchiveTrigger
from stafett_app.models import AccessAttempt, AccessLogEntry, Concern, Person, StafettLog
from stafett_app.services import archive
from stafett_app.services.auth import start_session
from stafett_app.settings import SESSION_COOKIE
from tests.archive_helpers import check_archive_pdf

ORIGIN = {"Origin": "https://stafett.test"}


@pytest.fixture
def client(state_db, tmp_path, monkeypatch):
    monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path / "files"))
    monkeypatch.setenv("STAFETT_ARCHIVE_OUTBOX", str(tmp_path / "outbox"))
    return TestClient(api, base_url="https://stafett.test")


def sign_in(client: TestClient, first_name: str) -> Person:
    with db.session_scope() as session:
        person = session.exec(select(Person).where(Person.first_name == first_name)).one()
        client.cookies.set(SESSION_COOKIE, start_session(session, person.id, max_minutes=60))
        return person


def emma_log() -> StafettLog:
    with db.session_scope() as session:
        child = session.exec(select(Person).where(Person.first_name == "Emma")).one()
        return session.exec(select(StafettLog).where(StafettLog.child_id == child.id)).one()


def refusals(person_id: int) -> list[str]:
    with db.session_scope() as session:
        return [a.action for a in session.exec(select(AccessAttempt).where(AccessAttempt.person_id == person_id))]


def test_print_route_gives_the_holder_a_private_pdf(client):
    log = emma_log()
    assert client.get(f"/logs/{log.id}/print.pdf").status_code == 401
    sign_in(client, "Kari")
    response = client.get(f"/logs/{log.id}/print.pdf?preset=tried&start=2026-01-01")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "private, no-store"
    assert "attachment" in response.headers["content-disposition"]
    check_archive_pdf(response.content)


def test_print_route_refuses_others_as_not_found_and_records_it(client):
    per = sign_in(client, "Per")
    assert client.get(f"/logs/{emma_log().id}/print.pdf").status_code == 404
    assert client.get("/logs/99999/print.pdf").status_code == 404
    assert refusals(per.id) == ["print", "print"]


def test_print_route_explains_bad_choices_in_the_persons_language(client):
    sign_in(client, "Lise")
    response = client.get(f"/logs/{emma_log().id}/print.pdf?elements=overview,messages&start=31.12.2026")
    assert response.status_code == 422
    assert response.json() == {
        "errors": {"elements": "Velg bare deler som finnes i listen.", "start": "Skriv datoen som åååå-mm-dd."}
    }


def test_archive_routes_for_the_leader_with_every_read_logged(client):
    log = emma_log()
    copy = archive.copy_now(db.engine(), log.id, ArchiveTrigger.ON_DEMAND, "test", "test-worker")
    tor = sign_in(client, "Tor")
    listed = client.get(f"/logs/{log.id}/archive.json").json()["copies"]
    assert [(c["copy_id"], c["status"], c["download_url"]) for c in listed] == [
        (copy.id, "done", f"/files/archive/{copy.id}.pdf")
    ]
    response = client.get(f"/files/archive/{copy.id}.pdf")
    assert response.status_code == 200 and response.headers["cache-control"] == "private, no-store"
    check_archive_pdf(response.content)
    with db.session_scope() as session:
        reads = session.exec(select(AccessLogEntry).where(AccessLogEntry.person_id == tor.id)).all()
    assert [(r.subject_id, r.action) for r in reads] == [(copy.id, "read_archive_copy")]


def test_archive_routes_refuse_the_family_and_other_staff(client):
    log = emma_log()
    copy = archive.copy_now(db.engine(), log.id, ArchiveTrigger.ON_DEMAND, "test", "test-worker")
    for name in ("Lise", "Per"):
        person = sign_in(client, name)
        assert client.get(f"/logs/{log.id}/archive.json").status_code == 404
        assert client.get(f"/files/archive/{copy.id}.pdf").status_code == 404
        assert refusals(person.id) == ["read_archive", "read_archive"]


def test_export_then_import_through_the_routes(client):
    log = emma_log()
    with db.session_scope() as session:
        concern_ids = [c.id for c in session.exec(select(Concern).where(Concern.log_id == log.id))]
    sign_in(client, "Kari")
    response = client.get(f"/logs/{log.id}/export.zip?concerns={','.join(map(str, concern_ids))}")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        data = package.read("stafett-eksport.json")
    assert client.get(f"/logs/{log.id}/export.zip?concerns=abc").status_code == 422

    sign_in(client, "Siri")
    with db.session_scope() as session:
        oskar = session.exec(select(Person).where(Person.first_name == "Oskar")).one()
    files = {"file": ("stafett-eksport.json", data, "application/json")}
    cross_site = {"Origin": "https://evil.example"}
    assert client.post("/logs/import", files=files, data={"child_id": oskar.id}, headers=cross_site).status_code == 403
    made = client.post("/logs/import", files=files, data={"child_id": oskar.id}, headers=ORIGIN)
    assert made.status_code == 201
    assert made.json()["url"] == f"/logs/{made.json()['log_id']}"
    bad = client.post(
        "/logs/import",
        files={"file": ("x.json", b"[1, 2]", "application/json")},
        data={"child_id": oskar.id},
        headers=ORIGIN,
    )
    assert bad.status_code == 422
    assert bad.json() == {"errors": {"file": "Filen er ikke en eksport fra Stafett (ikke JSON)."}}


def test_the_familys_own_copy_as_pdf_and_json_with_every_download_logged(client):
    log = emma_log()
    assert client.get(f"/logs/{log.id}/own-copy.json").status_code == 401
    lise = sign_in(client, "Lise")
    response = client.get(f"/logs/{log.id}/own-copy.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["cache-control"] == "private, no-store"
    assert 'filename="stafett-kopi-Emma-' in response.headers["content-disposition"]
    data = response.json()
    assert data["format"] == "stafett-own-copy" and data["log"]["id"] == log.id
    response = client.get(f"/logs/{log.id}/own-copy.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    check_archive_pdf(response.content)
    with db.session_scope() as session:
        logged = session.exec(
            select(AccessLogEntry.action, AccessLogEntry.role).where(
                AccessLogEntry.person_id == lise.id, AccessLogEntry.log_id == log.id
            )
        ).all()
    assert logged == [("own_copy", "guardian"), ("own_copy", "guardian")]


def test_the_own_copy_is_refused_to_others_as_not_found_and_recorded(client):
    log = emma_log()
    for who in ("Kari", "Emma", "Tor", "Per"):
        person = sign_in(client, who)
        assert client.get(f"/logs/{log.id}/own-copy.pdf").status_code == 404, who
        assert refusals(person.id) == ["own_copy"], who
    jonas = sign_in(client, "Jonas")  # the young person from 15: his own log, not Emma's
    for crafted in (str(log.id), "99999"):
        assert client.get(f"/logs/{crafted}/own-copy.json").status_code == 404
    assert client.get(f"/logs/{log.id}/own-copy.xml").status_code == 404
    assert refusals(jonas.id) == ["own_copy", "own_copy"]
