"""Rate limits on Reflex's websocket (#9.10), in process: our middleware around a stand-in for
Reflex's socket.io endpoint, as rx.App(api_transformer=...) mounts it."""

import logging

import pytest
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

from stafett_app import http_security
from stafett_app.api import build_api
from stafett_app.services import rate_limits
from stafett_app.settings import SESSION_COOKIE

EVENT = '42/_event,["event",{"name":"reflex___state____state.x","payload":{}}]'
HEARTBEAT = "3"


pytestmark = pytest.mark.usefixtures("fresh_limits")


@pytest.fixture
def received() -> list[str]:
    return []


@pytest.fixture
def client(received) -> TestClient:
    async def socket(websocket: WebSocket):
        await websocket.accept()
        try:
            while True:
                text = await websocket.receive_text()
                received.append(text)
                if text == "echo":  # lets a test wait until everything before it went through
                    await websocket.send_text("done")
        except WebSocketDisconnect:
            pass

    app = build_api()
    app.mount("", Starlette(routes=[WebSocketRoute("/_event/", socket)]))
    return TestClient(app, base_url="http://localhost:3000")


def _connect(client: TestClient, cookie: str | None = None):
    headers = {"cookie": f"{SESSION_COOKIE}={cookie}"} if cookie else {}
    return client.websocket_connect("/_event/?EIO=4&transport=websocket&token=t", headers=headers)


def _opens(client: TestClient, cookie: str | None = None) -> bool:
    try:
        with _connect(client, cookie):
            return True
    except WebSocketDisconnect:
        return False


def test_a_school_behind_one_address_connects(client):
    """20 people behind the school's NAT: the sign-in page (no cookie yet) for all of them at eight,
    then each loading pages and coming back from sleep: all in."""
    assert all(_opens(client) for _ in range(60))
    for person in range(20):
        assert all(_opens(client, f"browser-{person}") for _ in range(10))


def test_one_browser_opening_socket_after_socket_is_refused(client, caplog):
    caplog.set_level(logging.WARNING, logger=rate_limits.__name__)
    limit = rate_limits.per_minute("socket_connect")
    opened = [_opens(client, "one-browser") for _ in range(limit + 20)]
    assert opened == [True] * limit + [False] * 20
    assert _opens(client, "the-teacher-next-door")  # another browser on the same address is not hurt
    assert len(caplog.records) == 1  # once per window, not per refusal


def test_made_up_cookies_still_meet_the_address_limit(client, monkeypatch):
    monkeypatch.setitem(rate_limits.LIMITS, "socket_connect_address", "50/minute")
    rate_limits.reset()
    opened = [_opens(client, f"made-up-{n}") for n in range(60)]
    assert opened == [True] * 50 + [False] * 10


def test_sockets_open_at_once_per_address_are_capped(client, monkeypatch):
    monkeypatch.setattr(http_security, "SOCKETS_PER_ADDRESS", 3)
    with _connect(client, "a"), _connect(client, "b"), _connect(client, "c"):
        assert not _opens(client, "d")
    assert _opens(client, "d")  # closed sockets no longer count


def test_an_event_flood_on_one_socket_is_dropped(client, received, caplog):
    caplog.set_level(logging.WARNING, logger=rate_limits.__name__)
    burst = rate_limits.per_minute("socket_event_burst")  # the amount, here per second
    with _connect(client, "flood") as socket:
        for _ in range(burst * 5):
            socket.send_text(EVENT)
        for _ in range(50):
            socket.send_text(HEARTBEAT)  # the heartbeat is never counted
        socket.send_text("echo")
        assert socket.receive_text() == "done"
    assert received.count(EVENT) == burst and received.count(HEARTBEAT) == 50
    assert len(caplog.records) == 1
    # Another tab of the same browser has its own count: a normal page load goes through.
    received.clear()
    with _connect(client, "flood") as socket:
        for _ in range(5):
            socket.send_text(EVENT)
        socket.send_text("echo")
        assert socket.receive_text() == "done"
    assert received.count(EVENT) == 5
