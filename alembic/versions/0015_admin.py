"""admin: rights and contact on person, deactivation, the append-only admin audit trail, feedback

Revision ID: 0015_admin
Revises: 0013_access_log
Create Date: 2026-11-30 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0015_admin"
down_revision: str | None = "0013_access_log"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_text = sqlmodel.sql.sqltypes.AutoString

# The trail is append-only in the database itself, not only in the code that writes it.
_PG_FUNCTION = """
CREATE FUNCTION admin_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'admin_event is append-only';
END;
$$ LANGUAGE plpgsql
"""
_PG_TRIGGER = (
    "CREATE TRIGGER admin_event_append_only BEFORE UPDATE OR DELETE ON admin_event "
    "FOR EACH ROW EXECUTE FUNCTION admin_event_append_only()"
)
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER admin_event_no_{verb.lower()} BEFORE {verb} ON admin_event "
    "BEGIN SELECT RAISE(ABORT, 'admin_event is append-only'); END"
    for verb in ("UPDATE", "DELETE")
]


def upgrade() -> None:
    # mobile and may_hold_logs came with the relay (0011); the administrator adds the rest.
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("may_be_actor", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column("deactivated_at", sa.DateTime(), nullable=True))
    op.create_table(
        "admin_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("admin_id", sa.Integer(), nullable=False),
        sa.Column("action", _text(length=40), nullable=False),
        sa.Column("subject_kind", _text(length=10), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("detail", _text(length=500), nullable=False),
        sa.ForeignKeyConstraint(["admin_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("admin_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admin_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_admin_event_admin_id"), ["admin_id"], unique=False)
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("contact", _text(length=200), nullable=False),
        sa.Column("page", _text(length=200), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_at"), ["at"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS admin_event_append_only ON admin_event")
        op.execute("DROP FUNCTION IF EXISTS admin_event_append_only()")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_at"))
    op.drop_table("feedback")
    with op.batch_alter_table("admin_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_event_admin_id"))
        batch_op.drop_index(batch_op.f("ix_admin_event_at"))
    op.drop_table("admin_event")  # SQLite drops the table's triggers with it
    with op.batch_alter_table("person", schema=None) as batch_op:
        for column in ("deactivated_at", "may_be_actor"):
            batch_op.drop_column(column)
