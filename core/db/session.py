"""Engine and session helpers: one engine factory for the app, the CLI, the worker and the tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from core.config import Settings

TRANSIENT_ERRORS: tuple[type[Exception], ...] = (exc.OperationalError, exc.InterfaceError)
"""Database errors worth retrying later (connection lost or refused, server restarting, SQLite
busy): the runners retry them with backoff instead of failing the report."""


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, emit BEGIN, so SAVEPOINTs and rollbacks behave (SQLAlchemy's
    # documented pysqlite recipe). SQLite ignores FOREIGN KEY (and so ON DELETE CASCADE) unless
    # asked on every connection.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front: two deferred transactions that both read and
    # then write would otherwise fail with "database is locked" instead of waiting their turn.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(settings: Settings, *, url: str | None = None) -> Engine:
    """Create an engine for `url` (default: the settings' URL). Connects lazily."""
    url = url or settings.database_url
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=settings.db_echo)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    return create_engine(
        url,
        echo=settings.db_echo,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=settings.db_pool_pre_ping,
        pool_recycle=settings.db_pool_recycle_s,
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
