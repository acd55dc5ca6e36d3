"""Shared fixtures: a migrated database on SQLite (always) and PostgreSQL (where it runs).

Migrating takes seconds, so each session migrates once per engine and every test gets a copy:
SQLite copies a template file, PostgreSQL creates a database from a template database.
A migration's own test starts from an empty database instead (`empty_db_url`).
"""

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from alembic import command
from stafett_app.db import make_engine
from stafett_app.migrate import alembic_config

POSTGRES_ADMIN_URL = os.environ.get("STAFETT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that reaches PostgreSQL carries the `postgres` marker, however it asked for the
    database, so `-m "not postgres"` runs without the server."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        by_param = callspec is not None and callspec.params.get("db_url") == "postgres"
        if by_param or {"postgres_url", "postgres_template"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


def _migrate(url: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STAFETT_DB_URL", url)
        command.upgrade(alembic_config(), "head")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One migrated SQLite file per session, in rollback-journal mode so the file alone is the
    whole database (WAL would keep pages in a side file that a plain copy misses)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    _migrate(f"sqlite:///{path}")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    return path


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path, monkeypatch) -> str:
    """A migrated SQLite file of this test's own; STAFETT_DB_URL points at it."""
    path = tmp_path / "test.db"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("STAFETT_DB_URL", url)
    return url


def _postgres_admin() -> Engine:
    # CREATE/DROP DATABASE cannot run inside a transaction; no pool keeps a connection open.
    return create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _postgres_database_url(name: str) -> str:
    return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _drop_database(admin: Engine, name: str) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """One migrated database per session, named uniquely so parallel runs on one server don't meet."""
    name = f"stafett_template_{uuid.uuid4().hex[:10]}"
    admin = _postgres_admin()
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except SQLAlchemyError as error:  # pragma: no cover - depends on the machine
        pytest.fail(f"PostgreSQL is required for these tests: {error}")
    try:
        _migrate(_postgres_database_url(name))
        yield name
    finally:
        _drop_database(admin, name)
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_template, monkeypatch) -> Iterator[str]:
    """A database of this test's own, copied from the migrated template and dropped afterwards;
    STAFETT_DB_URL points at it."""
    name = f"stafett_test_{uuid.uuid4().hex[:10]}"
    admin = _postgres_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"'))
    url = _postgres_database_url(name)
    monkeypatch.setenv("STAFETT_DB_URL", url)
    try:
        yield url
    finally:
        # FORCE: an engine a test forgot to dispose must not keep the database alive.
        _drop_database(admin, name)
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def empty_sqlite_url(tmp_path, monkeypatch) -> str:
    """An empty SQLite file, for a migration's test; STAFETT_DB_URL points at it."""
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("STAFETT_DB_URL", url)
    return url


@pytest.fixture
def empty_postgres_url(monkeypatch) -> Iterator[str]:
    """An empty schema of this test's own (a search_path in the URL), dropped afterwards; cheaper than a
    database. STAFETT_DB_URL points at it."""
    schema = f"m_{uuid.uuid4().hex[:10]}"
    admin = make_engine(POSTGRES_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES_ADMIN_URL}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("STAFETT_DB_URL", url)
    try:
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request) -> str:
    """An empty database on each engine in turn, for a migration's test."""
    return request.getfixturevalue(f"empty_{request.param}_url")


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
