"""Sessions (idle and absolute end, cheap activity writes, front-channel end) and the national identity
number at rest (encrypted, found by a keyed hash), on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import ValidationFailed
from stafett_app.models import LoginSession, Person
from stafett_app.services import identity
from stafett_app.services.auth import ProviderSession, end_provider_sessions, person_for_token, start_session

PID = "15076500565"
KEY = "a-test-identity-secret-of-enough-length-0123456789"


@pytest.fixture(autouse=True)
def identity_key(monkeypatch):
    monkeypatch.setenv("STAFETT_IDENTITY_KEY", KEY)


def _login(session, token) -> LoginSession:
    return session.exec(select(LoginSession).where(LoginSession.token_hash == identity_hash(token))).one()


def identity_hash(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


def test_the_number_is_stored_only_encrypted_and_found_by_its_keyed_hash(seeded, people):
    identity.set_national_id(seeded, people["lise"], "150765 00565")
    seeded.commit()
    row = seeded.exec(select(Person).where(Person.id == people["lise"].id)).one()
    assert PID not in (row.national_id_encrypted or "") and PID not in (row.national_id_index or "")
    assert identity.decrypt(row.national_id_encrypted or "") == PID
    assert identity.person_by_national_id(seeded, PID).id == people["lise"].id  # type: ignore[union-attr]
    assert identity.person_by_national_id(seeded, "41019012393") is None


def test_the_index_depends_on_the_secret(monkeypatch):
    first = identity.national_id_index(PID)
    monkeypatch.setenv("STAFETT_IDENTITY_KEY", KEY + "-rotated")
    assert identity.national_id_index(PID) != first


def test_a_short_secret_is_refused(monkeypatch):
    monkeypatch.setenv("STAFETT_IDENTITY_KEY", "short")
    with pytest.raises(identity.IdentityKeyMissing):
        identity.encrypt(PID)


def test_a_mistyped_number_is_refused_and_nothing_is_stored(seeded, people):
    with pytest.raises(ValidationFailed):
        identity.set_national_id(seeded, people["kari"], "15076500566")
    assert people["kari"].national_id_index is None


def test_one_number_belongs_to_one_person(seeded, people):
    identity.set_national_id(seeded, people["lise"], PID)
    seeded.commit()
    identity.set_national_id(seeded, people["kari"], PID)
    with pytest.raises(IntegrityError):
        seeded.commit()
    seeded.rollback()


def test_activity_is_written_at_most_once_a_minute(seeded, people):
    token = start_session(seeded, people["lise"].id)
    seeded.commit()
    login = _login(seeded, token)
    recent = utcnow() - timedelta(seconds=30)
    login.last_seen_at = recent
    seeded.commit()
    assert person_for_token(seeded, token).id == people["lise"].id  # type: ignore[union-attr]
    assert not seeded.dirty  # nothing to write
    seeded.commit()
    assert _login(seeded, token).last_seen_at == recent
    login.last_seen_at = utcnow() - timedelta(seconds=90)
    seeded.commit()
    person_for_token(seeded, token)
    seeded.commit()
    assert utcnow() - _login(seeded, token).last_seen_at < timedelta(seconds=5)  # type: ignore[operator]


def test_idle_and_absolute_limits_come_from_the_settings(seeded, people, monkeypatch):
    monkeypatch.setenv("STAFETT_SESSION_IDLE_MINUTES", "5")
    monkeypatch.setenv("STAFETT_SESSION_MAX_MINUTES", "60")
    token = start_session(seeded, people["lise"].id)
    seeded.commit()
    login = _login(seeded, token)
    assert login.expires_at - login.created_at == timedelta(minutes=60)
    login.last_seen_at = utcnow() - timedelta(minutes=4)
    seeded.commit()
    assert person_for_token(seeded, token) is not None
    login.last_seen_at = utcnow() - timedelta(minutes=6)
    seeded.commit()
    assert person_for_token(seeded, token) is None
    seeded.commit()
    assert _login(seeded, token).ended_at is not None
    login.last_seen_at = utcnow()  # an ended session stays ended, however fresh it looks
    seeded.commit()
    assert person_for_token(seeded, token) is None


def test_front_channel_logout_ends_only_the_named_provider_session(seeded, people):
    def provider(sid: str, issuer: str = "https://idporten.example") -> ProviderSession:
        return ProviderSession(issuer=issuer, sid=sid, id_token_encrypted=identity.encrypt("x"))

    lise = start_session(seeded, people["lise"].id, provider=provider("sid-1"))
    lise_tablet = start_session(seeded, people["lise"].id, provider=provider("sid-2"))
    kari = start_session(seeded, people["kari"].id, provider=provider("sid-1", "https://other-issuer.example"))
    seeded.commit()
    assert end_provider_sessions(seeded, "https://idporten.example", "sid-1") == 1
    seeded.commit()
    assert person_for_token(seeded, lise) is None
    assert person_for_token(seeded, lise_tablet) is not None
    assert person_for_token(seeded, kari) is not None


def test_parallel_sessions_are_limited_and_the_oldest_ends(seeded, people, monkeypatch):
    monkeypatch.setenv("STAFETT_SESSION_MAX_PARALLEL", "3")
    tokens = []
    for _ in range(4):
        tokens.append(start_session(seeded, people["lise"].id))
        seeded.commit()
    other = start_session(seeded, people["kari"].id)
    seeded.commit()
    assert person_for_token(seeded, tokens[0]) is None  # the oldest made room
    assert all(person_for_token(seeded, token) is not None for token in tokens[1:])
    assert person_for_token(seeded, other) is not None  # another person's sessions do not count


def test_secure_cookies_follow_an_https_public_address_unless_set(monkeypatch):
    from stafett_app.settings import get_settings

    monkeypatch.delenv("STAFETT_SECURE_COOKIES", raising=False)
    monkeypatch.delenv("STAFETT_PUBLIC_URL", raising=False)
    assert not get_settings().secure_cookies and get_settings().session_cookie == "stafett_session"  # make run
    monkeypatch.setenv("STAFETT_PUBLIC_URL", "https://stafett.kommune.no")
    assert get_settings().secure_cookies and get_settings().session_cookie == "__Host-stafett_session"
    monkeypatch.setenv("STAFETT_SECURE_COOKIES", "0")
    assert not get_settings().secure_cookies
