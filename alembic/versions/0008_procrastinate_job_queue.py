"""The procrastinate job queue, on PostgreSQL only: its tables, types, functions and triggers.

Applied from procrastinate's own `schema.sql` (the version pinned in requirements.txt), so the
queue's schema is exactly the one its code expects. `alembic/env.py` keeps the `procrastinate_*`
tables out of autogenerate, so `alembic check` stays clean. The downgrade drops every object the
schema created, found by name in the catalogue, so `downgrade base` leaves nothing behind.

Upgrading procrastinate to a release whose schema changed needs a new revision that applies its
`sql/migrations/*.sql` files in order (procrastinate documents them per release).

SQLite has no job queue: the embedded default runs analyses in an in-process pool.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DROP_EVERYTHING = """
DO $$
DECLARE item record;
BEGIN
    FOR item IN SELECT tablename FROM pg_tables
                WHERE schemaname = current_schema() AND tablename LIKE 'procrastinate\\_%' LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', item.tablename);
    END LOOP;
    FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate\\_%' LOOP
        EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', item.signature);
    END LOOP;
    FOR item IN SELECT t.typname FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = current_schema() AND t.typname LIKE 'procrastinate\\_%'
                  AND t.typtype IN ('e', 'c') LOOP
        EXECUTE format('DROP TYPE IF EXISTS %I CASCADE', item.typname);
    END LOOP;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from procrastinate.schema import SchemaManager

    # The schema is plain DDL plus PL/pgSQL bodies; run it through the driver as one script.
    op.get_bind().exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.get_bind().exec_driver_sql(_DROP_EVERYTHING.replace("%", "%%"))
