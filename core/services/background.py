"""The app's background analyses, started through the services so the dashboard never reaches
into the job runners itself.

- PostgreSQL: jobs on the procrastinate queue (`core.jobs.queue`); the app only queues them and
  `python -m core worker` processes — any number, on any machine — run them.
- SQLite (the embedded default): a bounded thread pool in the app process (`core.jobs.runner`,
  `AUDITENG_APP_WORKERS` at once) that first resumes what a previous process left queued.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Protocol

from core.repositories import task_runs
from core.services.clock import now
from core.services.context import ServiceContext


class Background(Protocol):
    """What the app asks of its runner: analyse this task soon."""

    def enqueue(self, task_id: uuid.UUID) -> None: ...


def uses_job_queue(ctx: ServiceContext) -> bool:
    return ctx.engine.dialect.name == "postgresql"


def start_background(ctx: ServiceContext) -> Background:
    if uses_job_queue(ctx):
        from core.jobs.queue import JobQueue

        return JobQueue(ctx)
    import threading

    from core.analysis.isolation import warm_up
    from core.jobs import LocalRunner

    pool = LocalRunner(ctx, max_workers=ctx.settings.app_workers)
    pool.resume()
    # The first upload should not wait for the forkserver and a child to start (~0.7 s).
    threading.Thread(target=warm_up, name="analysis-warm-up", daemon=True).start()
    return pool


def queue_submitted(ctx: ServiceContext, task_ids: Sequence[uuid.UUID]) -> None:
    """For a door with no runner of its own (`python -m core submit`): on PostgreSQL queue the
    tasks' jobs now; on SQLite they wait QUEUED for the app or `python -m core worker`."""
    if task_ids and uses_job_queue(ctx):
        from core.jobs.queue import JobQueue

        queue = JobQueue(ctx)
        try:
            for task_id in task_ids:
                queue.enqueue(task_id)
        finally:
            queue.close()


def live_workers(ctx: ServiceContext) -> int | None:
    """How many queue workers beat recently (PostgreSQL); None when the app runs analyses
    itself (SQLite), so there is no worker to miss."""
    if not uses_job_queue(ctx):
        return None
    since = now() - dt.timedelta(seconds=ctx.settings.worker_stalled_after_s)
    with ctx.session() as session:
        return task_runs.live_queue_workers(session=session, since=since)
