"""The command line's environment in tests: no configured server, public URL or production
mode, the data directory a temporary one, and the embedded database there as the app leaves it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.config import get_settings
from core.services.context import ServiceContext, build_context
from core.services.system import prepare_database


def clean_env(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    for name in ("DATABASE_URL", "AUDITENG_ENV", "AUDITENG_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AUDITENG_DATA_DIR", str(data_dir))
    get_settings.cache_clear()


def embedded_database(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Iterator[ServiceContext]:
    """For a fixture: the embedded database the CLI reads by default, migrated."""
    clean_env(monkeypatch, data_dir)
    context = build_context(get_settings())
    assert prepare_database(context.engine).ok
    yield context
    context.engine.dispose()
    get_settings.cache_clear()
