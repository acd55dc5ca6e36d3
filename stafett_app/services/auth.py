"""Login sessions. The browser holds a random token in an HttpOnly cookie; we store its hash."""

import hashlib
import secrets
from datetime import timedelta

from sqlmodel import Session, col, select

from stafett_app.domain.dates import age_on, today_in_norway, utcnow
from stafett_app.domain.roles import AGE_OF_OWN_CONSENT, PersonKind
from stafett_app.i18n import translate
from stafett_app.models import LoginSession, Person, Unit, id_of
from stafett_app.services.views import DemoPersonView


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, person_id: int, *, hours: int) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        LoginSession(
            token_hash=_hash(token), person_id=person_id, created_at=now, expires_at=now + timedelta(hours=hours)
        )
    )
    return token


def person_for_token(session: Session, token: str | None) -> Person | None:
    if not token:
        return None
    login = session.exec(select(LoginSession).where(LoginSession.token_hash == _hash(token))).first()
    if login is None or login.ended_at is not None or login.expires_at <= utcnow():
        return None
    return session.get(Person, login.person_id)


def end_session(session: Session, token: str | None) -> None:
    if not token:
        return
    login = session.exec(select(LoginSession).where(LoginSession.token_hash == _hash(token))).first()
    if login and login.ended_at is None:
        login.ended_at = utcnow()
        session.add(login)


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
        select(Person).where(col(Person.login_subject).startswith(DEMO_SUBJECT_PREFIX)).order_by(col(Person.id))
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
