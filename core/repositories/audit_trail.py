"""The audit trail's reads: the events of one report (and of the upload it belongs to), oldest
first, each with its actor's email. The table is append-only (revision 0010): nothing here or
anywhere else updates or deletes a row."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import AuditEvent, User


def task_events(
    *, session: Session, task_ids: Collection[uuid.UUID]
) -> list[tuple[AuditEvent, str | None]]:
    """(event, actor's email or None) of every event of these tasks, oldest first."""
    query = (
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.task_id.in_(list(task_ids)))
        .order_by(AuditEvent.created_at, AuditEvent.id)
    )
    return [(event, email) for event, email in session.execute(query)]


def events(
    *, session: Session, action: str | None = None, subject_id: uuid.UUID | None = None
) -> list[AuditEvent]:
    """Events by action and/or subject, oldest first (tests and the shell)."""
    where: list[Any] = []
    if action is not None:
        where.append(AuditEvent.action == action)
    if subject_id is not None:
        where.append(AuditEvent.subject_id == subject_id)
    query = select(AuditEvent).where(*where).order_by(AuditEvent.created_at, AuditEvent.id)
    return list(session.scalars(query))


def recent_events(
    *, session: Session, limit: int = 200, actions: Collection[str] = ()
) -> list[tuple[AuditEvent, str | None]]:
    """(event, actor's email or None) of the latest `limit` events, newest first, optionally
    only those of `actions` (the (created_at) index serves the order)."""
    query = select(AuditEvent, User.email).outerjoin(User, User.id == AuditEvent.actor_id)
    if actions:
        query = query.where(AuditEvent.action.in_(list(actions)))
    query = query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(limit)
    return [(event, email) for event, email in session.execute(query)]
