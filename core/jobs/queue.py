"""Analysis jobs on PostgreSQL, through procrastinate.

One job per task (`auditeng.analyze`, queue `analysis`, argument `task_id`). The upload's job
splits a package and defers one job per report. Jobs carry the task id as their `lock`, so two
jobs of one task never run at once, and as their `queueing_lock`, so a task has at most one job
waiting. Any number of `python -m core worker` processes, on any machine sharing the database
and the storage directory, take them.

- A bad file is not an error for the queue: the service fails its task with a sentence and the
  job succeeds, so it is never retried.
- A transient database error (TRANSIENT_ERRORS) fails the job, which procrastinate retries with
  exponential backoff (RETRY); the retried job resumes the task left PROCESSING. When the
  retries run out the task fails with a sentence, if the database lets it.
- A worker that dies stops its heartbeat; every worker looks every `worker_recover_every_s` for
  jobs of workers silent for `worker_stalled_after_s` and retries them (procrastinate's
  stalled-job recovery), so the task is resumed elsewhere within their sum (40 s by default).
- Each worker also re-defers, every minute, tasks that are QUEUED or PROCESSING with no job
  waiting or running: a submit whose defer was lost, or tasks queued before this queue existed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import uuid
from typing import Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import Engine

from core.db import TRANSIENT_ERRORS
from core.repositories import task_runs
from core.services import tasks
from core.services.context import ServiceContext

log = logging.getLogger(__name__)

TASK_NAME = "auditeng.analyze"
QUEUE = "analysis"
RETRY = procrastinate.RetryStrategy(
    max_attempts=6, exponential_wait=2, retry_exceptions=list(TRANSIENT_ERRORS)
)
"""Waits of 2, 4, 8, 16, 32 s between the attempts at a job that hit a database error."""
RECONCILE_EVERY_S = 60.0


def conninfo(engine: Engine) -> str:
    """The libpq connection string procrastinate's psycopg pool wants, from the engine's URL."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


class JobQueue:
    """The procrastinate app for one database: what the app and the CLI use to queue analyses,
    and what `python -m core worker` runs."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.app = procrastinate.App(
            connector=procrastinate.PsycopgConnector(conninfo=conninfo(ctx.engine))
        )
        self._task = self.app.task(name=TASK_NAME, queue=QUEUE, retry=RETRY, pass_context=True)(
            self._analyze
        )
        self._opening = threading.Lock()
        self._opened = False  # the sync pool, for deferring outside a worker
        self._in_worker = False  # the worker's async pool is open: defer through it

    # -- deferring (the app, the CLI, and jobs running in a worker's threads) -------------------

    def enqueue(self, task_id: uuid.UUID) -> None:
        """Queue an analysis of `task_id`; a no-op when one is already waiting."""
        with self._opening:  # the app's sessions run in threads of their own
            if not (self._opened or self._in_worker):
                self.app.open()
                self._opened = True
        with contextlib.suppress(AlreadyEnqueued):
            self._configured(task_id).defer(task_id=str(task_id))

    async def enqueue_async(self, task_id: uuid.UUID) -> None:
        with contextlib.suppress(AlreadyEnqueued):
            await self._configured(task_id).defer_async(task_id=str(task_id))

    def _configured(self, task_id: uuid.UUID) -> Any:
        key = str(task_id)
        return self._task.configure(lock=key, queueing_lock=key)

    def close(self) -> None:
        if self._opened:
            self.app.close()
            self._opened = False

    # -- the job ------------------------------------------------------------------------------

    def _analyze(self, context: procrastinate.JobContext, task_id: str) -> str:
        job = context.job
        try:
            return tasks.run_analysis(
                self.ctx, uuid.UUID(task_id), resume=True, enqueue=self.enqueue
            )
        except TRANSIENT_ERRORS:
            if job.attempts >= (RETRY.max_attempts or 0):  # no retry follows this one
                _give_up(self.ctx, uuid.UUID(task_id))
            raise

    # -- the worker -----------------------------------------------------------------------------

    def run_worker(self, *, concurrency: int = 2, once: bool = False) -> None:
        """Run jobs until SIGINT/SIGTERM (which lets the running jobs finish), or with `once`
        until the queue is empty."""
        asyncio.run(self._work(concurrency=concurrency, once=once))

    async def _work(self, *, concurrency: int, once: bool) -> None:
        settings = self.ctx.settings
        options: dict[str, Any] = {
            "queues": [QUEUE],
            "concurrency": concurrency,
            "delete_jobs": "successful",
            "update_heartbeat_interval": settings.worker_heartbeat_s,
            "stalled_worker_timeout": settings.worker_stalled_after_s,
            "fetch_job_polling_interval": settings.worker_recover_every_s,
        }
        async with self.app.open_async():
            self._in_worker = True
            housekeeping = asyncio.create_task(self._housekeeping())
            try:
                if not once:
                    await self.app.run_worker_async(**options)
                    return
                # Until nothing is left: jobs a run deferred (a package's reports), and retries
                # scheduled after a database error, are run by the next round.
                await self.reconcile()
                while await asyncio.to_thread(self._waiting_jobs):
                    await self.app.run_worker_async(wait=False, **options)
                    await asyncio.sleep(0.2)
            finally:
                housekeeping.cancel()
                self._in_worker = False

    def _waiting_jobs(self) -> int:
        with self.ctx.session() as session:
            return task_runs.waiting_jobs(session=session, queue=QUEUE)

    async def _housekeeping(self) -> None:
        settings = self.ctx.settings
        since_reconcile = RECONCILE_EVERY_S  # reconcile at start, then every minute
        while True:
            try:
                await self.recover_stalled(settings.worker_stalled_after_s)
                if since_reconcile >= RECONCILE_EVERY_S:
                    await self.reconcile()
                    since_reconcile = 0.0
            except Exception:  # the database may be away for a moment: try again next round
                log.warning("job housekeeping failed", exc_info=True)
            await asyncio.sleep(settings.worker_recover_every_s)
            since_reconcile += settings.worker_recover_every_s

    async def recover_stalled(self, stalled_after_s: float) -> int:
        """Retry the jobs of workers that stopped beating; returns how many."""
        manager = self.app.job_manager
        stalled = list(
            await manager.get_stalled_jobs(queue=QUEUE, seconds_since_heartbeat=stalled_after_s)
        )
        for job in stalled:
            log.warning("retrying job %s of a worker that stopped (task %s)", job.id, job.lock)
            await manager.retry_job(job)
        return len(stalled)

    async def reconcile(self) -> int:
        """Defer a job for every unfinished task that has none; returns how many."""
        orphans = await asyncio.to_thread(self._orphans)
        for task_id in orphans:
            await self.enqueue_async(task_id)
        return len(orphans)

    def _orphans(self) -> list[uuid.UUID]:
        with self.ctx.session() as session:
            return task_runs.unqueued_ids(session=session)


def _give_up(ctx: ServiceContext, task_id: uuid.UUID) -> None:
    try:
        tasks.fail_unreachable(ctx, task_id)
    except TRANSIENT_ERRORS:
        log.warning("task %s: database still unreachable; reconciled later", task_id)
