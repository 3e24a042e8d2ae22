"""A service context on a fresh migrated database of each backend, with a user of each role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from core.config import Settings
from core.db.migrate import upgrade
from core.enums import Role
from core.services import users
from core.services.context import ServiceContext, build_context
from core.services.users import Actor


@pytest.fixture
def ctx(empty_engine: Engine, tmp_path: Path) -> Iterator[ServiceContext]:
    upgrade(empty_engine)
    settings = Settings(data_dir=tmp_path / "svc", database_url_raw=None, max_upload_mb=1)
    yield build_context(settings, empty_engine)


@pytest.fixture
def admin(ctx: ServiceContext) -> Actor:
    return users.create_first_admin(ctx, email="Admin@Example.com", password="correct horse")


def _make(ctx: ServiceContext, admin: Actor, email: str, role: Role) -> Actor:
    return users.create_user(ctx, admin, email=email, password="password-123", role=role)


@pytest.fixture
def engineer(ctx: ServiceContext, admin: Actor) -> Actor:
    return _make(ctx, admin, "eng@example.com", Role.ENGINEER)


@pytest.fixture
def other_engineer(ctx: ServiceContext, admin: Actor) -> Actor:
    return _make(ctx, admin, "eng2@example.com", Role.ENGINEER)


@pytest.fixture
def manager(ctx: ServiceContext, admin: Actor) -> Actor:
    return _make(ctx, admin, "boss@example.com", Role.MANAGER)
