"""Analyses: the report's test date and testing company as columns.

Trends groups by test date and by testing company, and an asset's history orders by test date;
read from the extraction JSON inside those queries they cost two to three times the plain-column
floor at 10,000 analyses (docs/benchmarks.md). The columns are filled when an analysis is stored
(`core/services/outcomes.py`) and here, from the JSON, for the analyses already stored. No index
on the test date: nothing filters on it alone, and one would tempt the planner to walk it for
an asset's few analyses ordered by date instead of using the tag index.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TAG_INDEX = "ix_analyses_equipment_tag_lower"

# The JSON paths written by `ExtractionResult.model_dump(mode="json")`: an ISO date or null,
# a name or null. A date the JSON holds in any other shape is left NULL rather than guessed.
BACKFILL = {
    "postgresql": """
        UPDATE analyses SET
            test_date = CASE
                WHEN (extraction_result -> 'test' ->> 'date') ~ '^\\d{4}-\\d{2}-\\d{2}$'
                THEN CAST(extraction_result -> 'test' ->> 'date' AS DATE) END,
            testing_company = LEFT(extraction_result -> 'test' ->> 'company', 255)
        WHERE extraction_result IS NOT NULL
    """,
    "sqlite": """
        UPDATE analyses SET
            test_date = CASE
                WHEN json_extract(extraction_result, '$.test.date')
                    GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                THEN json_extract(extraction_result, '$.test.date') END,
            testing_company = substr(json_extract(extraction_result, '$.test.company'), 1, 255)
        WHERE extraction_result IS NOT NULL AND json_valid(extraction_result)
    """,
}


def upgrade() -> None:
    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("test_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("testing_company", sa.String(length=255), nullable=True))
    op.execute(BACKFILL[op.get_bind().dialect.name])


def downgrade() -> None:
    # SQLite's batch mode copies the table and loses an expression index it cannot reflect:
    # take 0011's tag index down first and put it back after.
    op.drop_index(TAG_INDEX, table_name="analyses")
    with op.batch_alter_table("analyses") as batch:
        batch.drop_column("testing_company")
        batch.drop_column("test_date")
    op.create_index(TAG_INDEX, "analyses", [sa.text("lower(equipment_tag)"), "task_id"])
