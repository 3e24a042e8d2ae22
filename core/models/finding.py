"""Findings: one rule's verdict on one subject of an analysis, with evidence and remediation."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db.base import Base, TimestampMixin, UUIDPrimaryKeyMixin

if TYPE_CHECKING:
    from core.models.analysis import Analysis


class Finding(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "findings"
    # Leads with analysis_id, so it serves the foreign key; with rule_id it covers the Trends
    # count of findings per rule.
    __table_args__ = (Index("ix_findings_analysis_id_rule_id", "analysis_id", "rule_id"),)

    analysis_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"))
    severity: Mapped[str] = mapped_column(String(50), index=True)
    rule_id: Mapped[str] = mapped_column(String(100))
    message: Mapped[str] = mapped_column(Text)
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    remediation: Mapped[str | None] = mapped_column(Text)
    overridden_by: Mapped[uuid.UUID | None]
    overridden_at: Mapped[dt.datetime | None]
    override_justification: Mapped[str | None] = mapped_column(Text)

    @property
    def is_overridden(self) -> bool:
        return self.overridden_at is not None

    analysis: Mapped[Analysis] = relationship(back_populates="findings")

    def __repr__(self) -> str:
        return f"Finding(rule_id={self.rule_id!r}, severity={self.severity!r})"
