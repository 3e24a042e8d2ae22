"""Analyses: the outcome of auditing one task's file (scores, verdict, extraction, checks)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db.base import Base, TimestampMixin, UUIDPrimaryKeyMixin

if TYPE_CHECKING:
    from core.models.finding import Finding
    from core.models.task import Task


class Analysis(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "analyses"
    __table_args__ = (UniqueConstraint("task_id"),)

    task_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), index=True, unique=True
    )
    equipment_type: Mapped[str] = mapped_column(String(50))
    test_type: Mapped[str] = mapped_column(String(50))
    test_types: Mapped[list[str] | None] = mapped_column(JSON)
    """Every test the report holds, in a fixed order; `test_type` is the one with most readings."""
    equipment_tag: Mapped[str | None] = mapped_column(String(100))
    verdict: Mapped[str | None] = mapped_column(String(50))
    compliance_score: Mapped[float | None] = mapped_column(Float)
    confidence_score: Mapped[float | None] = mapped_column(Float)
    extraction_result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    validation_result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    profile_id: Mapped[str | None] = mapped_column(String(100))
    machine_verdict: Mapped[str | None] = mapped_column(String(50))
    """The engine's verdict before any manager override; kept for the audit trail."""
    machine_compliance_score: Mapped[float | None] = mapped_column(Float)

    task: Mapped[Task] = relationship(back_populates="analysis")
    findings: Mapped[list[Finding]] = relationship(
        back_populates="analysis", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"Analysis(id={self.id!s}, verdict={self.verdict!r})"
