"""Accounts and the audit trail: a session version per user (signed into the login cookie and
bumped at logout, deactivation, role change and password reset, so an old cookie stops
working); `audit_events.task_id` (a report's trail in one indexed read, backfilled from the
events' subjects); and `audit_events` append-only — triggers refuse UPDATE and DELETE on both
databases (and TRUNCATE on PostgreSQL). The downgrade removes the triggers first.

SQLite drops a table's triggers with the table: a later batch migration that rebuilds
`audit_events` must create them again (`create_append_only_triggers`).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = "audit_events is append-only"
_PG_FUNCTION = "audit_events_append_only"
_PG_TRIGGERS = ("audit_events_no_update_delete", "audit_events_no_truncate")
_SQLITE_TRIGGERS = {"audit_events_no_update": "UPDATE", "audit_events_no_delete": "DELETE"}


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("task_id", sa.Uuid(), nullable=True))
    op.create_index("ix_audit_events_task_id", "audit_events", ["task_id"])
    # Before the triggers: the last UPDATE this table will ever take.
    op.execute("UPDATE audit_events SET task_id = subject_id WHERE subject_type = 'tasks'")
    op.execute(
        """
        UPDATE audit_events SET task_id = (
            SELECT a.task_id FROM findings f JOIN analyses a ON a.id = f.analysis_id
            WHERE f.id = audit_events.subject_id
        )
        WHERE subject_type = 'findings'
        """
    )
    create_append_only_triggers()


def create_append_only_triggers() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION {_PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{REFUSAL}: % refused', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
            """
        )
        op.execute(
            f"CREATE TRIGGER {_PG_TRIGGERS[0]} BEFORE UPDATE OR DELETE ON audit_events "
            f"FOR EACH ROW EXECUTE FUNCTION {_PG_FUNCTION}()"
        )
        op.execute(
            f"CREATE TRIGGER {_PG_TRIGGERS[1]} BEFORE TRUNCATE ON audit_events "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_PG_FUNCTION}()"
        )
        return
    for name, operation in _SQLITE_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {operation} ON audit_events "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}: {operation} refused'); END"
        )


def drop_append_only_triggers() -> None:
    if op.get_context().dialect.name == "postgresql":
        for name in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_events")
        op.execute(f"DROP FUNCTION IF EXISTS {_PG_FUNCTION}()")
        return
    for name in _SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def downgrade() -> None:
    drop_append_only_triggers()
    op.drop_index("ix_audit_events_task_id", table_name="audit_events")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("task_id")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
