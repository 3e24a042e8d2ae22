"""Reports as tasks: submit (stored by sha256), run the engine, persist the outcome."""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from core import repositories as repo
from core.analysis import too_large_sentence
from core.analysis.isolation import (
    analyze_isolated,
    analyze_part_isolated,
    judge_isolated,
    split_package_isolated,
)
from core.db import TRANSIENT_ERRORS
from core.enums import Role, TaskStatus
from core.models import Task
from core.repositories import task_runs
from core.schemas import AssetHistory, Outcome
from core.services.assets import history_for
from core.services.audit import record
from core.services.clock import now
from core.services.context import ServiceContext
from core.services.errors import InvalidInput, NotFound, PermissionDenied
from core.services.outcomes import INTERNAL_ERROR, fail, store_outcomes, store_parts
from core.services.users import Actor
from core.standards import DEFAULT_PROFILE_ID, Profile, load_profile

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
            existing = task_runs.earlier_upload(session=session, user_id=actor.id, sha256=digest)
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
        record(session, actor_id=actor.id, action="task.submitted", subject=task, file=filename)
        if too_large:
            fail(task, too_large_sentence(len(content), ctx.settings.max_upload_bytes))
            record_finished(session, task)
        return Submission(task_id=task.id, duplicate=False)


Enqueue = Callable[[uuid.UUID], None]
"""How a runner takes more work: a package's reports, each queued as a job of its own."""


def claim(ctx: ServiceContext, task_id: uuid.UUID, *, resume: bool = False) -> bool:
    """QUEUED → PROCESSING, atomically: only one runner ever starts an attempt. `resume` also
    takes a task left PROCESSING — for a job queue that itself guarantees one runner per task
    (procrastinate retrying the job of a worker that died, or after a database error)."""
    statuses = [TaskStatus.QUEUED, TaskStatus.PROCESSING] if resume else [TaskStatus.QUEUED]
    with ctx.session() as session:
        return task_runs.claim(session=session, task_id=task_id, statuses=statuses, at=now())


def run_analysis(
    ctx: ServiceContext,
    task_id: uuid.UUID,
    *,
    as_of: dt.date | None = None,
    resume: bool = False,
    enqueue: Enqueue | None = None,
) -> str:
    """Run the engine on a queued task and store its outcome; returns the final status.

    A package is split here and each of its reports queued as a task of its own, handed to
    `enqueue` (without one, they run here, one after the other). Never raises for a bad file:
    the task fails with a sentence and nothing else is touched. A transient database error
    (TRANSIENT_ERRORS) propagates, for the runner to retry with `resume`."""
    if not claim(ctx, task_id, resume=resume):
        with ctx.session() as session:
            task = repo.tasks.get(session=session, id=task_id)
            return task.status if task else TaskStatus.FAILED
    try:
        reports = _analyse(ctx, task_id, as_of)
    except TRANSIENT_ERRORS:
        raise
    except Exception:
        log.exception("task %s failed unexpectedly", task_id)
        with ctx.session() as session:
            task = repo.tasks.get_or_raise(session=session, id=task_id)
            fail(task, INTERNAL_ERROR)
            record_finished(session, task)
        return TaskStatus.FAILED
    with ctx.session() as session:
        task = repo.tasks.get_or_raise(session=session, id=task_id)
        record_finished(session, task)
    for report_id in reports:
        if enqueue is not None:
            enqueue(report_id)
        else:
            run_analysis(ctx, report_id, as_of=as_of)
    with ctx.session() as session:
        return repo.tasks.get_or_raise(session=session, id=task_id).status


def record_finished(session: Session, task: Task) -> None:
    """`analysis.finished` in the audit trail: the status and verdict (or the sentence) an
    attempt ended with; a package's upload says how many reports it was split into."""
    analysis = task.analysis
    details: dict[str, Any] = {
        "status": task.status,
        "verdict": analysis.verdict if analysis is not None else None,
        "error": task.error_message,
        "reports": len(task.parts) or None,
    }
    record(
        session,
        actor_id=None,
        action="analysis.finished",
        subject=task,
        **{key: value for key, value in details.items() if value is not None},
    )


def _analyse(ctx: ServiceContext, task_id: uuid.UUID, as_of: dt.date | None) -> list[uuid.UUID]:
    """The engine's run for one task, stored; returns the report tasks a package was split into."""
    with ctx.session() as session:
        task = repo.tasks.get_or_raise(session=session, id=task_id)
        filename, path, part = task.original_filename, task.file_path, task.part
        part_input = task.part_input_path
        profile_id = task.profile_id or DEFAULT_PROFILE_ID
        site = task.site
        uploaded = task.package.created_at if task.package is not None else task.created_at
        as_of = as_of or uploaded.date()
    profile, limit = load_profile(profile_id), ctx.settings.max_upload_bytes
    limits = ctx.settings.analysis_limits
    parts: list[tuple[str, bytes]] = []
    if part_input is not None:  # one report of a package, as read when it was split
        payload = ctx.storage.get(part_input)
        outcomes = [analyze_part_isolated(payload, filename, profile, as_of=as_of)]
    elif part is not None:  # one report of a package split before reports had jobs
        content = ctx.storage.get(path) if path else b""
        outcomes = [
            analyze_isolated(
                content, filename, profile, as_of=as_of, max_bytes=limit, part=part, limits=limits
            )
        ]
    else:  # an upload: one report, or a package to split into its reports
        content = ctx.storage.get(path) if path else b""
        outcomes, parts = split_package_isolated(
            content, filename, profile, as_of=as_of, max_bytes=limit, limits=limits
        )
    outcomes = _with_history(ctx, task_id, site, outcomes, profile, as_of)
    stored = [(label, ctx.storage.put(payload)[1]) for label, payload in parts]
    with ctx.session() as session:
        task = repo.tasks.get_or_raise(session=session, id=task_id)
        if stored:
            return [child.id for child in store_parts(session, task, stored, profile_id)]
        store_outcomes(session, task, outcomes, profile_id)
        return []


def _with_history(
    ctx: ServiceContext,
    task_id: uuid.UUID,
    site: str | None,
    outcomes: list[Outcome],
    profile: Profile,
    as_of: dt.date,
) -> list[Outcome]:
    """Each report judged again with its asset's history when it has one (`judge_with_history`);
    the task's own earlier analysis is no history of it."""
    return [
        judge_with_history(ctx, outcome, profile, as_of, site=site, exclude_task_id=task_id)[0]
        for outcome in outcomes
    ]


def judge_with_history(
    ctx: ServiceContext,
    outcome: Outcome,
    profile: Profile,
    as_of: dt.date,
    *,
    site: str | None = None,
    exclude_task_id: uuid.UUID | None = None,
) -> tuple[Outcome, AssetHistory | None]:
    """A report judged again with its asset's history, and that history; the outcome as it was
    and None when the report has none: the earlier completed analyses of its tag at its site
    (`site`, the upload's, else the report's own), tested before it. The tag is known only once
    the file is read, so the first run has none; judging again costs no second reading (the
    extraction goes back to the child as it was read). The worker and `python -m core analyze`
    both judge a report with its history here."""
    extraction = outcome.extraction
    if outcome.status != TaskStatus.COMPLETED or extraction is None:
        return outcome, None
    with ctx.session() as session:
        history = history_for(
            session,
            tag=extraction.equipment.tag,
            site=site or extraction.equipment.site,
            test_date=extraction.test.date,
            exclude_task_id=exclude_task_id,
        )
    if history is None:
        return outcome, None
    # The services chose the asset (the upload's site may be spelled unlike the report's).
    history = history.model_copy(update={"site": extraction.equipment.site or history.site})
    judged = judge_isolated(extraction, outcome.file, profile, as_of=as_of, history=history)
    return judged, history


UNREACHABLE = (
    "The database could not be reached while this report was analysed; "
    "run it again in a few minutes."
)


def fail_unreachable(ctx: ServiceContext, task_id: uuid.UUID) -> None:
    """The last retry after database errors: the task fails with a sentence, not PROCESSING."""
    with ctx.session() as session:
        task = repo.tasks.get_or_raise(session=session, id=task_id)
        if task.status == TaskStatus.PROCESSING:
            fail(task, UNREACHABLE)
            record_finished(session, task)


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
        return task_runs.queued_ids(session=session)


def heartbeat(ctx: ServiceContext, task_ids: Collection[uuid.UUID]) -> None:
    """A runner's sign of life for the tasks it is analysing (see `recover_stale`)."""
    if not task_ids:
        return
    with ctx.session() as session:
        task_runs.beat(session=session, task_ids=task_ids, at=now())


def recover_stale(ctx: ServiceContext, older_than: dt.timedelta = STALE_AFTER) -> int:
    """Tasks whose runner died (no heartbeat for `older_than`) go back to the queue. A live
    runner beats every HEARTBEAT_S, so a long OCR is never taken from it and run twice."""
    with ctx.session() as session:
        return task_runs.requeue_silent(session=session, before=now() - older_than)
