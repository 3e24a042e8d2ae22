"""The embedded SQLite default's in-process pool: the same service function as the queue's jobs,
a package's reports as tasks of their own, and a retry after the database was busy."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import exc, select

from core.config import Settings
from core.db import make_engine
from core.db.migrate import upgrade
from core.enums import Role, TaskStatus
from core.jobs import LocalRunner
from core.jobs import runner as runner_module
from core.models import Task
from core.services import tasks, users
from core.services.background import live_workers, start_background
from core.services.context import ServiceContext, build_context
from core.services.users import Actor
from samples.package_files import breaker, workbook


@pytest.fixture
def ctx(tmp_path: Path) -> ServiceContext:
    settings = Settings(data_dir=tmp_path / "data", database_url_raw=None, app_workers=2)
    settings.ensure_directories()
    engine = make_engine(settings)
    upgrade(engine)
    return build_context(settings, engine)


@pytest.fixture
def engineer(ctx: ServiceContext) -> Actor:
    admin = users.create_first_admin(ctx, email="admin@example.com", password="correct horse")
    return users.create_user(
        ctx, admin, email="eng@example.com", password="password-123", role=Role.ENGINEER
    )


def _statuses(ctx: ServiceContext, parent: uuid.UUID) -> list[str]:
    with ctx.session() as session:
        query = select(Task.status).where(Task.parent_id == parent).order_by(Task.part_number)
        return list(session.scalars(query))


def test_the_pool_runs_a_packages_reports_as_tasks_of_their_own(
    ctx: ServiceContext, engineer: Actor
) -> None:
    content = workbook({"CB-1": breaker("CB-1"), "CB-2": breaker("CB-2")})
    upload = tasks.submit_report(ctx, engineer, filename="b.xlsx", content=content).task_id
    pool = start_background(ctx)
    assert isinstance(pool, LocalRunner) and live_workers(ctx) is None
    try:
        pool.enqueue(upload)
        pool.wait()
    finally:
        pool.shutdown()
    assert _statuses(ctx, upload) == [TaskStatus.COMPLETED, TaskStatus.COMPLETED]
    with ctx.session() as session:
        stored = session.scalars(select(Task.part_input_path).where(Task.parent_id == upload))
        assert all(path and ctx.storage.exists(path) for path in stored)


def test_the_pool_retries_after_a_busy_database(
    ctx: ServiceContext, engineer: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, calls = tasks._analyse, []

    def busy_once(*args: object, **kwargs: object) -> object:
        calls.append(time.monotonic())
        if len(calls) == 1:
            raise exc.OperationalError("UPDATE tasks", {}, Exception("database is locked"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tasks, "_analyse", busy_once)
    monkeypatch.setattr(runner_module, "RETRY_WAITS_S", (0.2,))
    content = workbook({"CB-1": breaker("CB-1")})
    task_id = tasks.submit_report(ctx, engineer, filename="b.xlsx", content=content).task_id
    pool = LocalRunner(ctx, max_workers=1)
    try:
        pool.enqueue(task_id)
        pool.wait()
    finally:
        pool.shutdown()
    with ctx.session() as session:
        task = session.get(Task, task_id)
        assert task is not None and (task.status, task.attempts) == (TaskStatus.COMPLETED, 2)


def test_the_pool_fails_a_task_when_the_database_stays_busy(
    ctx: ServiceContext, engineer: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def always_busy(*args: object, **kwargs: object) -> object:
        raise exc.OperationalError("UPDATE tasks", {}, Exception("database is locked"))

    monkeypatch.setattr(tasks, "_analyse", always_busy)
    monkeypatch.setattr(runner_module, "RETRY_WAITS_S", (0.05,))
    task_id = tasks.submit_report(ctx, engineer, filename="a.csv", content=b"x").task_id
    pool = LocalRunner(ctx, max_workers=1)
    try:
        pool.enqueue(task_id)
        with pytest.raises(exc.OperationalError):
            pool.wait()
    finally:
        pool.shutdown()
    status, message = tasks.task_status(ctx, engineer, task_id)
    assert status == TaskStatus.FAILED and message == tasks.UNREACHABLE


def test_a_stopped_pool_finishes_what_runs_and_leaves_its_backlog_queued(
    ctx: ServiceContext, engineer: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    started: list[uuid.UUID] = []
    running, release = threading.Event(), threading.Event()

    def slow_analysis(_: ServiceContext, task_id: uuid.UUID, **__: object) -> str:
        started.append(task_id)
        running.set()
        assert release.wait(30)
        return TaskStatus.COMPLETED

    monkeypatch.setattr(tasks, "run_analysis", slow_analysis)
    queued = [
        tasks.submit_report(ctx, engineer, filename=f"r{i}.csv", content=f"r{i}".encode()).task_id
        for i in range(4)
    ]
    pool = LocalRunner(ctx, max_workers=1)
    for task_id in queued:
        pool.enqueue(task_id)
    assert running.wait(30)
    stopping = threading.Thread(target=pool.shutdown)
    stopping.start()
    release.set()
    stopping.join(30)
    assert not stopping.is_alive() and started == queued[:1]
    assert set(queued[1:]) <= set(tasks.queued_task_ids(ctx))  # left for the next runner


def test_the_sqlite_worker_stops_on_sigterm_between_analyses(
    ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal
    import threading

    from core.jobs import run_worker

    rounds = threading.Event()

    def resume(self: LocalRunner) -> int:
        rounds.set()
        return 0

    monkeypatch.setattr(LocalRunner, "resume", resume)
    threading.Timer(0.0, lambda: rounds.wait(30) and os.kill(os.getpid(), signal.SIGTERM)).start()
    before = signal.getsignal(signal.SIGTERM)
    assert run_worker(ctx, poll_s=60) == 0  # returned on the signal, not after a 60 s poll
    assert signal.getsignal(signal.SIGTERM) is before
