"""State tests: real Reflex State instances against a seeded SQLite database."""

import pytest
from reflex.istate.data import HeaderData, PageData
from reflex.state import State
from sqlmodel import Session, select

import stafett_app.stafett_app  # noqa: F401  (registers every page and state)
from stafett_app import db
from stafett_app.models import Person
from stafett_app.services.auth import start_session
from stafett_app.settings import SESSION_COOKIE


@pytest.fixture
def sign_in(state_db):
    """Returns a function that gives a root State whose socket carries that person's cookie."""

    def _root_for(first_name: str | None, *, log_id: str = "") -> State:
        root = State(_reflex_internal_init=True)
        cookie = ""
        if first_name:
            with db.session_scope() as session:
                person = session.exec(select(Person).where(Person.first_name == first_name)).one()
                cookie = f"{SESSION_COOKIE}={start_session(session, person.id, max_minutes=60)}"
        root.rx_router_headers = HeaderData(cookie=cookie)
        root.rx_router_page = PageData(params={"log_id": log_id} if log_id else {})
        return root

    return _root_for


@pytest.fixture
def person_id():
    def _id(first_name: str) -> int:
        with Session(db.engine()) as session:
            return session.exec(select(Person.id).where(Person.first_name == first_name)).one()

    return _id
