"""Web Push endpoints only on the push services' own hosts, over https on 443, resolved to public
addresses; and nobody takes over another person's device by naming its endpoint."""

import socket

import pytest
import requests
from sqlmodel import select

from stafett_app.domain.errors import ValidationFailed
from stafett_app.models import PushSubscription
from stafett_app.services import web_push
from stafett_app.settings import get_settings
from tests.notify_helpers import BrowserKeys


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://127.1/push",
        "https://2130706433/push",
        "https://0x7f000001/push",
        "https://0177.0.0.1/push",
        "https://localhost./push",
        "https://localhost/push",
        "https://intranet/push",
        "https://db.kommune.local/push",
        "https://fcm.googleapis.com:8443/fcm/send/abc",  # the right host on another port
        "https://fcm.googleapis.com./fcm/send/abc",
        "https://fcm.googleapis.com.evil.example/fcm/send/abc",
        "https://evil.example/fcm.googleapis.com",
        "https://user:pw@fcm.googleapis.com/fcm/send/abc",
        "https://notify.windows.com.evil.example/w",
    ],
)
def test_internal_and_unknown_hosts_are_refused(endpoint):
    data = BrowserKeys.new().subscription(endpoint)
    with pytest.raises(ValidationFailed):
        web_push.check_subscription(data, allow_local=False)


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://fcm.googleapis.com:443/wp/abc",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
        "https://web.push.apple.com/QG9",
        "https://wns2-par02p.notify.windows.com/w/?token=abc",
    ],
)
def test_the_push_services_are_accepted(endpoint):
    data = BrowserKeys.new().subscription(endpoint)
    assert web_push.check_subscription(data, allow_local=False).endpoint == endpoint


@pytest.mark.parametrize(
    "endpoint", ["http://127.1:8000/push", "http://localhost.:8000/push", "http://10.0.0.5:8000/push"]
)
def test_the_tests_loopback_exception_is_loopback_only(endpoint):
    data = BrowserKeys.new().subscription(endpoint)
    with pytest.raises(ValidationFailed):
        web_push.check_subscription(data, allow_local=True)


def _resolving_to(monkeypatch, address: str) -> list[str]:
    asked = []

    def fake_getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(web_push.socket, "getaddrinfo", fake_getaddrinfo)
    return asked


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "192.168.1.10", "::1", "fd00::1"])
def test_sending_refuses_a_push_host_that_resolves_inside(monkeypatch, address):
    """A name on the list that resolves to our own network (DNS rebinding) is not connected to."""
    asked = _resolving_to(monkeypatch, address)
    connected = []
    monkeypatch.setattr(web_push, "webpush", lambda *args, **kwargs: connected.append(args))
    keys = BrowserKeys.new()
    row = PushSubscription(
        person_id=1, endpoint="https://fcm.googleapis.com/fcm/send/abc", **keys.subscription("x")["keys"]
    )
    with pytest.raises(web_push.UnsafeEndpoint):
        web_push.send(get_settings(), row, "{}", web_push._new_private_key())
    assert asked == ["fcm.googleapis.com"] and connected == []


def test_sending_goes_ahead_when_the_push_host_is_public(monkeypatch):
    _resolving_to(monkeypatch, "142.250.74.106")
    connected = []
    monkeypatch.setattr(web_push, "webpush", lambda info, **kwargs: connected.append(info["endpoint"]))
    keys = BrowserKeys.new()
    row = PushSubscription(
        person_id=1, endpoint="https://fcm.googleapis.com/fcm/send/abc", **keys.subscription("x")["keys"]
    )
    assert web_push.send(get_settings(), row, "{}", web_push._new_private_key()) == web_push.Outcome.SENT
    assert connected == ["https://fcm.googleapis.com/fcm/send/abc"]


def test_a_stored_endpoint_off_the_list_is_not_sent_to(monkeypatch):
    """Rows saved before the list existed are checked again when sending."""
    monkeypatch.setattr(web_push, "webpush", lambda *args, **kwargs: pytest.fail("connected"))
    keys = BrowserKeys.new()
    row = PushSubscription(person_id=1, endpoint="https://2130706433/x", **keys.subscription("x")["keys"])
    with pytest.raises(web_push.UnsafeEndpoint):
        web_push.send(get_settings(), row, "{}", web_push._new_private_key())


def test_another_persons_endpoint_cannot_be_taken_over(seeded, people):
    """Only the browser that holds the subscription knows its keys: naming the endpoint is not enough."""
    endpoint = "https://fcm.googleapis.com/fcm/send/kari-phone"
    karis = BrowserKeys.new().subscription(endpoint)
    web_push.save_subscription(seeded, people["kari"], web_push.check_subscription(karis, allow_local=False))
    seeded.flush()
    forged = BrowserKeys.new().subscription(endpoint)
    with pytest.raises(ValidationFailed):
        web_push.save_subscription(seeded, people["per"], web_push.check_subscription(forged, allow_local=False))
    [row] = seeded.exec(select(PushSubscription)).all()
    assert (row.person_id, row.p256dh, row.auth) == (people["kari"].id, karis["keys"]["p256dh"], karis["keys"]["auth"])


@pytest.fixture
def loopback_server():
    """A plain HTTP server on 127.0.0.1 that counts what reaches it."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            hits.append(self.path)
            self.send_response(201)
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def test_the_connection_itself_refuses_an_internal_peer(loopback_server):
    """Even when a name resolved to a public address a moment before (DNS rebinding), the socket's
    real peer is checked before a byte is sent."""
    url, hits = loopback_server
    with web_push.public_only_session() as http, pytest.raises(web_push.UnsafeEndpoint):
        http.post(f"{url}/push/x", data=b"{}", timeout=5)
    assert hits == []
    with requests.Session() as plain:  # the same server, without the check: reached
        assert plain.post(f"{url}/push/x", data=b"{}", timeout=5).status_code == 201
    assert hits == ["/push/x"]
