"""log_stamp: a stamp for the log's drafts and one for its refused attempts

The plan page read the person's newest draft and the log's refused attempts on every load. They are
now kept in the worker like the rest of the log's content (services.log_cache), each under its own
part, so a draft saved as someone types, or a refused attempt, leaves every other view standing
(models/content_stamp.py).

Revision ID: 0021_draft_and_refusal_stamps
Revises: 0020_site_stamps
Create Date: 2026-12-01 13:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from stafett_app.models.content_stamp import (
    FIRST_PARTS,
    LATER_TABLES,
    RANDOM_STAMP,
    create_triggers,
    drop_triggers,
)

revision: str = "0021_draft_and_refusal_stamps"
down_revision: str | None = "0020_site_stamps"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_PARTS = ("drafts", "refusals")
PARTS_HERE = (*FIRST_PARTS, *NEW_PARTS)  # the model's list as it is at this migration


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in drop_triggers(dialect):
        op.execute(statement)
    # Each log's stamps drawn before the columns become NOT NULL (on SQLite a copy of the table, which
    # is why the triggers that name it are made again only after).
    for part in NEW_PARTS:
        op.add_column("log_stamp", sa.Column(part, sa.BigInteger(), nullable=True))
        op.execute(f"UPDATE log_stamp SET {part} = {RANDOM_STAMP[dialect]}")
    with op.batch_alter_table("log_stamp") as batch:
        for part in NEW_PARTS:
            batch.alter_column(part, existing_type=sa.BigInteger(), nullable=False)
    for statement in create_triggers(dialect, PARTS_HERE, without=LATER_TABLES):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in drop_triggers(dialect):
        op.execute(statement)
    with op.batch_alter_table("log_stamp") as batch:
        for part in NEW_PARTS:
            batch.drop_column(part)
    for statement in create_triggers(dialect, FIRST_PARTS, without=LATER_TABLES):
        op.execute(statement)
