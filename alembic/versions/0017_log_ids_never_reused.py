"""stafett_log ids are never given twice, on SQLite too (AUTOINCREMENT)

Archive copies, access log entries and refused attempts name a log by id and outlive it. SQLite's
plain INTEGER PRIMARY KEY gives the id of a deleted last row to the next insert, so a new log could
show a deleted log's archive copies and openings. The table is rebuilt with AUTOINCREMENT, and its
counter starts above every log id that anything still names. PostgreSQL's sequences never reuse an
id: nothing to do there.

Revision ID: 0017_log_ids_never_reused
Revises: 0016b_unit_leaders
Create Date: 2026-11-30 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0017_log_ids_never_reused"
down_revision: str | None = "0016b_unit_leaders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every column that names a log without a foreign key (see models/archive.py, audit.py, drafts.py, people.py).
NAMED_LOG_IDS = (
    ("archive_copy", "log_id"),
    ("access_log_entry", "log_id"),
    ("access_attempt", "log_id"),
    ("form_draft", "log_id"),
    ("person", "practice_log_id"),
    ("loginsession", "child_log_id"),
)


def _rebuild(autoincrement: bool) -> None:
    # Copy, drop, rename: the table comes back the same, with or without AUTOINCREMENT.
    with op.batch_alter_table("stafett_log", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}):
        pass


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(True)
    named = [f"SELECT MAX({column}) FROM {table}" for table, column in NAMED_LOG_IDS]
    highest = " UNION ALL ".join(["SELECT MAX(id) AS n FROM stafett_log", *named])
    bind = op.get_bind()
    top = bind.execute(sa.text(f"SELECT MAX(n) FROM ({highest})")).scalar() or 0
    bind.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = 'stafett_log'"))
    bind.execute(sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES ('stafett_log', :top)"), {"top": top})


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(False)
