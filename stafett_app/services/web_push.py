"""Web Push: the server's VAPID key pair, people's push subscriptions, and sending one notice.

The payload is encrypted for the browser (aes128gcm) and says only "Stafett", the kind's subject
and an in-app path: the push services of the phone makers never see a name or any content.
"""

import base64
import ipaddress
import json
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid
from pywebpush import WebPushException, webpush
from requests.adapters import HTTPAdapter
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from stafett_app.db import session_scope
from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.notifications import EventKind, notice_for, subject_of
from stafett_app.i18n import translate
from stafett_app.models import Person, PushSubscription, ServerKey, id_of
from stafett_app.settings import Settings

VAPID_KEY_NAME = "vapid_private_key"
PUSH_TTL_SECONDS = 3 * 24 * 3600  # a phone that is off for a weekend still gets it
PUSH_TIMEOUT_SECONDS = 15
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")  # tests only (STAFETT_PUSH_ALLOW_LOCAL=1)
MAX_ENDPOINT_LENGTH = 1000
# RFC 8291: the browser's key is an uncompressed P-256 point (0x04 + 64 bytes), the auth secret 16 bytes.
P256_POINT_LENGTH, UNCOMPRESSED_POINT, AUTH_SECRET_LENGTH = 65, 4, 16
# The browsers' push services: Google (Chrome, Edge on Android), Mozilla, Apple, Microsoft (WNS).
# Exact names, or a name under a listed suffix; nothing else is ever connected to.
PUSH_HOSTS = frozenset({"fcm.googleapis.com", "updates.push.services.mozilla.com", "web.push.apple.com"})
PUSH_HOST_SUFFIXES = (".push.services.mozilla.com", ".push.apple.com", ".notify.windows.com")
MIN_DOTS_UNDER_SUFFIX = 3  # a name under a suffix, not the suffix itself (e.g. x.notify.windows.com)


class UnsafeEndpoint(Exception):
    """An endpoint the server must not connect to (not a push service, or an internal address)."""


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --- the server's key pair -------------------------------------------------------------------


def _new_private_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return _b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def vapid_private_key(bind: Engine) -> str:
    """The VAPID private key (raw, base64url), made on first use. Two workers starting at once
    both try to insert; the loser reads the winner's key, so every worker signs with the same."""
    with session_scope(bind) as session:
        stored = session.exec(select(ServerKey).where(ServerKey.name == VAPID_KEY_NAME)).first()
        if stored is not None:
            return stored.value
    try:
        with session_scope(bind) as session:
            value = _new_private_key()
            session.add(ServerKey(name=VAPID_KEY_NAME, value=value, created_at=utcnow()))
        return value
    except IntegrityError:
        with session_scope(bind) as session:
            return session.exec(select(ServerKey).where(ServerKey.name == VAPID_KEY_NAME)).one().value


def application_server_key(private_key: str) -> str:
    """The public key as the browser's pushManager.subscribe wants it: the uncompressed point."""
    public = Vapid.from_raw(private_key.encode()).public_key
    return _b64url(public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))


# --- subscriptions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SubscriptionData:
    endpoint: str
    p256dh: str
    auth: str


def check_subscription(data: object, *, allow_local: bool) -> SubscriptionData:
    """What PushSubscription.toJSON() gives: {endpoint, keys: {p256dh, auth}}. The endpoint must be
    a push service on the internet (https, a name, not an address in our own network)."""
    if not isinstance(data, dict) or not isinstance(data.get("keys"), dict):
        raise ValidationFailed({"subscription": "error.choose_one"})
    endpoint, keys = data.get("endpoint"), data["keys"]
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if not (isinstance(endpoint, str) and isinstance(p256dh, str) and isinstance(auth, str)):
        raise ValidationFailed({"subscription": "error.choose_one"})
    if len(endpoint) > MAX_ENDPOINT_LENGTH:
        raise ValidationFailed({"subscription": "error.choose_one"})
    if not endpoint_allowed(endpoint, allow_local=allow_local):
        raise ValidationFailed({"endpoint": "error.choose_one"})
    try:
        point, secret = _b64url_decode(p256dh), _b64url_decode(auth)
    except ValueError:
        raise ValidationFailed({"keys": "error.choose_one"}) from None
    if len(point) != P256_POINT_LENGTH or point[0] != UNCOMPRESSED_POINT or len(secret) != AUTH_SECRET_LENGTH:
        raise ValidationFailed({"keys": "error.choose_one"})
    return SubscriptionData(endpoint=endpoint, p256dh=p256dh, auth=auth)


def _is_local(host: str, scheme: str, allow_local: bool) -> bool:
    return allow_local and host in LOCAL_HOSTS and scheme in ("http", "https")


def endpoint_allowed(endpoint: str, *, allow_local: bool) -> bool:
    """A push service's own host over https on 443 (no user info, no trailing dot, no numbers);
    with allow_local, also loopback on any port for the tests' own push service."""
    parts = urlsplit(endpoint)
    try:
        host, port = parts.hostname or "", parts.port
    except ValueError:  # a port that is not a number
        return False
    if parts.username is not None or parts.password is not None:
        return False
    if _is_local(host, parts.scheme, allow_local):
        return True
    known = host in PUSH_HOSTS or (host.endswith(PUSH_HOST_SUFFIXES) and host.count(".") >= MIN_DOTS_UNDER_SUFFIX)
    return parts.scheme == "https" and port in (None, 443) and known


def check_endpoint_addresses(endpoint: str, *, allow_local: bool) -> None:
    """Right before connecting: the host is still on the list and every address it resolves to is
    public, so a push host name pointed at our own network (DNS rebinding) is not connected to."""
    if not endpoint_allowed(endpoint, allow_local=allow_local):
        raise UnsafeEndpoint(endpoint)
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    if _is_local(host, parts.scheme, allow_local):
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError as failure:
        raise UnsafeEndpoint(f"{host} does not resolve") from failure
    addresses = {ipaddress.ip_address(info[4][0]) for info in infos}
    if not addresses or not all(address.is_global for address in addresses):
        raise UnsafeEndpoint(f"{host} resolves to an internal address")


def _refuse_internal_peer(sock: socket.socket, host: str) -> socket.socket:
    address = ipaddress.ip_address(sock.getpeername()[0])
    if not address.is_global:
        sock.close()
        raise UnsafeEndpoint(f"{host} connected to an internal address")
    return sock


class _PublicHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _refuse_internal_peer(super()._new_conn(), self.host)


class _PublicHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _refuse_internal_peer(super()._new_conn(), self.host)


class _PublicHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class _PublicOnlyAdapter(HTTPAdapter):
    """Checks the address the socket actually connected to, before TLS or a byte of HTTP: the name
    cannot resolve to something else between our check and the connection (DNS rebinding). Through a
    proxy (HTTPS_PROXY) the proxy connects, and only the check before sending applies."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _PublicHTTPPool, "https": _PublicHTTPSPool}


def public_only_session() -> requests.Session:
    session = requests.Session()
    adapter = _PublicOnlyAdapter()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def save_subscription(session: Session, person: Person, data: SubscriptionData) -> None:
    """One device belongs to whoever signed in on it last. Moving a device from one person to another
    needs its keys: only the browser that holds the subscription knows them, not whoever learns the
    endpoint."""
    row = session.exec(select(PushSubscription).where(PushSubscription.endpoint == data.endpoint)).first()
    if row is not None and row.person_id != person.id and (row.p256dh, row.auth) != (data.p256dh, data.auth):
        raise ValidationFailed({"subscription": "error.choose_one"})
    if row is None:
        row = PushSubscription(person_id=id_of(person), endpoint=data.endpoint, p256dh="", auth="", created_at=utcnow())
    row.person_id, row.p256dh, row.auth, row.created_at = id_of(person), data.p256dh, data.auth, utcnow()
    session.add(row)


def remove_subscription(session: Session, person: Person, endpoint: str) -> bool:
    row = session.exec(
        select(PushSubscription).where(PushSubscription.endpoint == endpoint, PushSubscription.person_id == person.id)
    ).first()
    if row is None:
        return False
    session.delete(row)
    return True


# --- sending ---------------------------------------------------------------------------------


def payload(lang: str, kind: EventKind, link: str, *, practice: bool = False) -> str:
    notice = notice_for(kind, link, practice=practice)
    body = subject_of(notice, lambda key: translate(lang, key))
    return json.dumps({"title": "Stafett", "body": body, "url": notice.link}, ensure_ascii=False)


class Outcome:
    SENT, GONE, FAILED = "sent", "gone", "failed"


def send(settings: Settings, subscription: PushSubscription, data: str, private_key: str) -> str:
    """Blocking: call it from a worker thread. GONE means the browser dropped the subscription
    (404 or 410 from the push service): the caller deletes it."""
    check_endpoint_addresses(subscription.endpoint, allow_local=settings.push_allow_local)
    info = {"endpoint": subscription.endpoint, "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}}
    # The tests' push service on loopback is the one place a plain session may connect to.
    local = settings.push_allow_local and (urlsplit(subscription.endpoint).hostname or "") in LOCAL_HOSTS
    try:
        with requests.Session() if local else public_only_session() as http:
            webpush(
                info,
                data=data,
                vapid_private_key=Vapid.from_raw(private_key.encode()),
                vapid_claims={"sub": settings.vapid_subject},
                ttl=PUSH_TTL_SECONDS,
                timeout=PUSH_TIMEOUT_SECONDS,
                requests_session=http,
            )
    except WebPushException as failure:
        if failure.status_code in (404, 410):
            return Outcome.GONE
        raise
    return Outcome.SENT
