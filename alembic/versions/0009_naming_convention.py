"""constraint names follow the naming convention; meeting.minutes without a database default

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 05:20:00

SQLModel.metadata now names constraints as PostgreSQL does by default (stafett_app/models/naming.py).
Every key the earlier migrations left unnamed already has that name on PostgreSQL (SQLite keeps
them unnamed, and batch mode names them by the same convention). Two foreign keys were named by
hand; they get the convention's names here, on both databases. meeting.minutes had a database
default only so that 0008 could add the NOT NULL column to existing rows; the model has none, so
autogenerate saw a difference. Batch mode recreates the two tables on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, referred table, name before, name after)
RENAMED_FOREIGN_KEYS = [
    ("measure", "photo_id", "photo", "fk_measure_photo_id_photo", "measure_photo_id_fkey"),
    ("meeting", "secretary_id", "person", "fk_meeting_secretary_id_person", "meeting_secretary_id_fkey"),
]


def _rename_foreign_keys(*, forward: bool) -> None:
    for table, column, referred, before, after in RENAMED_FOREIGN_KEYS:
        old, new = (before, after) if forward else (after, before)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(old, type_="foreignkey")
            batch_op.create_foreign_key(new, referred, [column], ["id"])


def upgrade() -> None:
    _rename_foreign_keys(forward=True)
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.alter_column("minutes", existing_type=sa.String(length=8000), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.alter_column("minutes", existing_type=sa.String(length=8000), server_default="")
    _rename_foreign_keys(forward=False)
