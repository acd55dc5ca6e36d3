"""A migration's test starts from an empty database (the `empty_db_url` fixture), taken to the
revision before the migration and filled with rows as they were then."""

from collections.abc import Iterable

from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

from alembic import command
from stafett_app.migrate import alembic_config


def filled_at(engine: Engine, revision: str, rows: Iterable[str]) -> Config:
    """Migrates the test's database (STAFETT_DB_URL, `engine`'s) to `revision`, runs the INSERT
    statements `rows`, and returns the alembic config to migrate on with."""
    config = alembic_config()
    command.upgrade(config, revision)
    with engine.begin() as conn:
        for statement in rows:
            conn.execute(text(statement))
    return config
