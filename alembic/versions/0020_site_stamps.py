"""site_stamp: one row of stamps drawn anew by triggers on every change to people and units; a log's
people stamp drawn anew by its consent asks too

A kept plan view (services.plan_view) names people and units; it read them again on every page load
to compare. It now compares these two numbers, read with the log's stamps (models/content_stamp.py).
The holder's start view is kept too, and shows who has confirmed a consent request: consent_ask joins
the log's people part (the log triggers are made again from the model's list).

Revision ID: 0020_site_stamps
Revises: 0019_openings_newest_first
Create Date: 2026-12-01 10:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from stafett_app.models.content_stamp import (
    FIRST_PARTS,
    LATER_TABLES,
    SITE_TABLES,
    create_site_triggers,
    create_triggers,
    drop_site_triggers,
    drop_triggers,
    site_stamps_row,
)

revision: str = "0020_site_stamps"
down_revision: str | None = "0019_openings_newest_first"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "site_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        *(sa.Column(table, sa.BigInteger(), nullable=False) for table in SITE_TABLES),
        sa.PrimaryKeyConstraint("id", name="site_stamp_pkey"),
    )
    dialect = op.get_bind().dialect.name
    op.execute(site_stamps_row(dialect))
    for statement in [*create_site_triggers(dialect), *_log_triggers_again(dialect)]:
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_site_triggers(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("site_stamp")


def _log_triggers_again(dialect: str) -> list[str]:
    """Every table of the model's list gets its log triggers (made by 0018 from the list as it was)."""
    return [*drop_triggers(dialect), *create_triggers(dialect, FIRST_PARTS, without=LATER_TABLES)]
