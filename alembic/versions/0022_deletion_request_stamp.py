"""log_stamp: a family's deletion request draws the log's people stamp; lysglimt indexed by log and time

The family page read the log's pending deletion request and its open consent requests on every load.
They are now kept in the worker like the rest of the log's people (services.log_cache), so the
deletion request, like the consent requests, draws the "people" stamp (models/content_stamp.py).

Every log page shows the log's newest lysglimt: read through an index by log and time, a log with
years of them hands over twenty rows without sorting them all. The index on log_id alone is covered
by this one.

Revision ID: 0022_deletion_request_stamp
Revises: 0021_draft_and_refusal_stamps
Create Date: 2026-12-01 20:10:00
"""

from collections.abc import Sequence

from alembic import op
from stafett_app.models.content_stamp import FIRST_PARTS, LATER_TABLES, create_triggers, drop_triggers

revision: str = "0022_deletion_request_stamp"
down_revision: str | None = "0021_draft_and_refusal_stamps"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PARTS_HERE = (*FIRST_PARTS, "drafts", "refusals")  # the model's list as it is at this migration


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in [*drop_triggers(dialect), *create_triggers(dialect, PARTS_HERE)]:
        op.execute(statement)
    # Not in a batch: on SQLite a batch may copy the table, which drops its triggers.
    op.create_index("ix_glimmer_log_id_created_at", "glimmer", ["log_id", "created_at"], unique=False)
    op.drop_index("ix_glimmer_log_id", table_name="glimmer")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_index("ix_glimmer_log_id", "glimmer", ["log_id"], unique=False)
    op.drop_index("ix_glimmer_log_id_created_at", table_name="glimmer")
    for statement in [*drop_triggers(dialect), *create_triggers(dialect, PARTS_HERE, without=LATER_TABLES)]:
        op.execute(statement)
