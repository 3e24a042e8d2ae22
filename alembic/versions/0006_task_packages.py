"""Packages: a task may be one equipment report of an upload that held several.

`tasks.parent_id` links a report's task to the upload's task (the package); `tasks.part` names
its sheets or pages ('Sheet CB-2', 'pages 3-4') and `tasks.part_number` its place in the file
(1, 2, …). A single report keeps all three NULL.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("parent_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("part", sa.String(255), nullable=True))
        batch.add_column(sa.Column("part_number", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_tasks_parent_id_tasks", "tasks", ["parent_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_tasks_parent_id", ["parent_id"])


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.drop_index("ix_tasks_parent_id")
        batch.drop_constraint("fk_tasks_parent_id_tasks", type_="foreignkey")
        batch.drop_column("part_number")
        batch.drop_column("part")
        batch.drop_column("parent_id")
