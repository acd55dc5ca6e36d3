"""Issue 9 against the running app: the socket and CORS answer only the app's own origin, uploads are
refused before their body is read, and every response carries the security headers, under which a
real page (sign in, save, upload) still works without a single CSP violation."""

from __future__ import annotations

import re
import socket
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import expect
from sqlmodel import Session, create_engine, select
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from stafett_app.models import Person
from stafett_app.pages.plan.state import PlanState
from stafett_app.services import rate_limits
from stafett_app.settings import SESSION_COOKIE
from tests.browser.helpers import open_log, sign_in
from tests.services.test_notes import PDF

pytestmark = pytest.mark.browser

FOREIGN_ORIGINS = ["https://evil.example", "null", "http://127.0.0.1.evil.example", "http://localhost:1"]


def _socket_url(server_url: str) -> str:
    return server_url.replace("http://", "ws://", 1) + "/_event/?EIO=4&transport=websocket"


def _signed_in_cookie(app_server, first_name: str) -> str:
    """Sign in through the demo route as a browser would; returns the session cookie."""
    engine = create_engine(app_server.db_url)
    with Session(engine) as session:
        person_id = session.exec(select(Person.id).where(Person.first_name == first_name)).one()
    engine.dispose()
    response = httpx.post(f"{app_server.url}/auth/demo-login", data={"person_id": person_id}, follow_redirects=False)
    assert response.status_code == 303
    return response.cookies[SESSION_COOKIE]


@pytest.mark.parametrize("origin", FOREIGN_ORIGINS)
def test_the_socket_refuses_other_origins(app_server, origin):
    with pytest.raises(InvalidStatus) as refused:
        connect(_socket_url(app_server.url), origin=origin, open_timeout=10).close()
    assert refused.value.response.status_code in (400, 403)


def test_the_socket_opens_for_the_apps_own_origin(app_server):
    with connect(_socket_url(app_server.url), origin=app_server.url, open_timeout=10) as ws:
        assert str(ws.recv(timeout=10)).startswith("0{")  # engine.io's open packet


def test_one_browser_opening_socket_after_socket_is_refused(app_server):
    """The running app's socket is behind our limit (#9.10): a browser's own sockets all open, up to
    the limit a minute; then the handshake is refused, and another browser still connects."""
    cookie = f"{SESSION_COOKIE}={_signed_in_cookie(app_server, 'Kari')}"
    limit = rate_limits.per_minute("socket_connect")
    for _ in range(limit):
        with connect(_socket_url(app_server.url), origin=app_server.url, additional_headers={"Cookie": cookie}) as ws:
            assert str(ws.recv(timeout=10)).startswith("0{")
    with pytest.raises(InvalidStatus) as refused:
        connect(_socket_url(app_server.url), origin=app_server.url, additional_headers={"Cookie": cookie}).close()
    assert refused.value.response.status_code == 403
    other = f"{SESSION_COOKIE}={_signed_in_cookie(app_server, 'Siri')}"
    with connect(_socket_url(app_server.url), origin=app_server.url, additional_headers={"Cookie": other}) as ws:
        assert str(ws.recv(timeout=10)).startswith("0{")


@pytest.mark.parametrize("origin", FOREIGN_ORIGINS)
def test_cors_does_not_answer_other_origins(app_server, origin):
    simple = httpx.get(f"{app_server.url}/ping", headers={"Origin": origin})
    assert "access-control-allow-origin" not in simple.headers
    preflight = httpx.options(
        f"{app_server.url}/_upload",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x"},
    )
    assert preflight.status_code == 400 and "access-control-allow-origin" not in preflight.headers


def test_cors_answers_the_apps_own_origin(app_server):
    response = httpx.get(f"{app_server.url}/ping", headers={"Origin": app_server.url})
    assert response.headers["access-control-allow-origin"] == app_server.url


def _raw_post(server_url: str, path: str, headers: dict[str, str], body: bytes = b"") -> int:
    """Announce a body and send only its first bytes: the answer must come before the rest."""
    parts = urlsplit(server_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as conn:
        lines = [f"POST {path} HTTP/1.1", f"Host: {parts.netloc}", *(f"{k}: {v}" for k, v in headers.items())]
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        try:
            answer = conn.recv(200).decode("latin-1")
        except TimeoutError:
            pytest.fail("the server waited for the whole body instead of refusing it")
    match = re.match(r"HTTP/1\.1 (\d{3})", answer)
    assert match, answer
    return int(match.group(1))


UPLOAD_HEADERS = {
    "Content-Type": "multipart/form-data; boundary=x",
    "reflex-client-token": "00000000-0000-0000-0000-000000000000",
    "reflex-event-handler": f"{PlanState.get_full_name()}.upload_photo",  # a real handler: Reflex reads on
}
BODY_START = b"--x\r\nContent-Disposition: form-data; name=files; filename=a.jpg\r\n\r\n" + b"\0" * 1000


def test_a_huge_upload_is_refused_before_its_body_is_read(app_server):
    cookie = _signed_in_cookie(app_server, "Kari")
    headers = {**UPLOAD_HEADERS, "Content-Length": str(600 * 1024 * 1024), "Cookie": f"{SESSION_COOKIE}={cookie}"}
    assert _raw_post(app_server.url, "/_upload", headers, BODY_START) == 413


def test_an_upload_without_a_session_is_refused_before_its_body_is_read(app_server):
    headers = {**UPLOAD_HEADERS, "Content-Length": str(5 * 1024 * 1024)}
    assert _raw_post(app_server.url, "/_upload", headers, BODY_START) == 401


HEADER_PATHS = ["/", "/logs", "/manifest.webmanifest", "/sw.js", "/icons/favicon-32.png", "/files/photos/1", "/ping"]


@pytest.mark.parametrize("path", HEADER_PATHS)
def test_every_response_carries_the_security_headers(app_server, path):
    response = httpx.get(f"{app_server.url}{path}")
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert re.search(r"connect-src 'self'[^;]*", csp) and "*" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in response.headers["permissions-policy"]
    assert "strict-transport-security" not in response.headers  # only when STAFETT_SECURE_COOKIES=1


@pytest.mark.parametrize("viewport", ["phone"])
def test_pages_work_under_the_csp(page, viewport, tmp_path):
    """Sign in, save a note (the saved toast is JavaScript the server sends), upload a PDF through
    the guarded /_upload, open it: the page fixture fails on any console error, CSP reports included.
    Inline scripts run by their hashes: the policy has no 'unsafe-inline' for scripts."""
    violations: list[str] = []
    policies: list[str] = []
    page.on(
        "response",
        lambda response: (
            response.request.resource_type == "document"
            and policies.append(response.headers.get("content-security-policy", ""))
        ),
    )
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    sign_in(page, "Siri Berg")
    open_log(page, "Emma")
    page.locator(".add-note").click()
    form = page.get_by_role("dialog")
    form.get_by_label("Overskrift").fill("Brev under CSP")
    form.locator(".save-button").click()
    expect(form).to_be_hidden()
    expect(page.get_by_text("Notatet er lagret").first).to_be_visible()
    note = page.locator("[data-testid=note]").filter(has_text="Brev under CSP")
    note.locator(".attach-pdf").click()
    pdf = tmp_path / "brev.pdf"
    pdf.write_bytes(PDF)
    page.locator("#note-attachment input[type=file]").set_input_files(str(pdf))
    page.get_by_role("dialog").locator(".upload-button").click()
    link = note.get_by_role("link", name=re.compile(r"^brev\.pdf"))
    expect(link).to_be_visible()
    assert page.request.get(link.get_attribute("href")).body() == PDF
    assert violations == []
    script_src = [next(p for p in policy.split("; ") if p.startswith("script-src ")) for policy in policies]
    assert script_src and all("'sha256-" in s and "'unsafe-inline'" not in s for s in script_src)
