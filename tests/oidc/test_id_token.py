"""The ID token checks (OpenID Connect Core 3.1.3.7) on real tokens from the local provider, and on
tokens changed the ways an attacker would: expired, for another audience, `alg: none`, a tampered
signature, a nonce from another sign-in, a too-low acr, a foreign issuer."""

import base64
import json
import time

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlmodel import select

from stafett_app import db
from stafett_app.models import LoginSession
from stafett_app.services import identity, oidc
from stafett_app.settings import get_settings
from tests.oidc.conftest import sign_in


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _parts(token: str) -> tuple[dict, dict, str]:
    header, payload, signature = token.split(".")

    def pad(s):
        return s + "=" * (-len(s) % 4)

    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
        signature,
    )


@pytest.fixture
def real(app, provider):
    """A real ID token from a real sign-in, its nonce, and what the validator needs."""
    sign_in(app, provider)
    with db.session_scope() as session:
        login = session.exec(select(LoginSession).where(LoginSession.provider_sid.is_not(None))).one()  # type: ignore[union-attr]
        token = identity.decrypt(login.id_token_encrypted or "")
    assert token
    settings = get_settings()
    _, claims, _ = _parts(token)
    return token, claims["nonce"], settings, oidc.metadata(settings)


def check(token, nonce, settings, meta, **kwargs):
    return oidc.validate_id_token(token, settings=settings, meta=meta, nonce=nonce, **kwargs)


def test_the_real_token_passes_and_carries_pid_sid_and_acr(real):
    token, nonce, settings, meta = real
    claims = check(token, nonce, settings, meta)
    assert claims["pid"] and claims["sid"] and claims["acr"] == "idporten-loa-substantial"


def test_an_expired_token_is_refused(real):
    token, nonce, settings, meta = real
    _, claims, _ = _parts(token)
    with pytest.raises(oidc.SignInRefused, match="exp"):
        check(token, nonce, settings, meta, now=claims["exp"] + oidc.CLOCK_LEEWAY_SECONDS + 1)


def test_a_token_issued_long_ago_is_refused(real):
    token, nonce, settings, meta = real
    _, claims, _ = _parts(token)
    with pytest.raises(oidc.SignInRefused, match="too long ago"):
        check(token, nonce, settings, meta, now=claims["iat"] + oidc.MAX_ID_TOKEN_AGE_SECONDS + 1)


def test_a_token_for_another_audience_is_refused(real):
    token, nonce, settings, meta = real
    with pytest.raises(oidc.SignInRefused, match="audience"):
        check(token, nonce, settings.model_copy(update={"oidc_client_id": "another-service"}), meta)


def test_a_token_from_another_issuer_is_refused(real):
    token, nonce, settings, meta = real
    with pytest.raises(oidc.SignInRefused, match="iss"):
        check(token, nonce, settings.model_copy(update={"oidc_issuer": "https://idporten.example"}), meta)


def test_a_nonce_from_another_sign_in_is_refused(real):
    token, _, settings, meta = real
    with pytest.raises(oidc.SignInRefused, match="nonce"):
        check(token, "the-nonce-of-another-sign-in", settings, meta)


def test_a_too_low_acr_is_refused(real):
    token, nonce, settings, meta = real
    with pytest.raises(oidc.SignInRefused, match="assurance"):
        check(token, nonce, settings.model_copy(update={"oidc_acr_values": "idporten-loa-high"}), meta)


def test_alg_none_is_refused(real):
    token, nonce, settings, meta = real
    header, claims, _ = _parts(token)
    unsigned = f"{_b64({**header, 'alg': 'none'})}.{_b64(claims)}."
    with pytest.raises(oidc.SignInRefused, match="algorithm"):
        check(unsigned, nonce, settings, meta)


def test_a_tampered_payload_fails_the_signature(real):
    token, nonce, settings, meta = real
    _header, claims, signature = _parts(token)
    tampered = f"{token.split('.')[0]}.{_b64({**claims, 'pid': '41019012393'})}.{signature}"
    with pytest.raises(oidc.SignInRefused, match="signature"):
        check(tampered, nonce, settings, meta)


def test_a_token_signed_with_another_key_under_the_providers_kid_is_refused(real):
    token, nonce, settings, meta = real
    header, claims, _ = _parts(token)
    forged = jwt.encode(header, claims, RSAKey.generate_key(2048, private=True), algorithms=["RS256"])
    with pytest.raises(oidc.SignInRefused, match="signature"):
        check(forged, nonce, settings, meta)


def test_hs256_signed_with_the_public_key_is_refused(real):
    token, nonce, settings, meta = real
    header, claims, _ = _parts(token)
    confused = f"{_b64({**header, 'alg': 'HS256'})}.{_b64(claims)}.c2lnbmF0dXJl"
    with pytest.raises(oidc.SignInRefused, match="algorithm"):
        check(confused, nonce, settings, meta)


def test_another_authorized_party_is_refused(real, provider):
    """azp naming someone else: signed by a key the provider's JWKS would hold (here our own set)."""
    token, nonce, settings, meta = real
    _header, claims, _ = _parts(token)
    key = RSAKey.generate_key(2048, parameters={"kid": "test-azp"}, private=True)
    signed = jwt.encode({"alg": "RS256", "kid": "test-azp"}, {**claims, "azp": "another", "iat": int(time.time())}, key)
    jwks_url = "https://keys.example/jwks"
    oidc._cache._items[jwks_url] = (time.monotonic(), {"keys": [key.as_dict(private=False)]})
    with pytest.raises(oidc.SignInRefused, match="authorized"):
        check(signed, nonce, settings, {**meta, "jwks_uri": jwks_url})
