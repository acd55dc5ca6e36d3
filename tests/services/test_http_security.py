"""The middleware around the whole app, in process: bodies refused before they are read (Reflex's
/_upload included), security headers on every response, rate limits on sign-in and writes, and the
frontend exception handler. The same checks run against the built app in tests/browser/test_security.py."""

import base64
import hashlib
import logging

import pytest
from sqlmodel import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from stafett_app import db, http_security
from stafett_app.api import build_api
from stafett_app.http_security import SMALL_BODY_BYTES
from stafett_app.models import Person
from stafett_app.services import client_errors, rate_limits
from stafett_app.services.auth import start_session
from stafett_app.settings import SESSION_COOKIE, get_settings
from tests.notify_helpers import BrowserKeys

LIMIT = 2000  # the tests' upload limit (production: 11 MB)


pytestmark = pytest.mark.usefixtures("fresh_limits")


@pytest.fixture
def reflex_reads() -> list[int]:
    return []


@pytest.fixture
def client(state_db, monkeypatch, reflex_reads) -> TestClient:
    """Our app with a stand-in for Reflex mounted inside, as rx.App(api_transformer=...) does."""
    monkeypatch.setenv("STAFETT_MAX_UPLOAD_BYTES", str(LIMIT))

    async def upload(request: Request):
        body = b""
        async for chunk in request.stream():
            body += chunk
        reflex_reads.append(len(body))
        return PlainTextResponse("ok")

    app = build_api()
    app.mount("", Starlette(routes=[Route("/_upload", upload, methods=["POST"])]))
    return TestClient(app, base_url="http://localhost:3000")


def _sign_in(client: TestClient, first_name: str = "Kari") -> int:
    with db.session_scope() as session:
        person = session.exec(select(Person).where(Person.first_name == first_name)).one()
        client.cookies.set(SESSION_COOKIE, start_session(session, person.id, max_minutes=60))
        return person.id


def test_an_upload_within_the_limit_reaches_reflex(client, reflex_reads):
    _sign_in(client)
    assert client.post("/_upload", content=b"x" * LIMIT).status_code == 200
    assert reflex_reads == [LIMIT]


def test_an_upload_over_the_announced_limit_is_refused_unread(client, reflex_reads):
    _sign_in(client)
    response = client.post("/_upload", content=b"x" * (LIMIT + 1))
    assert response.status_code == 413 and reflex_reads == []


def test_a_chunked_upload_is_cut_at_the_limit(client, reflex_reads):
    """No Content-Length: the bytes are counted as they come, and Reflex never gets past the limit."""
    _sign_in(client)

    def chunks():
        for _ in range(50):
            yield b"y" * 500

    response = client.post("/_upload", content=chunks())
    assert response.status_code == 413
    assert all(read <= LIMIT for read in reflex_reads)


@pytest.mark.parametrize("cookie", [None, "not-a-session", "a=b; stafett_session="])
def test_an_upload_without_a_session_is_refused_unread(client, reflex_reads, cookie):
    headers = {"Cookie": cookie} if cookie else {}
    assert client.post("/_upload", content=b"x" * 10, headers=headers).status_code == 401
    assert reflex_reads == []


def test_uploads_are_rate_limited_per_person(client, reflex_reads):
    _sign_in(client, "Kari")
    limit = rate_limits.per_minute("upload")
    answers = [client.post("/_upload", content=b"x").status_code for _ in range(limit + 5)]
    assert answers.count(200) == limit and answers[-1] == 429
    _sign_in(client, "Siri")  # the same address, another person
    assert client.post("/_upload", content=b"x").status_code == 200


def test_other_bodies_are_small(client):
    _sign_in(client)
    big = {"endpoint": "https://fcm.googleapis.com/fcm/send/" + "x" * SMALL_BODY_BYTES, "keys": {}}
    assert client.post("/push/subscription", json=big).status_code == 413


@pytest.mark.parametrize("path", ["/manifest.webmanifest", "/sw.js", "/offline.html", "/files/photos/1", "/_upload"])
def test_security_headers_on_our_routes(client, path):
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "base-uri 'self'" in csp
    assert "connect-src 'self' ws://localhost:3000" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "geolocation=()" in response.headers["permissions-policy"]
    assert "strict-transport-security" not in response.headers


def test_built_pages_inline_scripts_by_hash_not_unsafe_inline(client, monkeypatch, tmp_path):
    """With a build, script-src lists the hashes of its inline scripts (and the offline page's);
    'unsafe-inline' only without a build (the dev server), where there is nothing to hash."""
    build = tmp_path / "build" / "client"
    (build / "logs").mkdir(parents=True)
    (build / "index.html").write_bytes(b'<script>window.a=1</script><script src="/x.js"></script>')
    (build / "logs" / "new.html").write_bytes(b'<script type="module" async="">import "/m.js";</script>')
    monkeypatch.setattr(http_security.prerequisites, "get_web_dir", lambda: tmp_path)
    script_src = _script_src(client.get("/manifest.webmanifest").headers["content-security-policy"])
    expected = {f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'" for body in INLINES}
    assert set(script_src.split()) >= expected and "'unsafe-inline'" not in script_src
    assert len(http_security.built_script_hashes()) == 3  # the offline page has one too
    monkeypatch.setattr(http_security.prerequisites, "get_web_dir", lambda: tmp_path / "none")
    assert "'unsafe-inline'" in _script_src(client.get("/manifest.webmanifest").headers["content-security-policy"])


INLINES = [b"window.a=1", b'import "/m.js";']


def _script_src(csp: str) -> str:
    return next(part for part in csp.split("; ") if part.startswith("script-src "))


def test_hsts_when_cookies_are_secure(client, monkeypatch):
    monkeypatch.setenv("STAFETT_SECURE_COOKIES", "1")
    monkeypatch.setenv("STAFETT_PUBLIC_URL", "https://stafett.elvdal.example")
    response = client.get("/manifest.webmanifest")
    assert response.headers["strict-transport-security"].startswith("max-age=63072000")
    assert "connect-src 'self' wss://stafett.elvdal.example" in response.headers["content-security-policy"]


def test_sign_in_form_may_go_to_the_identity_provider(client, monkeypatch):
    monkeypatch.setenv("STAFETT_OIDC_ISSUER", "https://idporten.no/")
    csp = client.get("/sw.js").headers["content-security-policy"]
    assert "form-action 'self' https://idporten.no;" in csp


def test_allowed_origins(monkeypatch):
    monkeypatch.delenv("STAFETT_PUBLIC_URL", raising=False)
    monkeypatch.delenv("STAFETT_ALLOWED_ORIGINS", raising=False)
    assert get_settings().allowed_origins == ("http://localhost:3000",)
    monkeypatch.setenv("STAFETT_PUBLIC_URL", "HTTPS://Stafett.Elvdal.example/app/")
    monkeypatch.setenv("STAFETT_ALLOWED_ORIGINS", "https://stafett.elvdal.no, http://127.0.0.1:4123/")
    assert get_settings().allowed_origins == (
        "https://stafett.elvdal.example",
        "https://stafett.elvdal.no",
        "http://127.0.0.1:4123",
    )


def test_demo_sign_in_is_rate_limited(client):
    with db.session_scope() as session:
        kari = session.exec(select(Person).where(Person.first_name == "Kari")).one()
    limit = rate_limits.per_minute("sign_in")
    answers = [
        client.post("/auth/demo-login", data={"person_id": kari.id}, follow_redirects=False).status_code
        for _ in range(limit + 2)
    ]
    assert answers.count(303) == limit and answers[-1] == 429


@pytest.mark.parametrize(
    "headers,status",
    [
        ({"Origin": "null", "Sec-Fetch-Site": "same-origin"}, 303),  # what Chromium sends under no-referrer
        ({"Origin": "null", "Sec-Fetch-Site": "cross-site"}, 403),
        ({"Origin": "null"}, 403),
        ({"Origin": "https://evil.example"}, 403),
        ({"Origin": "http://localhost:3000"}, 303),
    ],
)
def test_sign_in_posts_only_from_our_own_pages(client, headers, status):
    with db.session_scope() as session:
        kari = session.exec(select(Person).where(Person.first_name == "Kari")).one()
    response = client.post("/auth/demo-login", data={"person_id": kari.id}, headers=headers, follow_redirects=False)
    assert response.status_code == status


def test_push_writes_are_rate_limited_per_person(client, state_db):
    lise = _sign_in(client, "Lise")
    body = BrowserKeys.new().subscription("https://fcm.googleapis.com/fcm/send/lise")
    limit = rate_limits.per_minute("write")
    answers = [client.post("/push/subscription", json=body).status_code for _ in range(limit + 2)]
    assert answers.count(201) == limit and answers[-1] == 429
    assert not rate_limits.write_allowed(lise)  # the helper State handlers call shares the count


def test_a_frontend_report_is_one_short_escaped_line(caplog):
    forged = "TypeError: x\n2026-11-30 05:00:00 INFO Kari Nilsen signed in\r\x1b[31m" + "A" * 50_000
    with caplog.at_level(logging.ERROR, logger="stafett.frontend"):
        client_errors.log_frontend_exception(Exception(forged))
    [record] = caplog.records
    line = record.getMessage()
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert "\\n2026-11-30 05:00:00 INFO Kari" in line and "\\x1b[31m" in line
    assert len(line) < client_errors.MAX_REPORT_CHARS + 100 and line.endswith(f"[{len(forged)} chars]")


def test_frontend_reports_are_rate_limited(caplog):
    with caplog.at_level(logging.ERROR, logger="stafett.frontend"):
        for n in range(100):
            client_errors.log_frontend_exception(Exception(f"flood {n}"))
    assert len(caplog.records) == rate_limits.per_minute("frontend_error")


def test_the_app_uses_the_handler():
    """Reflex's own handler logs what the browser sends as it is; the app is given ours."""
    from stafett_app.stafett_app import app

    assert app.frontend_exception_handler is client_errors.log_frontend_exception
