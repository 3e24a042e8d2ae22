"""The queries of a task's life: the duplicate check on submit, the claim, the SQLite runner's
heartbeat and recovery, a package's report rows, and what the PostgreSQL job queue's workers
ask of procrastinate's tables (live workers, tasks without a job, jobs waiting)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from core.enums import Severity, TaskStatus
from core.models import Analysis, Finding, Task


def earlier_upload(*, session: Session, user_id: uuid.UUID, sha256: str) -> Task | None:
    """The user's latest upload of these exact bytes that did not fail (not a package's part)."""
    return session.scalar(
        select(Task)
        .where(Task.user_id == user_id, Task.sha256 == sha256)
        .where(Task.parent_id.is_(None))
        .where(Task.status != TaskStatus.FAILED)
        .order_by(Task.created_at.desc())
        .limit(1)
    )


def claim(
    *, session: Session, task_id: uuid.UUID, statuses: Sequence[str], at: dt.datetime
) -> bool:
    """Move the task to PROCESSING if it is in one of `statuses`, in one statement."""
    result = session.execute(
        update(Task)
        .where(Task.id == task_id, Task.status.in_(list(statuses)))
        .values(
            status=TaskStatus.PROCESSING, started_at=at, updated_at=at, attempts=Task.attempts + 1
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def queued_ids(*, session: Session) -> list[uuid.UUID]:
    query = select(Task.id).where(Task.status == TaskStatus.QUEUED).order_by(Task.created_at)
    return list(session.scalars(query))


def beat(*, session: Session, task_ids: Collection[uuid.UUID], at: dt.datetime) -> None:
    session.execute(
        update(Task)
        .where(Task.id.in_(list(task_ids)), Task.status == TaskStatus.PROCESSING)
        .values(updated_at=at)
    )


def requeue_silent(*, session: Session, before: dt.datetime) -> int:
    """PROCESSING tasks with no sign of life since `before` back to QUEUED; how many."""
    last_sign = func.coalesce(Task.updated_at, Task.started_at)
    result = session.execute(
        update(Task)
        .where(Task.status == TaskStatus.PROCESSING, last_sign < before)
        .values(status=TaskStatus.QUEUED)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def package_rows(
    *, session: Session, package_id: uuid.UUID
) -> list[tuple[Task, Analysis | None, int, int, int]]:
    """A package's report tasks in file order, each with its analysis (or None), its number of
    findings and of open (not overridden) CRITICAL and MAJOR findings."""

    def open_count(severity: Severity) -> Any:
        return (
            select(func.count(Finding.id))
            .where(Finding.analysis_id == Analysis.id, Finding.severity == severity.value)
            .where(Finding.overridden_at.is_(None))
            .scalar_subquery()
        )

    every = select(func.count(Finding.id)).where(Finding.analysis_id == Analysis.id)
    query = (
        select(
            Task,
            Analysis,
            every.scalar_subquery(),
            open_count(Severity.CRITICAL),
            open_count(Severity.MAJOR),
        )
        .outerjoin(Analysis, Analysis.task_id == Task.id)
        .where(Task.parent_id == package_id)
        .order_by(Task.part_number, Task.part)
    )
    return [
        (task, analysis, int(n or 0), int(c or 0), int(m or 0))
        for task, analysis, n, c, m in session.execute(query)
    ]


def live_queue_workers(*, session: Session, since: dt.datetime) -> int:
    """procrastinate workers (PostgreSQL) that beat since `since`."""
    query = text("SELECT count(*) FROM procrastinate_workers WHERE last_heartbeat >= :since")
    return int(session.execute(query, {"since": since}).scalar_one())


def unqueued_ids(*, session: Session) -> list[uuid.UUID]:
    """Unfinished tasks with no procrastinate job waiting or running (PostgreSQL)."""
    query = text(
        """
        SELECT t.id FROM tasks t
        WHERE t.status IN ('QUEUED', 'PROCESSING')
          AND NOT EXISTS (
            SELECT 1 FROM procrastinate_jobs j
            WHERE j.lock = CAST(t.id AS text) AND j.status IN ('todo', 'doing')
          )
        ORDER BY t.created_at
        """
    )
    return [row[0] for row in session.execute(query)]


def waiting_jobs(*, session: Session, queue: str) -> int:
    """procrastinate jobs of `queue` not started yet, scheduled retries included."""
    query = text(
        "SELECT count(*) FROM procrastinate_jobs WHERE queue_name = :queue AND status = 'todo'"
    )
    return int(session.execute(query, {"queue": queue}).scalar_one())
