"""Migration 0016b_unit_leaders: every leader of today leads their own unit afterwards, a deactivated
one leads nothing; going down, a person leads (is_leader) only if they led their own unit
(SQLite and PostgreSQL)."""

from sqlalchemy import text

from alembic import command
from stafett_app.db import make_engine
from tests.migration_helpers import filled_at

ROWS = [
    "INSERT INTO unit (id, name, kind) VALUES (1, 'Åsen skole', 'school'), (2, 'Solsikken', 'kindergarten')",
    (
        "INSERT INTO person (id, first_name, last_name, kind, title, is_leader, is_admin, email, language, unit_id, "
        "deactivated_at) VALUES"
        " (1, 'Tor', 'J', 'staff', '', true, false, '', 'nb', 1, NULL),"
        " (2, 'Kari', 'N', 'staff', '', false, false, '', 'nb', 1, NULL),"
        " (3, 'Gunn', 'L', 'staff', '', true, false, '', 'nb', 2, '2026-01-01'),"
        " (4, 'Ingrid', 'H', 'staff', '', true, false, '', 'nb', 2, NULL)"
    ),
]


def test_the_migration(empty_db_url):
    engine = make_engine(empty_db_url)
    config = filled_at(engine, "0015_admin", ROWS)
    command.upgrade(config, "0016b_unit_leaders")
    with engine.begin() as conn:
        links = conn.execute(text("SELECT unit_id, person_id FROM unit_leader ORDER BY person_id")).all()
        assert [tuple(row) for row in links] == [(1, 1), (2, 4)]
        leaders = conn.execute(text("SELECT id FROM person WHERE is_leader ORDER BY id")).scalars().all()
        assert leaders == [1, 4]  # the flag now follows the links: Gunn left and leads nothing
        # Ingrid leads the school too, then the way down keeps only what one unit per person can say.
        conn.execute(text("INSERT INTO unit_leader (unit_id, person_id) VALUES (1, 4)"))
        conn.execute(text("DELETE FROM unit_leader WHERE person_id = 4 AND unit_id = 2"))
    command.downgrade(config, "0015_admin")
    with engine.connect() as conn:
        leaders = conn.execute(text("SELECT id FROM person WHERE is_leader ORDER BY id")).scalars().all()
        assert leaders == [1]
    engine.dispose()
