"""Audit trail: who did what to which subject, kept even after the subject is gone.

Append-only: a trigger refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL), revision 0010.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base, TimestampMixin, UUIDPrimaryKeyMixin


class AuditEvent(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_created_at", "created_at"),)

    # Plain ids, no foreign keys: the trail must outlive users, tasks and analyses.
    actor_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(50))
    subject_type: Mapped[str] = mapped_column(String(50))
    subject_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    task_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    """The report the event belongs to (an upload, a re-run, an override of one of its findings),
    so its trail is one indexed read; NULL for account events."""
