"""AppTest fixtures: a fresh data directory per test (caches cleared), users of each role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.enums import Role
from core.services import users
from core.services.context import ServiceContext
from core.services.users import Actor
from dashboard import data
from tests.dashboard.helpers import PASSWORD, clear_caches, make_user


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    for name in ("DATABASE_URL", "AUDITENG_COOKIE_KEY", "AUDITENG_ENV", "AUDITENG_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AUDITENG_DATA_DIR", str(tmp_path / "data"))
    clear_caches()
    yield tmp_path / "data"
    clear_caches()


@pytest.fixture
def ctx(data_dir: Path) -> ServiceContext:
    """The app's own context (migrated), shared with the AppTest runs in this process."""
    assert data.start().ok
    return data.context()


@pytest.fixture
def admin(ctx: ServiceContext) -> Actor:
    return users.create_first_admin(
        ctx, email="admin@example.com", password=PASSWORD, full_name="Ada Admin"
    )


@pytest.fixture
def engineer(ctx: ServiceContext, admin: Actor) -> Actor:
    return make_user(ctx, admin, "eng@example.com", Role.ENGINEER)


@pytest.fixture
def manager(ctx: ServiceContext, admin: Actor) -> Actor:
    return make_user(ctx, admin, "boss@example.com", Role.MANAGER)
