"""Alembic environment: synchronous, psycopg 3 or SQLite (batch mode), URL from core.config."""

from __future__ import annotations

import sys
from logging.config import fileConfig
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from alembic import context

# `alembic` run from a clone: make `import core` work without installing the project.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import core.models  # noqa: F401  (registers every table on Base.metadata)
from core.config import get_settings
from core.db.base import Base
from core.db.session import make_engine

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata

# Tables owned by other tools (the procrastinate job queue) are not ours to autogenerate.
_FOREIGN_TABLE_PREFIXES = ("procrastinate_",)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    if type_ == "table" and name and name.startswith(_FOREIGN_TABLE_PREFIXES):
        return False
    return not (type_ == "index" and reflected and name and name.startswith("procrastinate_"))


_MIGRATION_LOCK = 0x41554454  # "AUDT": the advisory lock id of AuditEng's migrations


def _database_url() -> str:
    url = config.attributes.get("database_url")
    return str(url) if url else get_settings().database_url


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    is_sqlite = (connection.dialect.name if connection is not None else str(url)).startswith(
        "sqlite"
    )
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=is_sqlite,
        include_object=include_object,
        literal_binds=connection is None,
        dialect_opts={"paramstyle": "named"} if connection is None else {},
    )


def run_migrations_offline() -> None:
    _configure(url=_database_url())
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    is_sqlite = connection.dialect.name == "sqlite"
    if is_sqlite and not connection.in_transaction():
        # Batch mode rebuilds tables; with foreign keys on, dropping the old copy would
        # cascade-delete child rows. SQLite only honours this pragma outside a transaction,
        # so it goes straight to the driver (a SQLAlchemy execute would BEGIN first).
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
    _configure(connection=connection)
    with context.begin_transaction():
        if not is_sqlite:
            # Two `db upgrade` at once (replicas starting together) take turns: the second
            # waits here, then finds the version table at head and has nothing to do.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        context.run_migrations()
    if is_sqlite and not connection.in_transaction():
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(get_settings(), url=_database_url())
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
