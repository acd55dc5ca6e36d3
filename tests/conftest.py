"""Shared fixtures: a migrated database on SQLite (always) and PostgreSQL (where it runs)."""

import os
import uuid

import pytest
from sqlalchemy import text
from sqlmodel import Session

from alembic import command
from stafett_app.db import make_engine
from stafett_app.migrate import alembic_config

POSTGRES_ADMIN_URL = os.environ.get("STAFETT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _migrate(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAFETT_DB_URL", url)
    command.upgrade(alembic_config(), "head")


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'test.db'}"
    _migrate(url, monkeypatch)
    return url


@pytest.fixture
def postgres_url(monkeypatch):
    """A fresh schema in the test database, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = make_engine(POSTGRES_ADMIN_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # noqa: BLE001  # pragma: no cover - depends on the machine
        pytest.fail(f"PostgreSQL is required for these tests: {error}")
    url = f"{POSTGRES_ADMIN_URL}?options=-csearch_path%3D{schema}"
    _migrate(url, monkeypatch)
    yield url
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def state_db(sqlite_url):
    """Point the app's own engine (stafett_app.db) at a fresh, seeded SQLite database."""
    from stafett_app import db
    from stafett_app.seed import seed

    db.engine.cache_clear()
    with db.session_scope() as session:
        seed(session)
    yield sqlite_url
    db.engine().dispose()
    db.engine.cache_clear()
