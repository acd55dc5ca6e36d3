"""Alembic environment: the schema of stafett_app.models, on SQLite or PostgreSQL."""

from sqlmodel import SQLModel

import stafett_app.models  # noqa: F401  (registers the tables)
from alembic import context
from stafett_app.db import database_url, make_engine

target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(database_url())
    try:
        with engine.connect() as connection:
            # Batch mode lets later ALTERs work on SQLite too.
            context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        # No pooled connection outlives the migration: the tests copy the migrated database
        # (PostgreSQL refuses to copy a template that still has a connection).
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
