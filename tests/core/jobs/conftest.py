"""Fixtures for the job runners: a migrated PostgreSQL database (the queue lives there only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.config import Settings
from core.db import make_engine
from core.db.migrate import upgrade
from core.enums import Role
from core.services import users
from core.services.context import ServiceContext, build_context
from core.services.users import Actor
from tests.conftest import _PG_URL, _fresh_postgres_database

needs_postgres = pytest.mark.skipif(_PG_URL is None, reason="no PostgreSQL server reachable")


@pytest.fixture
def pg_url() -> Iterator[str]:
    assert _PG_URL is not None
    yield from _fresh_postgres_database(_PG_URL)


@pytest.fixture
def pg_settings(pg_url: str, tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url_raw=pg_url,
        worker_heartbeat_s=0.5,
        worker_stalled_after_s=2.0,
        worker_recover_every_s=0.5,
    )


@pytest.fixture
def pg_ctx(pg_settings: Settings) -> Iterator[ServiceContext]:
    engine = make_engine(pg_settings)
    upgrade(engine)
    yield build_context(pg_settings, engine)
    engine.dispose()


@pytest.fixture
def pg_engineer(pg_ctx: ServiceContext) -> Actor:
    admin = users.create_first_admin(pg_ctx, email="admin@example.com", password="correct horse")
    return users.create_user(
        pg_ctx, admin, email="eng@example.com", password="password-123", role=Role.ENGINEER
    )
