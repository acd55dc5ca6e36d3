"""log_stamp: each log's content stamps, drawn anew by triggers on every change to a part of the log

Workers keep what they read of a log between page loads (services.log_cache) and check these numbers
to know it still holds (models/content_stamp.py lists the parts, their tables and how a row names its log).

Revision ID: 0018_log_stamps
Revises: 0017_log_ids_never_reused
Create Date: 2026-11-30 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from stafett_app.models.content_stamp import (
    FIRST_PARTS,
    LATER_TABLES,
    create_triggers,
    drop_triggers,
    stamps_for_every_log,
)

revision: str = "0018_log_stamps"
down_revision: str | None = "0017_log_ids_never_reused"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "log_stamp",
        sa.Column("log_id", sa.Integer(), nullable=False),
        *(sa.Column(part, sa.BigInteger(), nullable=False) for part in FIRST_PARTS),
        sa.ForeignKeyConstraint(["log_id"], ["stafett_log.id"], name="log_stamp_log_id_fkey", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("log_id", name="log_stamp_pkey"),
    )
    dialect = op.get_bind().dialect.name
    op.execute(stamps_for_every_log(dialect, FIRST_PARTS))
    for statement in create_triggers(dialect, FIRST_PARTS, without=LATER_TABLES):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_triggers(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("log_stamp")
