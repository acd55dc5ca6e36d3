"""The Web Push routes: the public key, and saving or forgetting a device for the signed-in person."""

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from stafett_app import db
from stafett_app.api import api
from stafett_app.models import Person, PushSubscription, id_of
from stafett_app.services.auth import start_session
from stafett_app.services.web_push import vapid_private_key
from stafett_app.settings import SESSION_COOKIE
from tests.notify_helpers import BrowserKeys, b64url_decode

ENDPOINT = "https://fcm.googleapis.com/fcm/send/lise-phone"


@pytest.fixture
def client(state_db, monkeypatch):
    monkeypatch.delenv("STAFETT_PUSH_ALLOW_LOCAL", raising=False)
    return TestClient(api, base_url="https://stafett.test")


def sign_in(client: TestClient, first_name: str) -> int:
    with db.session_scope() as session:
        person = session.exec(select(Person).where(Person.first_name == first_name)).one()
        client.cookies.set(SESSION_COOKIE, start_session(session, person.id, max_minutes=60))
        return id_of(person)


def subscriptions() -> list[tuple[int, str]]:
    with db.session_scope() as session:
        return [(s.person_id, s.endpoint) for s in session.exec(select(PushSubscription)).all()]


def test_public_key_is_made_once_and_is_a_p256_point(client):
    first = client.get("/push/public-key").json()["publicKey"]
    assert client.get("/push/public-key").json()["publicKey"] == first
    point = b64url_decode(first)
    assert len(point) == 65 and point[0] == 4
    assert vapid_private_key(db.engine())  # the same key the sender signs with


def test_subscribe_and_unsubscribe_for_the_signed_in_person_only(client):
    body = BrowserKeys.new().subscription(ENDPOINT)
    assert client.post("/push/subscription", json=body).status_code == 401
    lise = sign_in(client, "Lise")
    assert client.post("/push/subscription", json=body, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post("/push/subscription", json=body, headers={"Origin": "https://stafett.test"}).status_code == 201
    assert subscriptions() == [(lise, ENDPOINT)]
    sign_in(client, "Per")
    assert client.request("DELETE", "/push/subscription", json={"endpoint": ENDPOINT}).status_code == 204
    assert subscriptions() == [(lise, ENDPOINT)]  # not Per's to remove
    sign_in(client, "Lise")
    assert client.request("DELETE", "/push/subscription", json={"endpoint": ENDPOINT}).status_code == 204
    assert subscriptions() == []


def test_unusable_subscriptions_are_refused(client, monkeypatch):
    sign_in(client, "Lise")
    local = BrowserKeys.new().subscription("http://127.0.0.1:9999/push")
    assert client.post("/push/subscription", json=local).status_code == 422
    assert (
        client.post("/push/subscription", content=b"not json", headers={"Content-Type": "application/json"}).status_code
        == 400
    )
    assert client.post("/push/subscription", json={"endpoint": ENDPOINT}).status_code == 422
    monkeypatch.setenv("STAFETT_PUSH_ALLOW_LOCAL", "1")  # what the browser tests do
    assert client.post("/push/subscription", json=local).status_code == 201
