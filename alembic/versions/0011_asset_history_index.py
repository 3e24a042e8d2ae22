"""Assets: an index on the lower-cased equipment tag, which the asset list groups by and the
history rules and an asset's page look analyses up by (`core/repositories/assets.py`), so
following an asset stays an index read at 100,000 analyses.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_analyses_equipment_tag_lower"


def upgrade() -> None:
    # task_id beside the tag: the asset list's scope and site filters (a task id among the
    # owner's or the site's tasks) are answered from the index, not from the analyses' rows.
    op.create_index(INDEX, "analyses", [sa.text("lower(equipment_tag)"), "task_id"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="analyses")
