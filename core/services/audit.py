"""The audit trail: one row per thing a person or the engine did, kept after its subject is gone."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from core import repositories as repo
from core.db.base import Base


def record(
    session: Session,
    *,
    actor_id: uuid.UUID | None,
    action: str,
    subject: Base,
    **details: Any,
) -> None:
    subject_id = getattr(subject, "id", None)
    repo.audit_events.create(
        session=session,
        actor_id=actor_id,
        action=action,
        subject_type=type(subject).__tablename__,
        subject_id=subject_id if isinstance(subject_id, uuid.UUID) else None,
        details=details or None,
    )
