"""One engine per process, from STAFETT_DB_URL (SQLite in the project folder by default; see settings)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session, create_engine

from stafett_app.settings import get_settings


def database_url() -> str:
    return get_settings().db_url


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@cache
def engine() -> Engine:
    return make_engine(database_url())


@contextmanager
def session_scope(bind: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(bind or engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


_EFFECTS = "stafett_after_commit"


def after_commit(session: OrmSession, effect: Callable[[], None]) -> None:
    """Run `effect` once the session's transaction is committed (never if it rolls back): a use
    case tells the world about a change only when the change is really there."""
    session.info.setdefault(_EFFECTS, []).append(effect)


@event.listens_for(OrmSession, "after_commit")
def _run_effects(session: OrmSession) -> None:
    for effect in session.info.pop(_EFFECTS, []):
        effect()


@event.listens_for(OrmSession, "after_rollback")
def _drop_effects(session: OrmSession) -> None:
    session.info.pop(_EFFECTS, None)
