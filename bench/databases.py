"""The database a benchmark makes for itself: a new PostgreSQL database for one run, dropped afterwards,
and the app's migrations on it. Used by bench.leader_dashboard, bench.offloop and bench.load."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from alembic import command
from stafett_app.migrate import alembic_config

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def own_database(admin_url: str = ADMIN_URL) -> Iterator[str]:
    """A new PostgreSQL database for one run (its URL), dropped afterwards whatever happens."""
    name = f"stafett_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def migrate(url: str) -> None:
    os.environ["STAFETT_DB_URL"] = url  # the app's settings and alembic's env read it
    command.upgrade(alembic_config(), "head")
