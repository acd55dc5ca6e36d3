"""practice: practice logs and the invented people in them

Revision ID: 0016_practice
Revises: 0015_admin
Create Date: 2026-11-30 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0016_practice"
down_revision: str | None = "0015_admin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stafett_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_practice", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("practice", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("practice_log_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_person_practice_log_id"), ["practice_log_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_practice_log_id"))
        batch_op.drop_column("practice_log_id")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_column("practice")
    with op.batch_alter_table("stafett_log", schema=None) as batch_op:
        batch_op.drop_column("is_practice")
