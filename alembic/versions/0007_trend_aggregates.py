"""Aggregates for the dashboards at scale: tests as rows, finding counts kept per analysis, and
the indexes the Trends and Tasks queries use.

- `analysis_tests` (analysis_id, test_type): `analyses.test_types` as rows, backfilled, so the
  test filter and the heat map join instead of reading JSON.
- `analyses.critical_count`, `major_count`, `minor_count`, `info_count`, `critical_open`: kept
  when an analysis is stored or a finding overridden, backfilled from `findings`; the Trends
  KPIs and severity chart sum them instead of scanning every finding.
- `ix_tasks_status_created_at` replaces `ix_tasks_status`; `ix_findings_analysis_id_rule_id`
  replaces `ix_findings_analysis_id`; `ix_analyses_equipment_type` is new; the duplicate unique
  index `ix_analyses_task_id` goes (`uq_analyses_task_id` stays).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = ("critical_count", "major_count", "minor_count", "info_count", "critical_open")
_analyses = sa.table(
    "analyses",
    sa.column("id", sa.Uuid()),
    sa.column("test_type", sa.String()),
    sa.column("test_types", sa.JSON()),
    *(sa.column(name, sa.Integer()) for name in COUNTS),
)
_findings = sa.table(
    "findings",
    sa.column("analysis_id", sa.Uuid()),
    sa.column("severity", sa.String()),
    sa.column("overridden_at", sa.DateTime(timezone=True)),
)
_tests = sa.table("analysis_tests", sa.column("analysis_id", sa.Uuid()), sa.column("test_type"))


def upgrade() -> None:
    op.create_table(
        "analysis_tests",
        sa.Column("analysis_id", sa.Uuid(), nullable=False),
        sa.Column("test_type", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(
            ["analysis_id"],
            ["analyses.id"],
            name="fk_analysis_tests_analysis_id_analyses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("analysis_id", "test_type", name="pk_analysis_tests"),
    )
    op.create_index("ix_analysis_tests_test_type", "analysis_tests", ["test_type", "analysis_id"])
    with op.batch_alter_table("analyses") as batch:
        for name in COUNTS:
            batch.add_column(
                sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0"))
            )
        batch.drop_index("ix_analyses_task_id")
        batch.create_index("ix_analyses_equipment_type", ["equipment_type"])
    with op.batch_alter_table("findings") as batch:
        batch.drop_index("ix_findings_analysis_id")
        batch.create_index("ix_findings_analysis_id_rule_id", ["analysis_id", "rule_id"])
    with op.batch_alter_table("tasks") as batch:
        batch.drop_index("ix_tasks_status")
        batch.create_index("ix_tasks_status_created_at", ["status", "created_at"])
    _backfill(op.get_bind())


def _backfill(connection: sa.Connection) -> None:
    rows = connection.execute(
        sa.select(_analyses.c.id, _analyses.c.test_type, _analyses.c.test_types)
    ).all()
    tests = [
        {"analysis_id": analysis_id, "test_type": kind}
        for analysis_id, main, every in rows
        for kind in dict.fromkeys(every if every is not None else [main])
        if kind and kind != "None"
    ]
    if tests:
        connection.execute(_tests.insert(), tests)
    mine = _findings.c.analysis_id == _analyses.c.id

    def count(*where: sa.ColumnElement[bool]) -> sa.ScalarSelect[int]:
        query = sa.select(sa.func.count()).select_from(_findings).where(mine, *where)
        return query.scalar_subquery()

    severity = _findings.c.severity
    connection.execute(
        _analyses.update().values(
            critical_count=count(severity == "CRITICAL"),
            major_count=count(severity == "MAJOR"),
            minor_count=count(severity == "MINOR"),
            info_count=count(severity == "INFO"),
            critical_open=count(severity == "CRITICAL", _findings.c.overridden_at.is_(None)),
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.drop_index("ix_tasks_status_created_at")
        batch.create_index("ix_tasks_status", ["status"])
    with op.batch_alter_table("findings") as batch:
        batch.drop_index("ix_findings_analysis_id_rule_id")
        batch.create_index("ix_findings_analysis_id", ["analysis_id"])
    with op.batch_alter_table("analyses") as batch:
        batch.drop_index("ix_analyses_equipment_type")
        batch.create_index("ix_analyses_task_id", ["task_id"], unique=True)
        for name in reversed(COUNTS):
            batch.drop_column(name)
    op.drop_index("ix_analysis_tests_test_type", table_name="analysis_tests")
    op.drop_table("analysis_tests")
