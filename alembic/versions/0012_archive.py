"""archive copies and the access log

Revision ID: 0012
Revises: 0008
Create Date: 2026-11-30 05:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011_relay"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "archive_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("trigger", _text(length=20), nullable=False),
        sa.Column("trigger_key", _text(length=80), nullable=False),
        sa.Column("status", _text(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("sha256", _text(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("storage_path", _text(length=200), nullable=False),
        sa.Column("package_path", _text(length=200), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", _text(length=300), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", _text(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("log_id", "trigger_key", name="uq_archive_copy_trigger"),
    )
    with op.batch_alter_table("archive_copy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_archive_copy_log_id"), ["log_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_archive_copy_status"), ["status"], unique=False)
    op.create_table(
        "access_log_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("action", _text(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("access_log_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_log_entry_log_id"), ["log_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_log_entry_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("access_log_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_log_entry_person_id"))
        batch_op.drop_index(batch_op.f("ix_access_log_entry_log_id"))
    op.drop_table("access_log_entry")
    with op.batch_alter_table("archive_copy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_archive_copy_status"))
        batch_op.drop_index(batch_op.f("ix_archive_copy_log_id"))
    op.drop_table("archive_copy")
