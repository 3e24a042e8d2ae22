"""Tasks: one uploaded file (or one equipment report of it) and where its analysis stands."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db.base import Base, TimestampMixin, UUIDPrimaryKeyMixin
from core.enums import TaskStatus

if TYPE_CHECKING:
    from core.models.analysis import Analysis
    from core.models.user import User


class Task(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_created_at", "created_at"),
        Index("ix_tasks_status_created_at", "status", "created_at"),  # also serves `status`
    )

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(
        String(50), server_default=text("'QUEUED'"), default=TaskStatus.QUEUED.value
    )
    original_filename: Mapped[str] = mapped_column(String(255))
    file_path: Mapped[str | None] = mapped_column(String(500))
    file_size: Mapped[int] = mapped_column(BigInteger)
    error_message: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    content_type: Mapped[str | None] = mapped_column(String(100))
    site: Mapped[str | None] = mapped_column(String(255))
    profile_id: Mapped[str | None] = mapped_column(String(100))
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), index=True
    )
    """For one equipment report of a package: the upload's task."""
    part: Mapped[str | None] = mapped_column(String(255))
    """Its sheets or pages ('Sheet CB-2', 'pages 3-4'); NULL for a single report."""
    part_number: Mapped[int | None]
    """Its place in the file: 1, 2, …"""
    part_input_path: Mapped[str | None] = mapped_column(String(500))
    """The report as read when its package was split (in storage), judged by its own job."""

    user: Mapped[User] = relationship(back_populates="tasks")
    analysis: Mapped[Analysis | None] = relationship(
        back_populates="task", cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )

    parts: Mapped[list[Task]] = relationship(
        back_populates="package",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Task.part_number",
    )
    package: Mapped[Task | None] = relationship(back_populates="parts", remote_side="Task.id")

    def __repr__(self) -> str:
        return f"Task(id={self.id!s}, status={self.status!r}, file={self.original_filename!r})"
