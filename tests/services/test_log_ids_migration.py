"""Migration 0017_log_ids_never_reused (SQLite): the log table gets AUTOINCREMENT with its counter
above every log id that anything still names, so a new log never takes a deleted log's id."""

from sqlalchemy import text

from alembic import command
from stafett_app.db import make_engine
from stafett_app.migrate import alembic_config


def add_row(conn, table: str, **values: object) -> None:
    """A row with every other required column filled, whatever columns the schema has by then."""
    for _, name, kind, not_null, default, _ in conn.execute(text(f"PRAGMA table_info({table})")).all():
        if not_null and default is None and name not in values and name != "id":
            values[name] = "2026-01-01" if "DATETIME" in kind.upper() else 0 if "INT" in kind.upper() else ""
    names = ", ".join(values)
    places = ", ".join(f":{name}" for name in values)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({places})"), values)  # noqa: S608 - names from the schema


def add_log(conn, **values: object) -> None:
    add_row(conn, "stafett_log", child_id=1, unit_id=1, created_by_id=1, status="draft", **values)


def test_a_new_log_after_the_migration_gets_an_id_nothing_names(empty_sqlite_url):
    config = alembic_config()
    command.upgrade(config, "0016b_unit_leaders")
    engine = make_engine(empty_sqlite_url)
    with engine.begin() as conn:
        add_row(conn, "unit", id=1, name="Åsen skole", kind="school")
        add_row(conn, "person", id=1, first_name="Emma", last_name="A", kind="child")
        add_log(conn, id=3)
        # Log 40 was deleted; its archive copy stays and names it.
        add_row(conn, "archive_copy", log_id=40, trigger="passive", trigger_key="x", status="done")
    command.upgrade(config, "0017_log_ids_never_reused")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT id FROM stafett_log")).scalars().all() == [3]  # the rows are kept
        add_log(conn)
        assert conn.execute(text("SELECT MAX(id) FROM stafett_log")).scalar() == 41
        conn.execute(text("DELETE FROM stafett_log WHERE id = 41"))
        add_log(conn)
        assert conn.execute(text("SELECT MAX(id) FROM stafett_log")).scalar() == 42  # 41 is not given again
    command.downgrade(config, "0016b_unit_leaders")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM stafett_log")).scalar() == 2
    engine.dispose()
