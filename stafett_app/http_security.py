"""ASGI middleware around the whole app (our routes, Reflex's own /_upload and socket, the built
pages): security headers on every response, request bodies limited before they are read, and rate
limits on the socket.

Pure ASGI (not BaseHTTPMiddleware), so nothing is buffered and streamed responses stay streamed.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from collections import Counter
from functools import lru_cache
from http.cookies import CookieError, SimpleCookie
from pathlib import Path

from anyio import to_thread
from reflex.utils import prerequisites
from reflex_base import constants
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stafett_app.db import session_scope
from stafett_app.pwa import OFFLINE_HTML
from stafett_app.services import rate_limits
from stafett_app.services.auth import person_for_token
from stafett_app.settings import SESSION_COOKIE, Settings, get_settings

UPLOAD_PATH = "/_upload"  # Reflex's upload endpoint (rx.upload_files posts here)
SMALL_BODY_BYTES = 64 * 1024  # every other body we take: a sign-in form, a push subscription
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
HSTS = "max-age=63072000; includeSubDomains"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), "
    "midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=()"
)


def content_security_policy(web: Settings, oidc_issuer: str = "", script_hashes: tuple[str, ...] = ()) -> str:
    """What Reflex's production pages need, nothing more.

    - script-src: the inline scripts of the built pages by their hashes (react-router's hydration and
      stream scripts, the service worker registration); 'unsafe-inline' only where there is no build
      to hash (the dev server), since with hashes present browsers ignore it anyway.
    - script-src 'unsafe-eval': Reflex runs what the server sends as rx.call_function / run_script
      with eval() (every rx.toast returned from a handler is one). docs/security.md says more.
    - style-src 'unsafe-inline': Emotion and Radix write style elements and attributes.
    - connect-src: the socket and fetches only to this app (ws:/wss: spelled out for older Safari).
    - form-action: our own forms, and the identity provider the sign-in form redirects to.
    """
    sockets = " ".join(o.replace("http", "ws", 1) for o in web.allowed_origins)
    form_targets = " ".join(filter(None, ["'self'", _origin_of(oidc_issuer)]))
    inline = " ".join(script_hashes) if script_hashes else "'unsafe-inline'"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {inline} 'unsafe-eval'",
            "script-src-attr 'none'",  # no onclick="..." markup: React never writes handlers as attributes
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src 'self' {sockets}".strip(),
            "manifest-src 'self'",
            "worker-src 'self'",
            "media-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            f"form-action {form_targets}",
            "frame-ancestors 'none'",
        ]
    )


# An inline script element (no src attribute) and its text, exactly as the browser hashes it.
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)


def script_hashes_of(html: bytes) -> set[str]:
    return {
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'" for body in INLINE_SCRIPT.findall(html)
    }


@lru_cache(maxsize=2)
def _built_script_hashes(build_dir: Path, built_at: float) -> tuple[str, ...]:
    found = script_hashes_of(OFFLINE_HTML.encode())
    for page in build_dir.rglob("*.html"):
        found |= script_hashes_of(page.read_bytes())
    return tuple(sorted(found))


def built_script_hashes() -> tuple[str, ...]:
    """The hashes of every inline script of the built pages (read once per build); () without a build."""
    build_dir = prerequisites.get_web_dir() / constants.Dirs.STATIC
    try:
        built_at = (build_dir / "index.html").stat().st_mtime
    except OSError:
        return ()
    return _built_script_hashes(build_dir, built_at)


def _origin_of(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}" if rest else ""


def security_headers() -> list[tuple[str, str]]:
    settings = get_settings()
    headers = [
        ("Content-Security-Policy", content_security_policy(settings, settings.oidc_issuer, built_script_hashes())),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        ("X-Frame-Options", "DENY"),  # frame-ancestors for browsers that predate it
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if settings.secure_cookies:  # served over https: tell browsers never to try plain http
        headers.append(("Strict-Transport-Security", HSTS))
    return headers


class SecurityHeaders:
    """Adds the security headers to every HTTP response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _session_token(headers: Headers) -> str | None:
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except CookieError:  # a malformed Cookie header is no session
        return None
    morsel = cookie.get(SESSION_COOKIE)
    return morsel.value if morsel else None


def _person_id(token: str | None) -> int | None:
    if not token:
        return None
    with session_scope() as session:
        person = person_for_token(session, token)
        return person.id if person else None


class BodyLimit:
    """Refuses request bodies before they are read: by Content-Length, and by counting what actually
    arrives (a chunked body has no length). Uploads also need a signed-in person and stay within a
    rate limit, both checked before the first byte of the body is taken."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        is_upload = scope["path"].rstrip("/") == UPLOAD_PATH
        limit = get_settings().max_upload_bytes if is_upload else SMALL_BODY_BYTES
        headers = Headers(scope=scope)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _refuse(413, "Too large", scope, receive, send)
            return
        if is_upload:
            person_id = await to_thread.run_sync(_person_id, _session_token(headers))
            if person_id is None:
                await _refuse(401, "Not signed in", scope, receive, send)
                return
            # Per person, not per address: behind the municipality's proxy everyone has one address.
            if not rate_limits.allow("upload", f"person:{person_id}"):
                await _refuse(429, "Too many uploads, wait a minute", scope, receive, send)
                return
        await self._limited(scope, receive, send, limit)

    async def _limited(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        received = 0
        cut = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, cut
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    cut = True  # the app sees the client leave and stops reading
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if cut and not started:
                return  # the app's answer to a cut body is replaced by ours below
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception:
            if not cut:
                raise
        if cut and not started:
            await PlainTextResponse("Too large", status_code=413, headers={"Connection": "close"})(scope, receive, send)


async def _refuse(status: int, text: str, scope: Scope, receive: Receive, send: Send) -> None:
    # Connection: close, so the server does not read the unread body to keep the connection alive.
    await PlainTextResponse(text, status_code=status, headers={"Connection": "close"})(scope, receive, send)


SOCKET_PATH = "/_event"  # Reflex's socket.io endpoint (websocket transport only)
SOCKETS_PER_ADDRESS = 500  # open at once from one address, per worker: a big school behind one NAT


def _socket_client(scope: Scope) -> tuple[str, str | None]:
    """(address, browser): the browser is its session cookie, hashed (no token in a limit key); None
    without one (the sign-in page: a whole school signs in from one address at eight). Not looked up:
    a made-up cookie per connection still meets the per-address limit."""
    client = scope.get("client")
    address = str(client[0]) if client else "unknown"
    token = _session_token(Headers(scope=scope))
    return address, f"session:{hashlib.sha256(token.encode()).hexdigest()[:32]}" if token else None


def _is_socket_packet(message: Message) -> bool:
    """A socket.io packet (engine.io type 4: events, connects, binary parts), not the heartbeat."""
    text = message.get("text")
    return text is None or text.startswith("4")


class SocketLimit:
    """Rate limits on Reflex's websocket, before Reflex sees anything: new connections per browser and
    per address (shared by every worker through the limit store), sockets open at once per address,
    and events per socket. A refused connection gets the handshake refused (HTTP 403; the browser
    retries with growing pauses); a refused event is dropped, so the page keeps working and the next
    event within the limit goes through. Refusals are logged once a minute per client."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.open_per_address: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket" or not scope["path"].startswith(SOCKET_PATH):
            await self.app(scope, receive, send)
            return
        address, browser = _socket_client(scope)
        refused = (
            "socket_connect_address"
            if not rate_limits.allow("socket_connect_address", f"address:{address}")
            else "socket_connect"
            if browser and not rate_limits.allow("socket_connect", browser)
            else "socket_open"
            if self.open_per_address[address] >= SOCKETS_PER_ADDRESS
            else None
        )
        if refused:
            rate_limits.log_refusal(refused, address)
            await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403
            return
        connection = uuid.uuid4().hex

        async def limited_receive() -> Message:
            while True:
                message = await receive()
                if message["type"] != "websocket.receive" or not _is_socket_packet(message):
                    return message
                if rate_limits.allow_local("socket_event_burst", connection) and rate_limits.allow_local(
                    "socket_events", connection
                ):
                    return message
                rate_limits.log_refusal("socket_events", address)

        self.open_per_address[address] += 1
        try:
            await self.app(scope, limited_receive, send)
        finally:
            self.open_per_address[address] -= 1
            if self.open_per_address[address] <= 0:
                del self.open_per_address[address]
