"""Every test an analysis holds: `analyses.test_types` beside the single `test_type`.

A sheet may carry several tests (a breaker sheet: insulation and contact resistance); the seed's
`test_type` keeps the one with most readings. Existing rows get `[test_type]`.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_analyses = sa.table(
    "analyses",
    sa.column("id", sa.Uuid()),
    sa.column("test_type"),
    sa.column("test_types", sa.JSON()),
)


def upgrade() -> None:
    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("test_types", sa.JSON(), nullable=True))
    connection = op.get_bind()
    for test_type in connection.execute(sa.select(_analyses.c.test_type).distinct()).scalars():
        connection.execute(
            _analyses.update()
            .where(_analyses.c.test_type == test_type)
            .values(test_types=[test_type] if test_type and test_type != "None" else [])
        )


def downgrade() -> None:
    with op.batch_alter_table("analyses") as batch:
        batch.drop_column("test_types")
