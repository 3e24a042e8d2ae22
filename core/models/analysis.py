"""Analyses: the outcome of auditing one task's file (scores, verdict, extraction, checks)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db.base import Base, TimestampMixin, UUIDPrimaryKeyMixin

if TYPE_CHECKING:
    from core.models.finding import Finding
    from core.models.task import Task


def _count() -> Mapped[int]:
    return mapped_column(Integer, server_default=text("0"), default=0)


class Analysis(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "analyses"
    __table_args__ = (
        UniqueConstraint("task_id"),  # also the index joins from tasks use
        Index("ix_analyses_equipment_type", "equipment_type"),
    )

    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    equipment_type: Mapped[str] = mapped_column(String(50))
    test_type: Mapped[str] = mapped_column(String(50))
    test_types: Mapped[list[str] | None] = mapped_column(JSON)
    """Every test the report holds, in a fixed order; `test_type` is the one with most readings."""
    equipment_tag: Mapped[str | None] = mapped_column(String(100))
    verdict: Mapped[str | None] = mapped_column(String(50))
    # The report's test date and testing company (`extraction_result.test`), kept as columns
    # so Trends groups by them and an asset's history orders by them without reading JSON.
    test_date: Mapped[dt.date | None] = mapped_column(Date)
    testing_company: Mapped[str | None] = mapped_column(String(255))
    compliance_score: Mapped[float | None] = mapped_column(Float)
    confidence_score: Mapped[float | None] = mapped_column(Float)
    extraction_result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    validation_result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    profile_id: Mapped[str | None] = mapped_column(String(100))
    machine_verdict: Mapped[str | None] = mapped_column(String(50))
    """The engine's verdict before any manager override; kept for the audit trail."""
    machine_compliance_score: Mapped[float | None] = mapped_column(Float)
    # Finding counts kept with the analysis (`core.services.stored.finding_counts`), so the
    # Trends aggregates never scan the findings table for severities.
    critical_count: Mapped[int] = _count()
    major_count: Mapped[int] = _count()
    minor_count: Mapped[int] = _count()
    info_count: Mapped[int] = _count()
    critical_open: Mapped[int] = _count()
    """CRITICAL findings no manager has overridden."""

    task: Mapped[Task] = relationship(back_populates="analysis")
    findings: Mapped[list[Finding]] = relationship(
        back_populates="analysis", cascade="all, delete-orphan", passive_deletes=True
    )
    tests: Mapped[list[AnalysisTest]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"Analysis(id={self.id!s}, verdict={self.verdict!r})"


# The asset lookups (core/repositories/assets.py) match tags case-insensitively (migration 0011).
Index("ix_analyses_equipment_tag_lower", func.lower(Analysis.equipment_tag), Analysis.task_id)


class AnalysisTest(Base):
    """One test an analysis holds (`Analysis.test_types` as rows): what the Tasks filter and the
    Trends heat map join on, without reading the JSON column."""

    __tablename__ = "analysis_tests"
    __table_args__ = (Index("ix_analysis_tests_test_type", "test_type", "analysis_id"),)

    analysis_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("analyses.id", ondelete="CASCADE"), primary_key=True
    )
    test_type: Mapped[str] = mapped_column(String(50), primary_key=True)
