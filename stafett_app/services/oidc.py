"""Sign-in with an OpenID provider (ID-porten): authorization code flow with PKCE, PAR when offered,
private_key_jwt or client_secret_basic, and the ID token checked as OpenID Connect Core 3.1.3.7 says.

state, nonce and the PKCE verifier never leave the server: a PendingLogin row holds them, bound to the
browser by the hash of a random pre-login cookie, and is deleted the first time the callback uses it.
The person is found by the `pid` claim through the keyed index; the pid is never logged or sent on.
"""

import base64
import hashlib
import hmac
import json
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from http import HTTPStatus
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, cast

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.common.urls import add_params_to_uri
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, RSAKey, import_key
from joserfc.jwt import JWTClaimsRegistry
from sqlmodel import Session, col, delete, select

from stafett_app.domain.assurance import acr_satisfies
from stafett_app.domain.dates import utcnow
from stafett_app.models import PendingLogin
from stafett_app.services import identity
from stafett_app.services.auth import ProviderSession
from stafett_app.settings import Settings

if TYPE_CHECKING:
    from joserfc.jwk import KeySetSerialization

log = logging.getLogger(__name__)

# Asymmetric only: never `none`, never an HMAC with a key the client also holds.
ALLOWED_ID_TOKEN_ALGS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
PENDING_LIFETIME = timedelta(minutes=10)
CLOCK_LEEWAY_SECONDS = 60
MAX_ID_TOKEN_AGE_SECONDS = 600
METADATA_TTL_SECONDS = 3600
HTTP_TIMEOUT = 10


class SignInRefused(Exception):
    """The callback did not prove a sign-in. The message is for the server log (it never names the person)."""


class SilentRenewalFailed(Exception):
    """prompt=none came back without a sign-in: the provider's session has ended."""


@dataclass(frozen=True)
class StartedLogin:
    url: str
    browser_token: str  # goes into the pre-login cookie


@dataclass(frozen=True)
class SignedIn:
    national_id: str  # the caller looks the person up and must not keep or show it
    provider: ProviderSession


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class _Cache:
    """Provider metadata and keys, refetched after an hour (or at once for an unknown key id)."""

    def __init__(self) -> None:
        self._lock = Lock()
        self._items: dict[str, tuple[float, dict]] = {}

    def get(self, url: str, *, fresh: bool = False) -> dict:
        with self._lock:
            hit = self._items.get(url)
        if hit and not fresh and time.monotonic() - hit[0] < METADATA_TTL_SECONDS:
            return hit[1]
        response = requests.get(url, timeout=HTTP_TIMEOUT, headers={"Accept": "application/json"})
        response.raise_for_status()
        data: dict = response.json()
        with self._lock:
            self._items[url] = (time.monotonic(), data)
        return data

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_cache = _Cache()


def clear_cache() -> None:
    _cache.clear()


def metadata(settings: Settings) -> dict:
    data = _cache.get(settings.well_known_url)
    # Discovery 4.3: the issuer in the document must be exactly the one we trust.
    if data.get("issuer") != settings.oidc_issuer:
        raise SignInRefused("discovery document names another issuer")
    return data


def _client_key(settings: Settings) -> tuple[RSAKey | ECKey, str]:
    """The private_key_jwt signing key (a private JWK in JSON, or a PEM file) and its kid."""
    text = settings.oidc_client_key.get_secret_value().strip()
    if not text:
        raise RuntimeError("STAFETT_OIDC_CLIENT_KEY is needed for private_key_jwt")
    if text.startswith("{"):
        data = json.loads(text)
        key = import_key(data)
    else:
        pem = Path(text).read_bytes()
        try:
            key = import_key(pem, "RSA")
        except (ValueError, JoseError):
            key = import_key(pem, "EC")
    if not isinstance(key, RSAKey | ECKey) or not key.is_private:
        raise RuntimeError("STAFETT_OIDC_CLIENT_KEY must be a private RSA or EC key")
    kid = settings.oidc_client_key_id or key.kid or key.thumbprint()
    return key, kid


def _oauth(settings: Settings) -> OAuth2Session:
    if settings.oidc_client_auth == "private_key_jwt":
        key, kid = _client_key(settings)
        alg = "RS256" if isinstance(key, RSAKey) else {"P-256": "ES256", "P-384": "ES384"}[key.curve_name]
        # The assertion's audience is the issuer, as ID-porten requires (and oidc-provider accepts).
        auth = PrivateKeyJWT(token_endpoint=settings.oidc_issuer, headers={"kid": kid}, alg=alg)
        return OAuth2Session(
            settings.oidc_client_id, key, token_endpoint_auth_method=auth, redirect_uri=settings.redirect_uri
        )
    return OAuth2Session(
        settings.oidc_client_id,
        settings.oidc_client_secret.get_secret_value(),
        token_endpoint_auth_method="client_secret_basic",  # noqa: S106  (a method name, not a secret)
        redirect_uri=settings.redirect_uri,
    )


def begin_login(
    session: Session, settings: Settings, *, lang: str, silent: bool = False, ask_again: bool = False
) -> StartedLogin:
    """Store state, nonce and verifier; give the provider's authorization address (after PAR if offered).
    `ask_again`: the provider must ask for MinID/BankID even if its own session lives (prompt=login)."""
    meta = metadata(settings)
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(64)
    browser_token = secrets.token_urlsafe(32)
    now = utcnow()
    session.exec(delete(PendingLogin).where(col(PendingLogin.created_at) < now - PENDING_LIFETIME))
    session.add(
        PendingLogin(
            browser_hash=_hash(browser_token),
            state=state,
            nonce=nonce,
            code_verifier=verifier,
            silent=silent,
            created_at=now,
        )
    )
    params = {
        "response_type": "code",
        "client_id": settings.oidc_client_id,
        "redirect_uri": settings.redirect_uri,
        "scope": settings.oidc_scope,
        "state": state,
        "nonce": nonce,
        "code_challenge": create_s256_code_challenge(verifier),
        "code_challenge_method": "S256",
        "acr_values": settings.oidc_acr_values,
        "ui_locales": lang,
    }
    if silent:
        params["prompt"] = "none"
    elif ask_again:
        params["prompt"] = "login"
    par_endpoint = meta.get("pushed_authorization_request_endpoint")
    if par_endpoint:
        oauth = _oauth(settings)
        response = oauth.post(
            par_endpoint,
            data=params,
            auth=oauth.client_auth(oauth.token_endpoint_auth_method),
            withhold_token=True,
            timeout=HTTP_TIMEOUT,
        )
        if response.status_code != HTTPStatus.CREATED:
            raise SignInRefused(f"pushed authorization request refused ({response.status_code})")
        pushed = {"client_id": settings.oidc_client_id, "request_uri": response.json()["request_uri"]}
        return StartedLogin(add_params_to_uri(meta["authorization_endpoint"], pushed), browser_token)
    return StartedLogin(add_params_to_uri(meta["authorization_endpoint"], params), browser_token)


def _take_pending(session: Session, state: str | None, browser_token: str | None) -> PendingLogin:
    """The sign-in this callback belongs to; deleted now, so state, nonce and code work only once."""
    if not state or not browser_token:
        raise SignInRefused("callback without state or pre-login cookie")
    pending = session.exec(select(PendingLogin).where(PendingLogin.state == state)).first()
    if pending is None:
        raise SignInRefused("unknown or already used state")
    session.delete(pending)
    session.commit()  # single use even when the rest fails
    if not hmac.compare_digest(pending.browser_hash, _hash(browser_token)):
        raise SignInRefused("state belongs to another browser")
    if utcnow() - pending.created_at > PENDING_LIFETIME:
        raise SignInRefused("sign-in took too long")
    return pending


def finish_login(
    session: Session,
    settings: Settings,
    *,
    state: str | None,
    code: str | None,
    error: str | None,
    browser_token: str | None,
    issuer: str | None = None,
) -> SignedIn:
    pending = _take_pending(session, state, browser_token)
    meta = metadata(settings)
    # RFC 9207: a provider that names itself in the response must name the one we asked (no mix-up).
    if (issuer is not None or meta.get("authorization_response_iss_parameter_supported")) and (
        issuer != settings.oidc_issuer
    ):
        raise SignInRefused("authorization response from another issuer")
    if error:
        if pending.silent:  # login_required and the like; any answer but a code means "sign in again"
            raise SilentRenewalFailed(error[:60])
        raise SignInRefused(f"provider answered {error[:60]!r}")
    if not code:
        raise SignInRefused("callback without code")
    oauth = _oauth(settings)
    try:
        token = oauth.fetch_token(
            meta["token_endpoint"],
            grant_type="authorization_code",
            code=code,
            code_verifier=pending.code_verifier,
            timeout=HTTP_TIMEOUT,
        )
    except (AuthlibBaseError, requests.RequestException) as refused:
        raise SignInRefused(f"token endpoint refused the code: {type(refused).__name__}") from None
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise SignInRefused("no ID token")
    claims = validate_id_token(id_token, settings=settings, meta=meta, nonce=pending.nonce)
    pid = claims.get("pid")
    if not isinstance(pid, str) or not pid:
        raise SignInRefused("ID token without pid")
    return SignedIn(
        national_id=pid,
        provider=ProviderSession(
            issuer=settings.oidc_issuer,
            sid=claims.get("sid") if isinstance(claims.get("sid"), str) else None,
            id_token_encrypted=identity.encrypt(id_token),
        ),
    )


def _key_set(meta: dict, kid: str | None) -> KeySet:
    keys = KeySet.import_key_set(cast("KeySetSerialization", _cache.get(meta["jwks_uri"])))
    if kid is not None and all(key.kid != kid for key in keys):
        keys = KeySet.import_key_set(
            cast("KeySetSerialization", _cache.get(meta["jwks_uri"], fresh=True))
        )  # the provider rotated its keys
    return keys


def _header(id_token: str) -> dict:
    try:
        first = id_token.split(".", maxsplit=1)[0]
        header = json.loads(base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)))
    except ValueError:
        raise SignInRefused("ID token is not a JWT") from None
    if not isinstance(header, dict):
        raise SignInRefused("ID token is not a JWT")
    return header


def validate_id_token(id_token: str, *, settings: Settings, meta: dict, nonce: str, now: int | None = None) -> dict:
    """OpenID Connect Core 3.1.3.7, steps 2-12, and the acr we asked for. Gives the claims."""
    supported = meta.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = [alg for alg in ALLOWED_ID_TOKEN_ALGS if alg in supported]
    header = _header(id_token)
    if header.get("alg") not in algorithms:  # step 6-8: `none` and HS* never get here
        raise SignInRefused(f"ID token algorithm {str(header.get('alg'))[:20]!r} not allowed")
    try:
        decoded = jwt.decode(id_token, _key_set(meta, header.get("kid")), algorithms=algorithms)
    except (JoseError, ValueError) as refused:
        raise SignInRefused(f"ID token signature: {type(refused).__name__}") from None
    claims = decoded.claims
    registry = JWTClaimsRegistry(
        now=now,
        leeway=CLOCK_LEEWAY_SECONDS,
        iss={"essential": True, "value": settings.oidc_issuer},  # step 2
        sub={"essential": True},
        exp={"essential": True},  # step 9
        iat={"essential": True},
        nonce={"essential": True, "value": nonce},  # step 11
    )
    try:
        registry.validate(claims)
    except JoseError as refused:
        raise SignInRefused(f"ID token claims: {refused}") from None  # names the claim, not its value
    audience = claims.get("aud")
    audiences = [audience] if isinstance(audience, str) else audience
    # Step 3: we must be the audience, and no one else we do not know of.
    if not isinstance(audiences, list) or audiences != [settings.oidc_client_id]:
        raise SignInRefused("ID token for another audience")
    if "azp" in claims and claims["azp"] != settings.oidc_client_id:  # steps 4-5
        raise SignInRefused("ID token authorized for another party")
    issued = claims["iat"]
    current = now if now is not None else int(time.time())
    if not isinstance(issued, int) or current - issued > MAX_ID_TOKEN_AGE_SECONDS:  # step 10
        raise SignInRefused("ID token issued too long ago")
    if not acr_satisfies(claims.get("acr"), settings.oidc_acr_values):  # step 12
        raise SignInRefused(f"level of assurance {str(claims.get('acr'))[:40]!r} too low")
    return claims


def end_session_url(settings: Settings, id_token_encrypted: str | None) -> str | None:
    """Where to send the browser to end the provider's session too (RP-initiated logout).

    A GET, as ID-porten documents it: its session cookie is SameSite=Lax, so a cross-site POST would
    arrive without it. The ID token hint (signed, it carries the pid) is thus in this one address."""
    try:
        endpoint = metadata(settings).get("end_session_endpoint")
    except (requests.RequestException, SignInRefused):
        log.warning("provider metadata unavailable at sign-out; signed out locally only")
        return None
    if not endpoint:
        return None
    params = {"post_logout_redirect_uri": settings.post_logout_redirect_uri, "client_id": settings.oidc_client_id}
    id_token = identity.decrypt(id_token_encrypted) if id_token_encrypted else None
    if id_token:
        params["id_token_hint"] = id_token
    url: str = add_params_to_uri(endpoint, params)
    return url
