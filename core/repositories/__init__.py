"""Repositories for the four tables: keyword-only `session`, plain create/get/list/update/delete."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Analysis, AuditEvent, Finding, Task, User
from core.repositories.base import DuplicateError, NotFoundError, Repository, RepositoryError

users = Repository(User, {"uq_users_email": "A user with the email {email} already exists."})
tasks = Repository(Task)
analyses = Repository(Analysis, {"uq_analyses_task_id": "Task {task_id} already has an analysis."})
findings = Repository(Finding)
audit_events = Repository(AuditEvent)


def get_user_by_email(*, session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def get_analysis_for_task(*, session: Session, task_id: uuid.UUID) -> Analysis | None:
    return session.scalar(select(Analysis).where(Analysis.task_id == task_id))


def list_tasks_for_user(*, session: Session, user_id: uuid.UUID) -> list[Task]:
    return tasks.list(
        session=session, where=[Task.user_id == user_id], order_by=[Task.created_at.desc()]
    )


def list_findings_for_analysis(*, session: Session, analysis_id: uuid.UUID) -> list[Finding]:
    return findings.list(session=session, where=[Finding.analysis_id == analysis_id])


__all__ = [
    "DuplicateError",
    "NotFoundError",
    "Repository",
    "RepositoryError",
    "analyses",
    "audit_events",
    "findings",
    "get_analysis_for_task",
    "get_user_by_email",
    "list_findings_for_analysis",
    "list_tasks_for_user",
    "tasks",
    "users",
]
