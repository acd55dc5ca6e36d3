"""identity: the encrypted national identity number and its lookup hash, provider sessions, pending sign-ins

Revision ID: 0010_identity
Revises: 0008
Create Date: 2026-11-30 05:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0010_identity"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("national_id_encrypted", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("national_id_index", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_unique_constraint("person_national_id_index_key", ["national_id_index"])
    with op.batch_alter_table("loginsession", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("provider_issuer", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True))
        batch_op.add_column(sa.Column("provider_sid", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column("id_token_encrypted", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_loginsession_provider_sid"), ["provider_sid"], unique=False)
    op.create_table(
        "pendinglogin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("browser_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("nonce", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("code_verifier", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("silent", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("state"),
    )
    with op.batch_alter_table("pendinglogin", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pendinglogin_browser_hash"), ["browser_hash"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pendinglogin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pendinglogin_browser_hash"))
    op.drop_table("pendinglogin")
    with op.batch_alter_table("loginsession", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loginsession_provider_sid"))
        for column in (
            "id_token_encrypted",
            "provider_sid",
            "provider_issuer",
            "last_seen_at",
        ):
            batch_op.drop_column(column)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_constraint("person_national_id_index_key", type_="unique")
        batch_op.drop_column("national_id_index")
        batch_op.drop_column("national_id_encrypted")
