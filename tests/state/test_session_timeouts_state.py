"""The idle timeout holds for socket events too, and the sign-in page renews a provider session that
only reached its absolute end (not one the person signed out of)."""

from datetime import timedelta

import pytest
from reflex.istate.data import HeaderData
from reflex.state import State
from sqlmodel import select

from stafett_app import db
from stafett_app.domain.dates import utcnow
from stafett_app.models import LoginSession, Person
from stafett_app.pages.sign_in.state import SignInState
from stafett_app.services import identity
from stafett_app.services.auth import ProviderSession, end_session, start_session
from stafett_app.settings import SESSION_COOKIE
from stafett_app.state.session import SessionState
from tests.state.test_plan_state import redirect_path


@pytest.fixture
def provider_configured(state_db, monkeypatch):
    monkeypatch.setenv("STAFETT_OIDC_ISSUER", "https://idporten.example")
    monkeypatch.setenv("STAFETT_IDENTITY_KEY", "a-test-identity-secret-of-enough-length-0123456789")


def _root_with_session(first_name: str, *, provider: bool) -> tuple[State, str]:
    with db.session_scope() as session:
        person = session.exec(select(Person).where(Person.first_name == first_name)).one()
        signed = ProviderSession("https://idporten.example", "sid-1", identity.encrypt("x")) if provider else None
        token = start_session(session, person.id, provider=signed)  # type: ignore[arg-type]
    root = State(_reflex_internal_init=True)
    root.rx_router_headers = HeaderData(cookie=f"{SESSION_COOKIE}={token}")
    return root, token


def _age(token: str, **changes) -> None:
    import hashlib

    with db.session_scope() as session:
        login = session.exec(
            select(LoginSession).where(LoginSession.token_hash == hashlib.sha256(token.encode()).hexdigest())
        ).one()
        for name, value in changes.items():
            setattr(login, name, value)
        session.add(login)


@pytest.mark.asyncio
async def test_an_idle_session_sends_a_socket_event_to_sign_in(provider_configured):
    root, token = _root_with_session("Lise", provider=True)
    state = await root.get_state(SessionState)
    assert await state.require_sign_in() is None and state.person_name == "Lise Andersen"
    _age(token, last_seen_at=utcnow() - timedelta(minutes=31))
    assert redirect_path(await state.require_sign_in()) == "/"
    assert state.person_name == ""


@pytest.mark.asyncio
async def test_the_sign_in_page_renews_a_session_that_reached_its_absolute_end(provider_configured):
    root, token = _root_with_session("Lise", provider=True)
    _age(token, expires_at=utcnow() - timedelta(seconds=1))
    state = await root.get_state(SignInState)
    assert redirect_path(await state.load()) == "/auth/renew"


@pytest.mark.asyncio
async def test_no_renewal_after_sign_out_idle_or_for_a_demo_session(provider_configured):
    root, token = _root_with_session("Lise", provider=True)
    with db.session_scope() as session:
        end_session(session, token)
    assert redirect_path(await (await root.get_state(SignInState)).load()) is None
    _age(token, ended_at=utcnow() - timedelta(minutes=10), expires_at=utcnow() - timedelta(seconds=1))  # later
    assert redirect_path(await (await root.get_state(SignInState)).load()) is None

    root, token = _root_with_session("Lise", provider=True)
    _age(token, last_seen_at=utcnow() - timedelta(minutes=31))
    assert redirect_path(await (await root.get_state(SignInState)).load()) is None  # idle ends it before its end

    root, token = _root_with_session("Lise", provider=True)  # idle for 31 minutes when its end came
    _age(token, last_seen_at=utcnow() - timedelta(minutes=31), expires_at=utcnow() - timedelta(seconds=1))
    assert redirect_path(await (await root.get_state(SignInState)).load()) is None

    root, token = _root_with_session("Lise", provider=False)
    _age(token, expires_at=utcnow() - timedelta(seconds=1))
    assert redirect_path(await (await root.get_state(SignInState)).load()) is None


@pytest.mark.asyncio
async def test_a_deactivated_person_is_nobody_to_socket_events_even_with_a_live_session(state_db):
    """Deactivation ends the person's sessions (services.admin); should one be left, events still refuse."""
    root, _token = _root_with_session("Lise", provider=False)
    state = await root.get_state(SessionState)
    assert await state.require_sign_in() is None and state.person_name == "Lise Andersen"
    with db.session_scope() as session:
        lise = session.exec(select(Person).where(Person.first_name == "Lise")).one()
        lise.deactivated_at = utcnow()
        session.add(lise)
    assert redirect_path(await state.require_sign_in()) == "/"
    assert state.person_name == ""
