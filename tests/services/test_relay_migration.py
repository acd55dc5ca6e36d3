"""Migration 0011: the § 9 A category key is mapped to § 12-4, staff keep the right to hold logs,
and a log closed by a withdrawal says so (SQLite and PostgreSQL)."""

from sqlalchemy import text

from alembic import command
from stafett_app.db import make_engine
from tests.migration_helpers import filled_at

ROWS = [
    "INSERT INTO unit (id, name, kind) VALUES (1, 'Åsen skole', 'school')",
    (
        "INSERT INTO person (id, first_name, last_name, kind, title, is_leader, is_admin, email, language) "
        "VALUES (1, 'Kari', 'N', 'staff', '', false, false, '', 'nb'),"
        " (2, 'Emma', 'A', 'child', '', false, false, '', 'nb')"
    ),
    (
        "INSERT INTO stafett_log (id, child_id, unit_id, status, level, description, interest_picture, interest_text, "
        "created_by_id, created_at, closing_note) VALUES (1, 2, 1, 'passive', 1, '', '', '', 1, '2024-01-01', '')"
    ),
    (
        "INSERT INTO consent (id, log_id, version, given_by_id, given_at, withdrawn_at) "
        "VALUES (1, 1, 1, 1, '2024-01-01', '2024-03-01')"
    ),
    (
        "INSERT INTO concern (id, log_id, text, category, shared_understanding, created_by_id, created_at) "
        "VALUES (1, 1, 'Emma blir holdt utenfor', 'school_environment', '', 1, '2024-01-01')"
    ),
]


def test_the_migration(empty_db_url):
    engine = make_engine(empty_db_url)
    config = filled_at(engine, "0008", ROWS)
    command.upgrade(config, "0011_relay")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT category, pupil_view FROM concern")).one() == ("school_environment_duty", "")
        assert conn.execute(text("SELECT may_hold_logs FROM person WHERE id = 1")).scalar() in (True, 1)
        assert conn.execute(text("SELECT may_hold_logs FROM person WHERE id = 2")).scalar() in (False, 0)
        assert conn.execute(text("SELECT closing_reason, period FROM stafett_log")).one() == ("consent_withdrawn", 1)
    command.downgrade(config, "0008")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT category FROM concern")).scalar() == "school_environment"
    engine.dispose()
