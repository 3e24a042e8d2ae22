"""The audit trail: one row per thing a person or the engine did, kept after its subject is gone.

Append-only (revision 0010: triggers refuse UPDATE and DELETE on both databases). What is
recorded, by action:

- `user.login`, `user.login_failed`: a login; a refusal keeps the normalised email and why
  (unknown account, wrong password, locked, deactivated), never the password;
- `user.locked`: the failure that locked an account; `user.logged_out`: a logout (every
  session of the account ends);
- `user.created`, `user.updated` (role, active, unlock), `user.password_reset`;
- `task.submitted`: an upload (or `python -m core submit`); `task.rerun`: a re-run asked for;
- `analysis.finished`: COMPLETED with its verdict, or FAILED with its sentence;
- `finding.overridden`, `finding.override_revoked`: a manager's override and its revocation;
- `finding.override_kept`, `finding.override_dropped`: a re-run re-applied an override to the
  finding of the same rule and point, or found no such finding;
- `task.link_opened`: the Analysis page was the first page a browser session opened (a link
  pasted or shared, a bookmark, a new tab).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from core import repositories as repo
from core.db.base import Base
from core.repositories import audit_trail as trail
from core.services import clock
from core.services.context import ServiceContext

if TYPE_CHECKING:  # users and tasks record through this module
    from core.services.users import Actor

LABELS = {
    "user.login": "Logged in",
    "user.login_failed": "Login refused",
    "user.locked": "Account locked after repeated failed logins",
    "user.logged_out": "Logged out",
    "user.created": "Account created",
    "user.updated": "Account changed",
    "user.password_reset": "Password reset",
    "task.submitted": "Uploaded",
    "task.rerun": "Re-run requested",
    "analysis.finished": "Analysis finished",
    "finding.overridden": "Finding overridden",
    "finding.override_revoked": "Override revoked",
    "finding.override_kept": "Override kept after re-run",
    "finding.override_dropped": "Override dropped after re-run (finding gone)",
    "task.link_opened": "Opened from a link",
}


def record(
    session: Session,
    *,
    actor_id: uuid.UUID | None,
    action: str,
    subject: Base | None = None,
    subject_type: str | None = None,
    subject_id: uuid.UUID | None = None,
    task_id: uuid.UUID | None = None,
    **details: Any,
) -> None:
    """Append one event. `subject` names what it is about (a Task subject is its own task);
    without the row at hand, `subject_type` and `subject_id` (a refused login: `users`)."""
    subject_id = getattr(subject, "id", None) if subject is not None else subject_id
    kind = type(subject).__tablename__ if subject is not None else (subject_type or "none")
    if task_id is None and kind == "tasks" and isinstance(subject_id, uuid.UUID):
        task_id = subject_id
    repo.audit_events.create(
        session=session,
        actor_id=actor_id,
        action=action,
        subject_type=kind,
        subject_id=subject_id if isinstance(subject_id, uuid.UUID) else None,
        task_id=task_id,
        details=details or None,
        # The wall clock to the microsecond, not the injectable service clock: the trail's order
        # (the database's default keeps whole seconds on SQLite, the transaction's start on
        # PostgreSQL).
        created_at=dt.datetime.now(dt.UTC),
    )


@dataclass(frozen=True)
class AuditEntry:
    """One event of a report's trail, as a page or the PDF shows it."""

    at: dt.datetime
    action: str
    actor_email: str | None
    """None for the engine, the shell, or an account that no longer exists."""
    task_id: uuid.UUID | None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return LABELS.get(self.action, self.action)

    @property
    def who(self) -> str:
        return self.actor_email or "AuditEng"


def audit_trail(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> list[AuditEntry]:
    """Every event of a report, oldest first: its upload, re-runs, analyses finished,
    overrides, links opened — and those of the upload it is one report of. The same access as
    the report itself: its owner or a manager (PermissionDenied, NotFound otherwise)."""
    from core.services.tasks import get_task_for

    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        ids = [task.id] if task.parent_id is None else [task.id, task.parent_id]
        return [
            AuditEntry(
                at=clock.as_utc(event.created_at),
                action=event.action,
                actor_email=email,
                task_id=event.task_id,
                details=dict(event.details or {}),
            )
            for event, email in trail.task_events(session=session, task_ids=ids)
        ]


RECENT_LIMIT = 200
NOT_ADMIN = "Only an administrator can see the audit trail of every account and report."


def recent_events(
    ctx: ServiceContext, actor: Actor, *, limit: int = RECENT_LIMIT, actions: tuple[str, ...] = ()
) -> list[AuditEntry]:
    """The latest events of every account and report, newest first (administrators only):
    logins and refusals, account changes, uploads, analyses, overrides, links opened."""
    from core.enums import Role
    from core.services.errors import PermissionDenied

    if not actor.can(Role.ADMIN):
        raise PermissionDenied(NOT_ADMIN)
    with ctx.session() as session:
        rows = trail.recent_events(session=session, limit=max(1, min(limit, 1000)), actions=actions)
        return [
            AuditEntry(
                at=clock.as_utc(event.created_at),
                action=event.action,
                actor_email=email,
                task_id=event.task_id,
                details=dict(event.details or {}),
            )
            for event, email in rows
        ]


def record_link_opened(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> None:
    """`task.link_opened`: the Analysis page of this report was the first page of a browser
    session — a shared link, a bookmark, a new tab (only for someone who may see it)."""
    from core.services.tasks import get_task_for

    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        record(
            session,
            actor_id=actor.id,
            action="task.link_opened",
            subject=task,
            by_owner=task.user_id == actor.id,
        )
