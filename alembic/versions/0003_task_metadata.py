"""Tasks: content hash, content type, site, profile and timing; analyses keep the machine's verdict.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("sha256", sa.String(64), nullable=True))
        batch.add_column(sa.Column("content_type", sa.String(100), nullable=True))
        batch.add_column(sa.Column("site", sa.String(255), nullable=True))
        batch.add_column(sa.Column("profile_id", sa.String(100), nullable=True))
        batch.add_column(
            sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_tasks_sha256", ["sha256"])
        batch.create_index("ix_tasks_created_at", ["created_at"])
    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("profile_id", sa.String(100), nullable=True))
        batch.add_column(sa.Column("machine_verdict", sa.String(50), nullable=True))
        batch.add_column(sa.Column("machine_compliance_score", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("analyses") as batch:
        batch.drop_column("machine_compliance_score")
        batch.drop_column("machine_verdict")
        batch.drop_column("profile_id")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_index("ix_tasks_created_at")
        batch.drop_index("ix_tasks_sha256")
        batch.drop_column("finished_at")
        batch.drop_column("started_at")
        batch.drop_column("attempts")
        batch.drop_column("profile_id")
        batch.drop_column("site")
        batch.drop_column("content_type")
        batch.drop_column("sha256")
