"""The migrations, checked: one head, up and down and up again, the models match them, and the
constraint names follow SQLModel.metadata's naming convention. On SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import UniqueConstraint, func, inspect, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

import stafett_app.models  # noqa: F401  (registers the tables)
from alembic import command
from stafett_app.db import make_engine
from stafett_app.migrate import alembic_config
from stafett_app.seed import seed


def _same_empty_default(
    _context: object,
    _inspected: object,
    _metadata: object,
    inspected_default: str | None,
    _meta: object,
    rendered: str | None,
) -> bool | None:
    """SQLite reports a column added with DEFAULT '' as "('')", which alembic's own comparison
    takes for another value; every other default is left to alembic (None)."""
    if inspected_default in {"''", "('')"} and rendered in {"", "''"}:
        return False
    return None


def _differences(engine: Engine) -> list[object]:
    """What `alembic revision --autogenerate` would write: types and server defaults included."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": _same_empty_default}
        )
        return list(compare_metadata(context, SQLModel.metadata))


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_one_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"several heads, merge them: {heads}"


def test_up_down_and_up_again(empty_db_url):
    config = alembic_config()
    engine = make_engine(empty_db_url)
    try:
        command.upgrade(config, "head")
        assert _tables(engine) == set(SQLModel.metadata.tables)
        command.downgrade(config, "base")
        assert _tables(engine) == set()
        command.upgrade(config, "head")
        assert _tables(engine) == set(SQLModel.metadata.tables)
        assert _differences(engine) == []
    finally:
        engine.dispose()


def test_the_migrations_since_0008_keep_the_data(empty_db_url):
    """Later migrations rebuild tables on SQLite (foreign keys off while migrating, checked after):
    the seeded rows of every table 0008 had survive going down to 0008 and up again."""
    config = alembic_config()
    engine = make_engine(empty_db_url)
    try:
        command.upgrade(config, "head")
        with Session(engine) as session:
            seed(session)
            session.commit()
        at_head = _row_counts(engine)
        assert at_head["measure"] and at_head["meeting"] and at_head["evaluation"]
        command.downgrade(config, "0008")
        kept = set(inspect(engine).get_table_names()) & set(at_head)
        before = {name: at_head[name] for name in kept}
        assert _row_counts(engine, kept) == before
        command.upgrade(config, "head")
        assert _row_counts(engine, kept) == before
    finally:
        engine.dispose()


def _row_counts(engine: Engine, only: set[str] | None = None) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in SQLModel.metadata.tables.items()
            if only is None or name in only
        }


def test_models_match_the_migrations(engine):
    """`engine` is migrated to head by the conftest fixtures: autogenerate would find nothing to do."""
    assert _differences(engine) == []


def test_constraint_names_follow_the_convention(engine):
    """PostgreSQL names every key and index as the convention does. SQLite keeps keys unnamed
    (it cannot alter them anyway); its batch mode names them by the same convention."""
    inspector = inspect(engine)
    sqlite = engine.dialect.name == "sqlite"
    mismatched = []
    for name, table in SQLModel.metadata.tables.items():
        expected = {
            "pk": {table.primary_key.name},
            "fk": {c.name for c in table.foreign_key_constraints},
            "uq": {c.name for c in table.constraints if isinstance(c, UniqueConstraint)},
            "ix": {i.name for i in table.indexes},
        }
        found = {
            "pk": {inspector.get_pk_constraint(name)["name"]},
            "fk": {fk["name"] for fk in inspector.get_foreign_keys(name)},
            "uq": {uq["name"] for uq in inspector.get_unique_constraints(name)},
            "ix": {ix["name"] for ix in inspector.get_indexes(name) if not ix.get("duplicates_constraint")},
        }
        for kind, wanted in expected.items():
            names = found[kind] - {None} if sqlite and kind != "ix" else found[kind]
            if not names <= wanted or (not sqlite and names != wanted):
                mismatched.append((name, kind, sorted(map(str, names)), sorted(map(str, wanted))))
    assert mismatched == []
