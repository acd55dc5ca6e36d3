"""One engine per process, from STAFETT_DB_URL (SQLite in the project folder by default; see settings),
and the worker threads event handlers run their database work in."""

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session, create_engine

from stafett_app.settings import get_settings

T = TypeVar("T")

# Event handlers' database work runs in this many threads, one connection each. The pool has a few
# more connections for the HTTP routes and the background round, so a handler never waits for one
# while holding a thread. Few: the work is mostly Python, which holds the GIL, and the database waits
# are short. In the load benchmark (20 clients, 2 cores) 3 threads took 15-20 % less CPU per page load
# than 8 on SQLite and on PostgreSQL, and halved the p95 of writes on SQLite. One thread served 20-25 %
# more page loads than three on SQLite (a third fewer on PostgreSQL), but every event then waits behind
# any one that waits for SQLite's write lock (held by a background round or an HTTP route): not taken.
DB_THREADS = 3
POOL_SIZE, POOL_OVERFLOW = DB_THREADS, 4


def database_url() -> str:
    return get_settings().db_url


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")  # one shared connection: no pool to size
        pool = {} if in_memory else {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15}, **pool)
        synchronous = get_settings().sqlite_synchronous

        def pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA synchronous={synchronous}")  # one of two names (settings)
            cursor.close()

        event.listen(engine, "connect", pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)


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


@cache
def _db_threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=DB_THREADS, thread_name_prefix="stafett-db")


def _in_session(work: Callable[[Session], T]) -> T:
    with session_scope() as session:
        return work(session)


async def run_in_session(work: Callable[[Session], T]) -> T:
    """Run `work` in one session (committed on success) on a database thread, so the event loop
    serves every other client meanwhile. `work` returns plain data; the caller assigns state."""
    return await asyncio.get_running_loop().run_in_executor(_db_threads(), _in_session, work)


_READS = "stafett_reads"


def read_memo(session: OrmSession) -> dict | None:
    """A place to keep what this session has read, for as long as it writes nothing: one page load
    asks several services who the person is to the log, and the database answers once. None while
    changes are pending (read afresh); emptied by every flush, commit, rollback and bulk statement."""
    if session.new or session.dirty or session.deleted:
        return None
    memo: dict = session.info.setdefault(_READS, {})
    return memo


def plain_connection(session: OrmSession) -> Connection:
    """The session's connection, for a statement sent without the ORM (no rows for it to build), after
    the flush an ORM query would make first: the statement sees what the session has added."""
    if session.autoflush and (session.new or session.dirty or session.deleted):
        session.flush()
    return session.connection()


def memoized(session: OrmSession, key: tuple, read: Callable[[], T]) -> T:
    """`read()` once per session while it writes nothing (read_memo): a page load asks some things
    (who the person is to the log, the people it names) from several services."""
    memo = read_memo(session)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    found: T = memo[key]
    return found


@event.listens_for(OrmSession, "after_flush")
@event.listens_for(OrmSession, "after_commit")
@event.listens_for(OrmSession, "after_soft_rollback")
def _forget_reads(session: OrmSession, *_args: object) -> None:
    session.info.pop(_READS, None)


@event.listens_for(OrmSession, "do_orm_execute")
def _forget_reads_on_writes(orm_execute_state: ORMExecuteState) -> None:
    if not orm_execute_state.is_select:
        orm_execute_state.session.info.pop(_READS, None)


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
