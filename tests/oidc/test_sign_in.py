"""Sign-in through a real OpenID provider (oidc-provider set up like ID-porten), against the HTTP app."""

import logging
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from sqlmodel import select
from starlette.testclient import TestClient

from stafett_app import db
from stafett_app.api import api
from stafett_app.domain.dates import utcnow
from stafett_app.models import LoginSession, PendingLogin, Person
from stafett_app.services.auth import person_for_token
from tests.oidc.conftest import (
    KARI_PID,
    LISE_PID,
    LOGIN,
    SESSION,
    UNKNOWN_PID,
    ProviderBrowser,
    sign_in,
    signed_in_person,
    start,
)

# A guardian with one log lands on its family page (services.log_list.first_page); staff on their list.
LISE_LANDING = "/logs/1/family"


def test_guardian_signs_in_through_par_with_pkce_and_gets_a_host_cookie(app, provider, caplog):
    caplog.set_level(logging.DEBUG)
    location = start(app)
    query = parse_qs(urlsplit(location).query)
    assert set(query) == {"client_id", "request_uri"}  # PAR: nothing else travels through the browser
    set_cookie = app.cookies.get(LOGIN)
    assert set_cookie
    back = ProviderBrowser(provider).run_until_back(location, pid=LISE_PID)
    assert LISE_PID not in back
    response = app.get(back.removeprefix(provider.public_url), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == LISE_LANDING
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION))
    lowered = cookie.lower()
    assert "secure" in lowered and "httponly" in lowered and "samesite=lax" in lowered and "path=/" in lowered
    assert "domain" not in lowered
    assert signed_in_person(app) == "Lise"
    with db.session_scope() as session:
        login = session.exec(select(LoginSession).where(LoginSession.provider_sid.is_not(None))).one()  # type: ignore[union-attr]
        assert LISE_PID not in (login.id_token_encrypted or "")
        lise = session.exec(select(Person).where(Person.first_name == "Lise")).one()
        assert LISE_PID not in (lise.national_id_encrypted or "") and LISE_PID not in (lise.national_id_index or "")
        assert session.exec(select(PendingLogin)).all() == []  # used once, gone
    assert LISE_PID not in caplog.text


def test_teacher_with_a_high_level_satisfies_substantial(app, provider):
    response, _ = sign_in(app, provider, pid=KARI_PID, acr="idporten-loa-high")
    assert response.headers["location"] == "/logs" and signed_in_person(app) == "Kari"


def test_unknown_person_gets_the_not_registered_page_and_no_session(app, provider):
    response, _ = sign_in(app, provider, pid=UNKNOWN_PID)
    assert response.status_code == 303 and response.headers["location"] == "/not-registered"
    assert signed_in_person(app) is None


def test_a_wrong_state_is_refused(app, provider):
    back = ProviderBrowser(provider).run_until_back(start(app), pid=LISE_PID)
    query = parse_qs(urlsplit(back).query)
    response = app.get("/auth/callback", params={"code": query["code"][0], "state": "forged"}, follow_redirects=False)
    assert response.status_code == 400 and signed_in_person(app) is None


def test_the_state_of_another_browser_is_refused(app, provider):
    back = ProviderBrowser(provider).run_until_back(start(app), pid=LISE_PID)
    app.cookies.set(LOGIN, "someone-elses-pre-login-cookie", domain="stafett.test")
    response = app.get(back.removeprefix(provider.public_url), follow_redirects=False)
    assert response.status_code == 400 and signed_in_person(app) is None


def test_a_replayed_callback_code_and_state_is_refused(app, provider):
    browser = ProviderBrowser(provider)
    back = browser.run_until_back(start(app), pid=LISE_PID)
    assert app.get(back.removeprefix(provider.public_url), follow_redirects=False).headers["location"] == LISE_LANDING
    app.cookies.clear()
    replay = app.get(back.removeprefix(provider.public_url), follow_redirects=False)
    assert replay.status_code == 400 and signed_in_person(app) is None


def test_a_code_from_another_sign_in_is_refused_by_pkce(app, provider):
    browser = ProviderBrowser(provider)
    first = parse_qs(urlsplit(browser.run_until_back(start(app), pid=LISE_PID)).query)
    second = parse_qs(urlsplit(browser.run_until_back(start(app), pid=LISE_PID)).query)
    # the second sign-in's state with the first one's code (an injected code)
    response = app.get(
        "/auth/callback", params={"code": first["code"][0], "state": second["state"][0]}, follow_redirects=False
    )
    assert response.status_code == 400 and signed_in_person(app) is None


def test_a_wrong_nonce_is_refused(app, provider):
    location = start(app)
    with db.session_scope() as session:
        pending = session.exec(select(PendingLogin)).one()
        pending.nonce = "another-nonce"
        session.add(pending)
    back = ProviderBrowser(provider).run_until_back(location, pid=LISE_PID)
    response = app.get(back.removeprefix(provider.public_url), follow_redirects=False)
    assert response.status_code == 400 and signed_in_person(app) is None


def test_acr_below_what_was_asked_is_refused(app, provider, monkeypatch):
    monkeypatch.setenv("STAFETT_OIDC_ACR_VALUES", "idporten-loa-high")
    response, _ = sign_in(app, provider, pid=LISE_PID, acr="idporten-loa-substantial")
    assert response.status_code == 400 and signed_in_person(app) is None


def test_demo_sign_in_is_impossible_next_to_the_provider(app):
    assert app.post("/auth/demo-login", data={"person_id": "1"}, follow_redirects=False).status_code == 404


def test_idle_and_absolute_timeouts_end_the_session(app, provider):
    sign_in(app, provider)
    assert signed_in_person(app) == "Lise"
    with db.session_scope() as session:
        login = session.exec(select(LoginSession).where(LoginSession.ended_at.is_(None))).one()  # type: ignore[union-attr]
        login.last_seen_at = utcnow() - timedelta(minutes=29)
        session.add(login)
    assert signed_in_person(app) == "Lise"  # activity moves last_seen on
    with db.session_scope() as session:
        login = session.exec(select(LoginSession).where(LoginSession.ended_at.is_(None))).one()  # type: ignore[union-attr]
        assert utcnow() - login.last_seen_at < timedelta(minutes=1)  # type: ignore[operator]
        login.last_seen_at = utcnow() - timedelta(minutes=31)
        session.add(login)
    assert signed_in_person(app) is None
    sign_in(app, provider)
    with db.session_scope() as session:
        login = session.exec(select(LoginSession).where(LoginSession.ended_at.is_(None))).one()  # type: ignore[union-attr]
        assert login.expires_at - login.created_at == timedelta(minutes=120)
        login.expires_at = utcnow() - timedelta(seconds=1)
        session.add(login)
    assert signed_in_person(app) is None
    assert app.get("/files/photos/1").status_code == 401


def test_sign_out_ends_the_session_and_the_providers_with_the_id_token_hint(app, provider):
    _, browser = sign_in(app, provider)
    response = app.post("/auth/logout", follow_redirects=False)
    assert response.status_code == 303 and signed_in_person(app) is None
    target = response.headers["location"]
    query = parse_qs(urlsplit(target).query)
    assert target.startswith(f"{provider.issuer}/session/end?")
    assert query["post_logout_redirect_uri"] == [f"{provider.public_url}/"] and query["id_token_hint"]
    confirm = browser.http.get(target)  # the provider asks "sign out?"; the person says yes
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', confirm.text)
    assert confirm.status_code == 200 and xsrf is not None
    done = browser.http.post(f"{provider.issuer}/session/end/confirm", data={"xsrf": xsrf.group(1), "logout": "yes"})
    assert done.status_code in (302, 303) and done.headers["location"] == f"{provider.public_url}/"
    # The provider's session is gone: a silent renewal comes back to the sign-in page, signed out.
    renew = app.get("/auth/renew", follow_redirects=False)
    back = browser.run_until_back(renew.headers["location"])
    assert app.get(back.removeprefix(provider.public_url), follow_redirects=False).headers["location"] == "/"
    assert signed_in_person(app) is None


def test_silent_renewal_gives_a_new_session_while_the_provider_session_lives(app, provider):
    _, browser = sign_in(app, provider)
    old = app.cookies.get(SESSION)
    renew = app.get("/auth/renew", follow_redirects=False)
    assert "prompt" not in renew.headers["location"]  # pushed: prompt=none went in the PAR body
    back = browser.run_until_back(renew.headers["location"])  # no login page: the provider knows her
    assert app.get(back.removeprefix(provider.public_url), follow_redirects=False).headers["location"] == LISE_LANDING
    assert app.cookies.get(SESSION) != old and signed_in_person(app) == "Lise"
    with db.session_scope() as session:
        assert person_for_token(session, old) is None


def test_front_channel_logout_ends_the_session_the_provider_names(app, provider):
    _, browser = sign_in(app, provider)
    other = TestClient(api, base_url=provider.public_url)
    sign_in(other, provider, pid=KARI_PID)
    frames = browser.logout_elsewhere()
    assert len(frames) == 1 and "sid=" in frames[0] and "iss=" in frames[0]
    response = TestClient(api, base_url=provider.public_url).get(frames[0].removeprefix(provider.public_url))
    assert response.status_code == 200
    assert f"frame-ancestors {provider.issuer}" in response.headers["content-security-policy"]
    assert signed_in_person(app) is None
    assert signed_in_person(other) == "Kari"  # another person's session stays


def test_without_par_the_request_carries_pkce_acr_and_language_in_the_address(app, provider, monkeypatch):
    from stafett_app.services import oidc

    offered = oidc.metadata
    monkeypatch.setattr(
        oidc,
        "metadata",
        lambda s: {k: v for k, v in offered(s).items() if k != "pushed_authorization_request_endpoint"},
    )
    location = start(app)
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert query["acr_values"] == "idporten-loa-substantial" and query["ui_locales"] == "nn"
    assert query["state"] and query["nonce"] and "code_verifier" not in query
    back = ProviderBrowser(provider).run_until_back(location, pid=LISE_PID)
    assert app.get(back.removeprefix(provider.public_url), follow_redirects=False).headers["location"] == LISE_LANDING


def test_client_secret_basic_signs_in(app, provider, monkeypatch):
    from tests.oidc.conftest import CLIENT_ID, CLIENT_SECRET

    monkeypatch.setenv("STAFETT_OIDC_CLIENT_AUTH", "client_secret_basic")
    monkeypatch.setenv("STAFETT_OIDC_CLIENT_ID", f"{CLIENT_ID}-secret")
    monkeypatch.setenv("STAFETT_OIDC_CLIENT_SECRET", CLIENT_SECRET)
    response, _ = sign_in(app, provider, pid=KARI_PID)
    assert response.headers["location"] == "/logs" and signed_in_person(app) == "Kari"


def test_a_pem_key_file_with_its_key_id_signs_in(app, provider, monkeypatch, tmp_path):
    import json

    from joserfc.jwk import RSAKey

    pem = tmp_path / "client.pem"
    pem.write_bytes(RSAKey.import_key(json.loads(provider.client_private_jwk)).as_pem(private=True))
    monkeypatch.setenv("STAFETT_OIDC_CLIENT_KEY", str(pem))
    monkeypatch.setenv("STAFETT_OIDC_CLIENT_KEY_ID", "stafett-test-key")
    response, _ = sign_in(app, provider)
    assert response.headers["location"] == LISE_LANDING and signed_in_person(app) == "Lise"


def test_a_key_the_provider_does_not_know_cannot_even_start(app, monkeypatch):
    import json

    from joserfc.jwk import RSAKey

    stranger = RSAKey.generate_key(2048, parameters={"kid": "stafett-test-key"}, private=True)
    monkeypatch.setenv("STAFETT_OIDC_CLIENT_KEY", json.dumps(stranger.as_dict(private=True)))
    response = app.get("/auth/login", follow_redirects=False)
    assert response.status_code == 503 and signed_in_person(app) is None


def test_a_response_naming_another_issuer_is_refused(app, provider):
    back = ProviderBrowser(provider).run_until_back(start(app), pid=LISE_PID)
    query = {k: v[0] for k, v in parse_qs(urlsplit(back).query).items()}
    assert query["iss"] == provider.issuer  # the provider names itself (RFC 9207)
    response = app.get("/auth/callback", params={**query, "iss": "https://evil.example"}, follow_redirects=False)
    assert response.status_code == 400 and signed_in_person(app) is None
