"""Login sessions. The browser holds a random token in an HttpOnly cookie; we store its hash.

A session ends after `session_idle_minutes` without activity and at the latest `session_max_minutes`
after sign-in (ID-porten's rules for the services that use it). Every lookup enforces both.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from stafett_app.domain.dates import age_on, today_in_norway, utcnow
from stafett_app.domain.roles import AGE_OF_OWN_CONSENT, PersonKind
from stafett_app.i18n import translate
from stafett_app.models import LoginSession, Person, Unit, id_of
from stafett_app.services.views import DemoPersonView
from stafett_app.settings import get_settings

# Activity is written at most this often, so a burst of socket events costs one UPDATE, not one each.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
# Every event looks its login up: built once (see services.read on prebuilt statements).
_LOGIN_BY_HASH = select(LoginSession).where(LoginSession.token_hash == bindparam("token_hash"))
# ... and every page load its person too: one statement, not a second for the person.
_LOGIN_AND_PERSON = (
    select(LoginSession, Person)
    .join(Person, col(Person.id) == col(LoginSession.person_id))
    .where(LoginSession.token_hash == bindparam("token_hash"))
)


def _login_row(session: Session, token: str | None) -> LoginSession | None:
    """The login row behind a cookie, live or not."""
    return session.exec(_LOGIN_BY_HASH, params={"token_hash": _hash(token)}).first() if token else None


@dataclass(frozen=True)
class ProviderSession:
    """What the identity provider said about this sign-in (encrypted where it names the person)."""

    issuer: str
    sid: str | None
    id_token_encrypted: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PersonDeactivated(PermissionError):
    pass


def start_session(
    session: Session, person_id: int, *, max_minutes: int | None = None, provider: ProviderSession | None = None
) -> str:
    person = session.get(Person, person_id)
    if person is None or person.deactivated_at is not None:
        raise PersonDeactivated(person_id)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    settings = get_settings()
    minutes = max_minutes if max_minutes is not None else settings.session_max_minutes
    _make_room(session, person_id, keep=settings.session_max_parallel - 1, now=now)
    session.add(
        LoginSession(
            token_hash=_hash(token),
            person_id=person_id,
            created_at=now,
            expires_at=now + timedelta(minutes=minutes),
            last_seen_at=now,
            provider_issuer=provider.issuer if provider else None,
            provider_sid=provider.sid if provider else None,
            id_token_encrypted=provider.id_token_encrypted if provider else None,
        )
    )
    return token


def _make_room(session: Session, person_id: int, *, keep: int, now: datetime) -> None:
    """End the person's oldest live sessions so that, with the new one, at most keep + 1 remain."""
    live = session.exec(
        select(LoginSession)
        .where(
            LoginSession.person_id == person_id,
            col(LoginSession.ended_at).is_(None),
            LoginSession.expires_at > now,
        )
        .order_by(col(LoginSession.created_at).desc(), col(LoginSession.id).desc())
    ).all()
    for login in live[keep:]:
        login.ended_at = now
        session.add(login)


def login_for_token(session: Session, token: str | None) -> LoginSession | None:
    """The live session behind a cookie; an idle or expired one is ended here and gives None."""
    login = _login_row(session, token)
    return login if login is not None and _still_live(session, login) else None


def signed_in(session: Session, token: str | None) -> tuple[LoginSession, Person] | None:
    """The live session behind a cookie and its person, read together (every page load asks); None
    when it is ended, idle or expired (then ended here), or the person is deactivated."""
    if not token:
        return None
    found = session.exec(_LOGIN_AND_PERSON, params={"token_hash": _hash(token)}).first()
    if found is None:
        return None
    login, person = found
    if not _still_live(session, login):
        return None
    # A deactivated person (left the municipality) is signed in nowhere, whatever session is left.
    return (login, person) if person.deactivated_at is None else None


def _still_live(session: Session, login: LoginSession) -> bool:
    """Whether the login is still in force; an idle or expired one is ended (committed with the caller's
    unit of work: the check itself needs no write), and activity is noted at most once a minute."""
    if login.ended_at is not None:
        return False
    now = utcnow()
    idle_limit = timedelta(minutes=get_settings().session_idle_minutes)
    last_seen = login.last_seen_at or login.created_at
    if login.expires_at <= now or now - last_seen >= idle_limit:
        login.ended_at = now
        session.add(login)
        return False
    if now - last_seen >= LAST_SEEN_RESOLUTION:
        login.last_seen_at = now
        session.add(login)
    return True


def was_shown_to_child(session: Session, token: str | None) -> bool:
    """Whether this browser's last login (live or ended) was switched to a child's page: the next
    sign-in must then ask the adult for MinID or BankID again, not pass on the provider's session."""
    login = _login_row(session, token)
    return login is not None and login.child_log_id is not None


def person_for_token(session: Session, token: str | None) -> Person | None:
    """What every state handler and HTTP route asks: who is this, if still signed in and active."""
    found = signed_in(session, token)
    return found[1] if found is not None else None


def end_session(session: Session, token: str | None) -> LoginSession | None:
    """Sign out; gives the ended session (for the provider's sign-out hint), or None."""
    login = _login_row(session, token)
    if login and login.ended_at is None:
        login.ended_at = utcnow()
        session.add(login)
        return login
    return None


def renewable(session: Session, token: str | None) -> bool:
    """A provider session that reached its absolute end while in use (not signed out, not idle, not ended
    by the provider): worth a silent prompt=none renewal before showing the sign-in page."""
    login = _login_row(session, token)
    if login is None or login.provider_issuer is None or login.expires_at > utcnow():
        return False
    if login.child_log_id is not None:
        return False  # shown to a child: only the adult signs in again, never silently
    idle_limit = timedelta(minutes=get_settings().session_idle_minutes)
    active_at_end = login.expires_at - (login.last_seen_at or login.created_at) < idle_limit
    return active_at_end and (login.ended_at is None or login.ended_at >= login.expires_at)


def end_provider_sessions(session: Session, issuer: str, sid: str) -> int:
    """Front-channel logout: end every live session the provider's session `sid` started."""
    logins = session.exec(
        select(LoginSession).where(
            LoginSession.provider_sid == sid,
            LoginSession.provider_issuer == issuer,
            col(LoginSession.ended_at).is_(None),
        )
    ).all()
    now = utcnow()
    for login in logins:
        login.ended_at = now
        session.add(login)
    return len(logins)


def session_cookie_name() -> str:
    return get_settings().session_cookie


def token_from_cookie_header(cookie_header: str, name: str) -> str | None:
    for part in cookie_header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None


DEMO_SUBJECT_PREFIX = "demo:"


def demo_people(session: Session, lang: str) -> list[DemoPersonView]:
    """The seeded people one can sign in as in demo mode, with what they are."""
    people = session.exec(
        select(Person)
        .where(col(Person.login_subject).startswith(DEMO_SUBJECT_PREFIX), col(Person.deactivated_at).is_(None))
        .order_by(col(Person.id))
    ).all()
    units = {u.id: u.name for u in session.exec(select(Unit)).all()}
    rows = []
    for p in people:
        if p.kind == PersonKind.STAFF:
            what = ", ".join(filter(None, [p.title, units.get(p.unit_id, "")]))
        elif p.kind == PersonKind.CHILD:
            age = age_on(p.birth_date, today_in_norway()) or 0
            what = translate(lang, f"demo.{'young_person' if age >= AGE_OF_OWN_CONSENT else 'child'}_age|{age}")
        else:
            what = translate(lang, "role.guardian")
        rows.append(DemoPersonView(person_id=id_of(p), name=f"{p.first_name} {p.last_name}", description=what))
    return rows


def is_demo_person(person: Person | None) -> bool:
    return bool(person and person.login_subject and person.login_subject.startswith(DEMO_SUBJECT_PREFIX))


def set_language(session: Session, person_id: int, lang: str) -> None:
    person = session.get(Person, person_id)
    if person is not None:
        person.language = lang
        session.add(person)
