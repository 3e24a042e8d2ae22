"""Settings from the environment and `.env`, validated once and passed down; no I/O at import."""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.analysis.limits import DEFAULT_LIMITS, Limits

_POSTGRES_PREFIXES = (
    "postgres://",
    "postgresql://",
    "postgresql+asyncpg://",
    "postgresql+psycopg2://",
)


def normalize_database_url(url: str) -> str:
    """Map the PostgreSQL URL spellings people paste (Heroku, asyncpg, psycopg2) to psycopg 3."""
    for prefix in _POSTGRES_PREFIXES:
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


class Settings(BaseSettings):
    """AuditEng settings. Names as in DESIGN.md §6; `DATABASE_URL` has no prefix."""

    model_config = SettingsConfigDict(
        env_prefix="AUDITENG_", env_file=".env", extra="ignore", populate_by_name=True
    )

    database_url_raw: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "database_url")
    )
    data_dir: Path = Path("data")
    storage_dir: Path | None = None
    max_upload_mb: int = Field(default=50, ge=1, le=2048)
    public_url: str | None = None
    env: Literal["development", "production"] = "development"
    cookie_key: str | None = None
    session_days: float = Field(default=1.0, gt=0, le=30)
    """How long a login cookie logs its browser back in (days); logout ends it at once."""

    db_pool_size: int = Field(default=5, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    db_pool_pre_ping: bool = True
    db_pool_recycle_s: int = Field(default=1800, ge=-1)
    db_echo: bool = False

    # Background analyses (docs/architecture.md, "Background work").
    app_workers: int = Field(default=2, ge=1, le=32)
    """SQLite: analyses the app runs at once in its in-process pool."""
    worker_heartbeat_s: float = Field(default=10.0, gt=0)
    """PostgreSQL: how often a worker tells the queue it is alive."""
    worker_stalled_after_s: float = Field(default=30.0, gt=0)
    """PostgreSQL: a worker silent this long is dead, and its jobs are retried elsewhere."""
    worker_recover_every_s: float = Field(default=10.0, gt=0)
    """PostgreSQL: how often each worker looks for jobs of dead workers."""

    # What one file may hold (core/analysis/limits.py says what each bounds), AUDITENG_LIMIT_*.
    limit_pdf_pages: int = Field(default=DEFAULT_LIMITS.pdf_pages, ge=1)
    limit_ocr_pages: int = Field(default=DEFAULT_LIMITS.ocr_pages, ge=1)
    limit_ocr_page_cpu_s: float = Field(default=DEFAULT_LIMITS.ocr_page_cpu_s, gt=0)
    limit_image_megapixels: float = Field(default=DEFAULT_LIMITS.image_megapixels, gt=0)
    limit_unpacked_mb: float = Field(default=DEFAULT_LIMITS.unpacked_mb, gt=0)
    limit_compression_ratio: float = Field(default=DEFAULT_LIMITS.compression_ratio, gt=1)
    limit_sheets: int = Field(default=DEFAULT_LIMITS.sheets, ge=1)
    limit_rows: int = Field(default=DEFAULT_LIMITS.rows, ge=1)
    limit_columns: int = Field(default=DEFAULT_LIMITS.columns, ge=1)
    limit_cells: int = Field(default=DEFAULT_LIMITS.cells, ge=1)
    limit_text_chars: int = Field(default=DEFAULT_LIMITS.text_chars, ge=1)
    limit_json_depth: int = Field(default=DEFAULT_LIMITS.json_depth, ge=4)

    @field_validator("public_url")
    @classmethod
    def _strip_trailing_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else value

    @model_validator(mode="after")
    def _resolve_storage_dir(self) -> Settings:
        if self.storage_dir is None:
            self.storage_dir = self.data_dir / "files"
        return self

    @property
    def database_url(self) -> str:
        """The URL to connect to: `DATABASE_URL` normalised, else SQLite in the data directory."""
        if self.database_url_raw:
            return normalize_database_url(self.database_url_raw)
        return sqlite_url(self.embedded_database)

    @property
    def embedded_database(self) -> Path:
        """The SQLite file used when no `DATABASE_URL` is set."""
        return self.data_dir / "auditeng.db"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def analysis_limits(self) -> Limits:
        """The limits every door passes to the engine (`core.analysis.limits`)."""
        return Limits(**{name: getattr(self, f"limit_{name}") for name in _LIMIT_NAMES})

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def file_storage_dir(self) -> Path:
        assert self.storage_dir is not None  # set by the validator
        return self.storage_dir

    def ensure_directories(self) -> None:
        """Create the data and storage directories when missing (first run, fresh clone)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.file_storage_dir.mkdir(parents=True, exist_ok=True)


_LIMIT_NAMES = tuple(field.name for field in fields(Limits))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    settings = Settings()
    settings.ensure_directories()
    return settings
