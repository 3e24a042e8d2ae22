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
from tests.package_files import breaker, workbook


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
