"""the access log's role and session, form drafts, and a login shown to a child

Revision ID: 0013_access_log
Revises: 0012
Create Date: 2026-11-30 05:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0013_access_log"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("access_log_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", _text(length=60), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("session_ref", _text(length=16), nullable=False, server_default=""))
    # The default only fills the rows already there; the app always writes both.
    with op.batch_alter_table("access_log_entry", schema=None) as batch_op:
        batch_op.alter_column("role", server_default=None)
        batch_op.alter_column("session_ref", server_default=None)
    with op.batch_alter_table("loginsession", schema=None) as batch_op:
        batch_op.add_column(sa.Column("child_log_id", sa.Integer(), nullable=True))
    op.create_table(
        "form_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", _text(length=40), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=False),
        sa.Column("values_json", _text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "kind", "log_id", "target_id", "parent_id", name="uq_form_draft_form"),
    )
    with op.batch_alter_table("form_draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_form_draft_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("form_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_form_draft_person_id"))
    op.drop_table("form_draft")
    with op.batch_alter_table("loginsession", schema=None) as batch_op:
        batch_op.drop_column("child_log_id")
    with op.batch_alter_table("access_log_entry", schema=None) as batch_op:
        batch_op.drop_column("session_ref")
        batch_op.drop_column("role")
