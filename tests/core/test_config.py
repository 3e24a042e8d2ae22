"""Settings: names, defaults, URL normalisation and directory creation."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.config import Settings, normalize_database_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db:5432/x", "postgresql+psycopg://u:p@db:5432/x"),
        ("postgresql://u:p@db/x", "postgresql+psycopg://u:p@db/x"),
        ("postgresql+asyncpg://u:p@db/x", "postgresql+psycopg://u:p@db/x"),
        ("postgresql+psycopg://u:p@db/x", "postgresql+psycopg://u:p@db/x"),
        ("sqlite:////tmp/a.db", "sqlite:////tmp/a.db"),
    ],
)
def test_database_urls_are_mapped_to_psycopg(given: str, expected: str) -> None:
    assert normalize_database_url(given) == expected


def test_database_url_from_environment_without_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://me@host/db")
    assert Settings().database_url == "postgresql+psycopg://me@host/db"
    assert not Settings().is_sqlite


def test_default_is_sqlite_in_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("AUDITENG_DATA_DIR", str(tmp_path / "d"))
    settings = Settings()
    assert settings.database_url == f"sqlite:///{(tmp_path / 'd' / 'auditeng.db').resolve()}"
    assert settings.file_storage_dir == tmp_path / "d" / "files"
    settings.ensure_directories()
    assert (tmp_path / "d" / "files").is_dir()


def test_prefixed_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AUDITENG_STORAGE_DIR", str(tmp_path / "blobs"))
    monkeypatch.setenv("AUDITENG_MAX_UPLOAD_MB", "7")
    monkeypatch.setenv("AUDITENG_PUBLIC_URL", "https://audit.example.com/")
    monkeypatch.setenv("AUDITENG_DB_POOL_SIZE", "3")
    monkeypatch.setenv("AUDITENG_DB_POOL_PRE_PING", "false")
    settings = Settings()
    assert settings.file_storage_dir == tmp_path / "blobs"
    assert settings.max_upload_bytes == 7 * 1024 * 1024
    assert settings.public_url == "https://audit.example.com"
    assert settings.db_pool_size == 3 and settings.db_pool_pre_ping is False


def test_invalid_upload_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITENG_MAX_UPLOAD_MB", "0")
    with pytest.raises(ValueError, match="max_upload_mb"):
        Settings()
