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
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                # Batch mode recreates a table (copy, drop, rename). With foreign keys enforced, dropping
                # a table that other rows refer to fails, so they are off while migrating and checked after.
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            # Batch mode lets later ALTERs work on SQLite too.
            context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                connection.commit()
                if broken:
                    raise RuntimeError(f"the migration left rows that refer to nothing: {broken[:10]}")
    finally:
        # No pooled connection outlives the migration: the tests copy the migrated database
        # (PostgreSQL refuses to copy a template that still has a connection).
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
