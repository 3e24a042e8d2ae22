"""Database readiness: apply pending migrations on the embedded default and report the state."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from core.db import migrate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatabaseStatus:
    backend: str
    location: str
    revision: str | None
    head: str | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.revision == self.head

    @property
    def summary(self) -> str:
        if self.error:
            return f"{self.backend} at {self.location} is unreachable: {self.error}"
        if self.revision != self.head:
            return (
                f"{self.backend} at {self.location} is at migration {self.revision or 'none'}, "
                f"needs {self.head}: run `python -m core db upgrade`."
            )
        return f"{self.backend} at {self.location}, migration {self.revision} (up to date)"


def database_status(engine: Engine) -> DatabaseStatus:
    backend = "SQLite" if engine.dialect.name == "sqlite" else "PostgreSQL"
    location = engine.url.database if backend == "SQLite" else engine.url.render_as_string()
    head = migrate.head_revision()
    try:
        revision = migrate.current_revision(engine)
    except SQLAlchemyError as error:
        return DatabaseStatus(backend, str(location), None, head, str(error).splitlines()[0])
    return DatabaseStatus(backend, str(location), revision, head)


def prepare_database(engine: Engine) -> DatabaseStatus:
    """Bring the embedded SQLite database up to date; PostgreSQL is migrated by an operator."""
    status = database_status(engine)
    if status.error is None and not status.ok and engine.dialect.name == "sqlite":
        log.info("applying migrations to %s", status.location)
        migrate.upgrade(engine)
        status = database_status(engine)
    return status
