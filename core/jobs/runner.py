"""The embedded SQLite default's runner: a bounded thread pool in the app process (or in
`python -m core worker`, which polls), running the same service function as the PostgreSQL
queue's jobs. Claims are atomic (QUEUED → PROCESSING) and a heartbeat marks what is running, so
a runner that died leaves tasks that the next one takes back (`tasks.recover_stale`)."""

from __future__ import annotations

import logging
import signal
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from core.db import TRANSIENT_ERRORS
from core.enums import TaskStatus
from core.services import tasks
from core.services.context import ServiceContext

log = logging.getLogger(__name__)

RETRY_WAITS_S = (1.0, 2.0, 4.0)
"""Backoff before each retry of an analysis that hit a transient database error (SQLite busy)."""


class LocalRunner:
    """A bounded pool in this process: what the app uses to start analyses on upload."""

    def __init__(self, ctx: ServiceContext, max_workers: int = 2) -> None:
        self.ctx = ctx
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="analysis")
        self._lock = threading.Lock()
        self._pending: dict[uuid.UUID, Future[str]] = {}
        self._stopped = threading.Event()
        threading.Thread(target=self._beat, name="analysis-heartbeat", daemon=True).start()

    def _beat(self) -> None:
        while not self._stopped.wait(tasks.HEARTBEAT_S):
            with self._lock:
                running = list(self._pending)
            try:
                tasks.heartbeat(self.ctx, running)
            except Exception:  # a database hiccup must not stop the heartbeat for good
                log.warning("heartbeat failed", exc_info=True)

    def enqueue(self, task_id: uuid.UUID) -> None:
        with self._lock:
            running = self._pending.get(task_id)
            if running is not None and not running.done():
                return
            self._pending[task_id] = self._pool.submit(self._run, task_id)

    def _run(self, task_id: uuid.UUID) -> str:
        try:
            if self._stopped.is_set():  # taken from the pool as it was stopping
                return TaskStatus.QUEUED
            for attempt, wait_s in enumerate((*RETRY_WAITS_S, None)):
                try:
                    return tasks.run_analysis(
                        self.ctx, task_id, resume=attempt > 0, enqueue=self._enqueue_part
                    )
                except TRANSIENT_ERRORS:
                    if wait_s is None:
                        tasks.fail_unreachable(self.ctx, task_id)
                        raise
                    log.warning("task %s: database error, retrying in %s s", task_id, wait_s)
                    time.sleep(wait_s)
            raise AssertionError("unreachable")
        finally:
            with self._lock:
                self._pending.pop(task_id, None)

    def _enqueue_part(self, task_id: uuid.UUID) -> None:
        # A package's report, queued from inside a pool thread: `wait` sees it before its
        # package's future is done, so waiting for the package waits for its reports.
        self.enqueue(task_id)

    def resume(self) -> int:
        """Pick up what a previous process left: stale PROCESSING tasks and the QUEUED ones."""
        tasks.recover_stale(self.ctx)
        queued = tasks.queued_task_ids(self.ctx)
        for task_id in queued:
            self.enqueue(task_id)
        return len(queued)

    def wait(self, timeout_s: float = 120) -> None:
        """Block until everything enqueued so far has finished (CLI and tests)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                futures = list(self._pending.values())
            if not futures:
                return
            for future in futures:
                future.result(timeout=max(0.0, deadline - time.monotonic()))

    def shutdown(self) -> None:
        """Stop: the analyses running finish, the backlog is left QUEUED for the next runner."""
        self._stopped.set()
        self._pool.shutdown(wait=True, cancel_futures=True)


def run_worker(
    ctx: ServiceContext,
    *,
    concurrency: int = 2,
    poll_s: float = 1.0,
    stop: threading.Event | None = None,
    once: bool = False,
) -> int:
    """Poll the database for queued tasks and run them until stopped (`stop`, or SIGTERM or
    SIGINT in the main thread): the analyses running finish, the rest stay QUEUED. Returns how
    many were started."""
    stop = stop or threading.Event()
    restore = _stop_on_signals(stop)
    runner = LocalRunner(ctx, max_workers=concurrency)
    started = 0
    try:
        while not stop.is_set():
            started += runner.resume()
            if once:
                runner.wait()
                break
            stop.wait(poll_s)
    finally:
        runner.shutdown()
        restore()
    return started


def _stop_on_signals(stop: threading.Event) -> Callable[[], None]:
    """SIGTERM and SIGINT set `stop` (main thread only); returns what puts the handlers back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    for sig in previous:
        signal.signal(sig, lambda *_: stop.set())

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore
