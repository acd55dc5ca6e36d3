"""unit_leader: one person may lead several units

Revision ID: 0016b_unit_leaders
Revises: 0016_practice
Create Date: 2026-11-30 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0016b_unit_leaders"
down_revision: str | None = "0016_practice"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unit_leader",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="unit_leader_unit_id_fkey"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name="unit_leader_person_id_fkey"),
        sa.PrimaryKeyConstraint("unit_id", "person_id", name="unit_leader_pkey"),
    )
    with op.batch_alter_table("unit_leader", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_leader_person_id"), ["person_id"], unique=False)
    # Until now a leader led the unit they work in: that is every link there is today.
    op.execute(
        "INSERT INTO unit_leader (unit_id, person_id) "
        "SELECT unit_id, id FROM person WHERE is_leader AND unit_id IS NOT NULL AND deactivated_at IS NULL"
    )
    # From now on is_leader says "has a unit_leader link"; nobody else keeps it.
    op.get_bind().execute(
        sa.text(
            "UPDATE person SET is_leader = :no WHERE is_leader "
            "AND NOT EXISTS (SELECT 1 FROM unit_leader WHERE unit_leader.person_id = person.id)"
        ),
        {"no": False},
    )


def downgrade() -> None:
    # Back to one unit per leader: a person still leads (is_leader) only if they lead their own unit.
    op.execute(
        "UPDATE person SET is_leader = EXISTS (SELECT 1 FROM unit_leader "
        "WHERE unit_leader.person_id = person.id AND unit_leader.unit_id = person.unit_id)"
    )
    with op.batch_alter_table("unit_leader", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_leader_person_id"))
    op.drop_table("unit_leader")
