"""Reports as tasks: submit (stored by sha256), run the engine, persist the outcome."""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core import repositories as repo
from core.analysis import too_large_sentence
from core.analysis.isolation import analyze_isolated, analyze_parts_isolated
from core.enums import Role, TaskStatus
from core.models import Task
from core.services.audit import record
from core.services.clock import now
from core.services.context import ServiceContext
from core.services.errors import InvalidInput, NotFound, PermissionDenied
from core.services.outcomes import INTERNAL_ERROR, fail, store_outcomes
from core.services.users import Actor
from core.standards import DEFAULT_PROFILE_ID, load_profile

log = logging.getLogger(__name__)

HEARTBEAT_S = 15
STALE_AFTER = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class Submission:
    task_id: uuid.UUID
    duplicate: bool
    """True when the same user had already submitted these exact bytes: that task is offered."""


def submit_report(
    ctx: ServiceContext,
    actor: Actor,
    *,
    filename: str,
    content: bytes,
    site: str | None = None,
    profile_id: str | None = None,
    allow_duplicate: bool = False,
) -> Submission:
    """Store the file and queue a task for it. Bad files get a task too (it fails later, with a
    sentence); an identical file this user already submitted is offered instead of a new task."""
    filename = (filename or "report").strip()[:255] or "report"
    profile_id = profile_id or DEFAULT_PROFILE_ID
    load_profile(profile_id)  # an unknown profile is the caller's mistake: refuse now
    with ctx.session() as session:
        too_large = len(content) > ctx.settings.max_upload_bytes
        digest, relative = (None, None) if too_large else ctx.storage.put(content)
        if digest and not allow_duplicate:
            existing = session.scalar(
                select(Task)
                .where(Task.user_id == actor.id, Task.sha256 == digest)
                .where(Task.parent_id.is_(None))  # the upload, not one report of a package
                .where(Task.status != TaskStatus.FAILED)
                .order_by(Task.created_at.desc())
                .limit(1)
            )
            if existing is not None:
                return Submission(task_id=existing.id, duplicate=True)
        task = repo.tasks.create(
            session=session,
            user_id=actor.id,
            original_filename=filename,
            file_path=relative,
            file_size=len(content),
            sha256=digest,
            content_type=mimetypes.guess_type(filename)[0],
            site=(site or "").strip() or None,
            profile_id=profile_id,
        )
        if too_large:
            fail(task, too_large_sentence(len(content), ctx.settings.max_upload_bytes))
        record(session, actor_id=actor.id, action="task.submitted", subject=task, file=filename)
        return Submission(task_id=task.id, duplicate=False)


def claim(ctx: ServiceContext, task_id: uuid.UUID) -> bool:
    """QUEUED → PROCESSING, atomically: only one worker ever runs an attempt."""
    with ctx.session() as session:
        result = session.execute(
            update(Task)
            .where(Task.id == task_id, Task.status == TaskStatus.QUEUED)
            .values(
                status=TaskStatus.PROCESSING,
                started_at=now(),
                updated_at=now(),
                attempts=Task.attempts + 1,
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def run_analysis(ctx: ServiceContext, task_id: uuid.UUID, *, as_of: dt.date | None = None) -> str:
    """Run the engine on a queued task and store its outcome; returns the final status.
    Never raises for a bad file: the task fails with a sentence and nothing else is touched."""
    if not claim(ctx, task_id):
        with ctx.session() as session:
            task = repo.tasks.get(session=session, id=task_id)
            return task.status if task else TaskStatus.FAILED
    try:
        with ctx.session() as session:
            task = repo.tasks.get_or_raise(session=session, id=task_id)
            filename, path, part = task.original_filename, task.file_path, task.part
            profile_id = task.profile_id or DEFAULT_PROFILE_ID
            as_of = as_of or task.created_at.date()
        content = ctx.storage.get(path) if path else b""
        profile, limit = load_profile(profile_id), ctx.settings.max_upload_bytes
        if part is None:  # an upload: one report, or a package of several
            outcomes = analyze_parts_isolated(
                content, filename, profile, as_of=as_of, max_bytes=limit
            )
        else:  # one report of a package, re-run on its own
            outcomes = [
                analyze_isolated(
                    content, filename, profile, as_of=as_of, max_bytes=limit, part=part
                )
            ]
        with ctx.session() as session:
            task = repo.tasks.get_or_raise(session=session, id=task_id)
            store_outcomes(session, task, outcomes, profile_id)
            return task.status
    except Exception:
        log.exception("task %s failed unexpectedly", task_id)
        with ctx.session() as session:
            task = repo.tasks.get_or_raise(session=session, id=task_id)
            fail(task, INTERNAL_ERROR)
        return TaskStatus.FAILED


def requeue(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID, profile_id: str) -> None:
    """Re-run a task's file, possibly with another profile (the owner or a manager)."""
    load_profile(profile_id)
    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        if task.status in (TaskStatus.QUEUED, TaskStatus.PROCESSING):
            raise InvalidInput("This report is still being analysed; wait for it to finish.")
        task.status = TaskStatus.QUEUED
        task.profile_id = profile_id
        task.error_message = None
        record(session, actor_id=actor.id, action="task.rerun", subject=task, profile=profile_id)


def get_task_for(session: Session, actor: Actor, task_id: uuid.UUID) -> Task:
    """The task if this actor may see it: its owner, or any manager."""
    task = repo.tasks.get(session=session, id=task_id)
    if task is None:
        raise NotFound("There is no report with this link; it may have been removed.")
    if task.user_id != actor.id and not actor.can(Role.MANAGER):
        raise PermissionDenied("This report belongs to another engineer; ask a manager to open it.")
    return task


def task_status(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> tuple[str, str | None]:
    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        verdict = task.analysis.verdict if task.analysis else None
        return task.status, verdict or task.error_message


def original_file(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> tuple[str, bytes]:
    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        if not task.file_path:
            raise NotFound("The original file was not kept (it was over the size limit).")
        return task.original_filename, ctx.storage.get(task.file_path)


def queued_task_ids(ctx: ServiceContext) -> list[uuid.UUID]:
    with ctx.session() as session:
        query = select(Task.id).where(Task.status == TaskStatus.QUEUED).order_by(Task.created_at)
        return list(session.scalars(query))


def heartbeat(ctx: ServiceContext, task_ids: Collection[uuid.UUID]) -> None:
    """A runner's sign of life for the tasks it is analysing (see `recover_stale`)."""
    if not task_ids:
        return
    with ctx.session() as session:
        session.execute(
            update(Task)
            .where(Task.id.in_(list(task_ids)), Task.status == TaskStatus.PROCESSING)
            .values(updated_at=now())
        )


def recover_stale(ctx: ServiceContext, older_than: dt.timedelta = STALE_AFTER) -> int:
    """Tasks whose runner died (no heartbeat for `older_than`) go back to the queue. A live
    runner beats every HEARTBEAT_S, so a long OCR is never taken from it and run twice."""
    cutoff = now() - older_than
    last_sign = func.coalesce(Task.updated_at, Task.started_at)
    with ctx.session() as session:
        result = session.execute(
            update(Task)
            .where(Task.status == TaskStatus.PROCESSING, last_sign < cutoff)
            .values(status=TaskStatus.QUEUED)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
