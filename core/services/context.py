"""What every use case needs: settings, a session factory and file storage, built once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from core.config import Settings
from core.db import make_engine, make_session_factory, session_scope
from core.services.storage import FileStorage


@dataclass
class ServiceContext:
    settings: Settings
    engine: Engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return make_session_factory(self.engine)

    @cached_property
    def storage(self) -> FileStorage:
        return FileStorage(self.settings.file_storage_dir)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.sessions) as session:
            yield session


def build_context(settings: Settings, engine: Engine | None = None) -> ServiceContext:
    settings.ensure_directories()
    return ServiceContext(settings=settings, engine=engine or make_engine(settings))
