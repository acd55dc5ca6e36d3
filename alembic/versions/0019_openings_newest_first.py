"""access_log_entry: index by log and time, so a log's newest openings are read first

The family page lists who opened the log, newest first. It grouped every opening of the log on every
load (and every load adds one); it now groups the newest thousand, read through this index. The index
on log_id alone is covered by this one.

Revision ID: 0019_openings_newest_first
Revises: 0018_log_stamps
Create Date: 2026-12-01 00:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019_openings_newest_first"
down_revision: str | None = "0018_log_stamps"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("access_log_entry", schema=None) as batch_op:
        batch_op.create_index("ix_access_log_entry_log_id_at", ["log_id", "at"], unique=False)
        batch_op.drop_index("ix_access_log_entry_log_id")


def downgrade() -> None:
    with op.batch_alter_table("access_log_entry", schema=None) as batch_op:
        batch_op.create_index("ix_access_log_entry_log_id", ["log_id"], unique=False)
        batch_op.drop_index("ix_access_log_entry_log_id_at")
