"""Analyses as procrastinate jobs on PostgreSQL: run, fan out, fail once, retry after a database
error, and picked up again when the worker running them died."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import exc, func, select, text

from core.analysis import analyze_parts
from core.config import Settings
from core.db.migrate import REPO_ROOT
from core.enums import TaskStatus
from core.jobs.queue import JobQueue
from core.models import Analysis, Task
from core.services import tasks
from core.services.context import ServiceContext
from core.services.users import Actor
from core.standards import load_profile
from samples.package_files import breaker, workbook
from tests.core.jobs.conftest import needs_postgres

pytestmark = [pytest.mark.postgres, needs_postgres]

SAMPLES = REPO_ROOT / "samples" / "reports"
TEXT_PDF = SAMPLES / "ir_swgr_480v_form.pdf"


def _submit(ctx: ServiceContext, actor: Actor, name: str, content: bytes) -> uuid.UUID:
    task_id = tasks.submit_report(ctx, actor, filename=name, content=content).task_id
    queue = JobQueue(ctx)
    try:
        queue.enqueue(task_id)
    finally:
        queue.close()
    return task_id


def _jobs(ctx: ServiceContext) -> list[tuple[str, str, int]]:
    query = text("SELECT lock, status, attempts FROM procrastinate_jobs ORDER BY id")
    with ctx.engine.connect() as connection:
        return [(row[0], str(row[1]), row[2]) for row in connection.execute(query)]


def _task(ctx: ServiceContext, task_id: uuid.UUID) -> Task:
    with ctx.session() as session:
        task = session.get(Task, task_id)
        assert task is not None
        session.expunge(task)
        return task


def test_a_report_runs_as_a_job_and_its_job_is_gone_after(
    pg_ctx: ServiceContext, pg_engineer: Actor
) -> None:
    task_id = _submit(pg_ctx, pg_engineer, TEXT_PDF.name, TEXT_PDF.read_bytes())
    assert _jobs(pg_ctx) == [(str(task_id), "todo", 0)]
    JobQueue(pg_ctx).run_worker(concurrency=2, once=True)
    task = _task(pg_ctx, task_id)
    assert (task.status, task.attempts) == (TaskStatus.COMPLETED, 1)
    assert _jobs(pg_ctx) == []  # succeeded jobs are deleted


def test_a_task_has_at_most_one_waiting_job(pg_ctx: ServiceContext, pg_engineer: Actor) -> None:
    task_id = _submit(pg_ctx, pg_engineer, TEXT_PDF.name, TEXT_PDF.read_bytes())
    queue = JobQueue(pg_ctx)
    try:
        queue.enqueue(task_id)  # a double click, or the reconciler racing the upload
    finally:
        queue.close()
    assert len(_jobs(pg_ctx)) == 1


def test_a_package_fans_out_into_one_job_per_report(
    pg_ctx: ServiceContext, pg_engineer: Actor
) -> None:
    sheets = {"CB-1": breaker("CB-1"), "CB-2": breaker("CB-2", low_pole=2), "CB-3": breaker("CB-3")}
    content = workbook(sheets)
    upload = tasks.submit_report(
        pg_ctx, pg_engineer, filename="breakers.xlsx", content=content
    ).task_id
    queue = JobQueue(pg_ctx)
    try:
        tasks.run_analysis(pg_ctx, upload, resume=True, enqueue=queue.enqueue)  # the upload's job
    finally:
        queue.close()
    with pg_ctx.session() as session:
        parts = session.scalars(select(Task).where(Task.parent_id == upload)).all()
        assert {p.status for p in parts} == {TaskStatus.QUEUED}
        report_ids = {str(p.id) for p in parts}
    assert {lock for lock, status, _ in _jobs(pg_ctx) if status == "todo"} == report_ids

    JobQueue(pg_ctx).run_worker(concurrency=2, once=True)
    with pg_ctx.session() as session:
        rows = session.execute(
            select(Task.part, Analysis.verdict, Analysis.compliance_score)
            .join(Analysis, Analysis.task_id == Task.id)
            .where(Task.parent_id == upload)
            .order_by(Task.part_number)
        ).all()
    as_of = _task(pg_ctx, upload).created_at.date()
    expected = analyze_parts(content, "breakers.xlsx", load_profile(), as_of=as_of)
    assert [(r.part, r.verdict, r.compliance_score) for r in rows] == [
        (o.part, o.verdict, o.compliance_score) for o in expected
    ]


def test_a_bad_file_fails_once_and_is_not_retried(
    pg_ctx: ServiceContext, pg_engineer: Actor
) -> None:
    task_id = _submit(pg_ctx, pg_engineer, "scan.pdf", b"%PDF-1.7 broken")
    JobQueue(pg_ctx).run_worker(concurrency=1, once=True)
    task = _task(pg_ctx, task_id)
    assert (task.status, task.attempts) == (TaskStatus.FAILED, 1)
    assert task.error_message and "Traceback" not in task.error_message
    assert _jobs(pg_ctx) == []  # the job itself succeeded: nothing left to retry


def test_a_database_error_is_retried_with_backoff(
    pg_ctx: ServiceContext, pg_engineer: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, calls = tasks._analyse, []

    def flaky(*args: object, **kwargs: object) -> object:
        calls.append(time.monotonic())
        if len(calls) == 1:
            raise exc.OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tasks, "_analyse", flaky)
    task_id = _submit(pg_ctx, pg_engineer, TEXT_PDF.name, TEXT_PDF.read_bytes())
    JobQueue(pg_ctx).run_worker(concurrency=1, once=True)
    task = _task(pg_ctx, task_id)
    assert (task.status, task.attempts) == (TaskStatus.COMPLETED, 2)
    assert len(calls) == 2 and calls[1] - calls[0] >= 1.5  # waited (2 s) before the retry
    with pg_ctx.session() as session:
        assert session.scalar(select(func.count()).select_from(Analysis)) == 1


def test_a_task_whose_job_was_lost_is_queued_again(
    pg_ctx: ServiceContext, pg_engineer: Actor
) -> None:
    lost = tasks.submit_report(
        pg_ctx, pg_engineer, filename=TEXT_PDF.name, content=TEXT_PDF.read_bytes()
    ).task_id  # submitted, but its defer never happened
    JobQueue(pg_ctx).run_worker(concurrency=1, once=True)  # the worker reconciles at start
    assert _task(pg_ctx, lost).status == TaskStatus.COMPLETED


@pytest.mark.slow
def test_a_job_whose_worker_was_killed_is_run_by_another_worker(
    pg_ctx: ServiceContext, pg_engineer: Actor, pg_settings: Settings, tmp_path: Path
) -> None:
    scan = SAMPLES / "ir_swgr_4kv_scan_pdf.pdf"  # OCR: seconds of work, time to kill it
    task_id = _submit(pg_ctx, pg_engineer, scan.name, scan.read_bytes())
    env = {
        **os.environ,
        "DATABASE_URL": pg_settings.database_url,
        "AUDITENG_DATA_DIR": str(pg_settings.data_dir),
        "AUDITENG_WORKER_HEARTBEAT_S": "0.5",
        "AUDITENG_WORKER_STALLED_AFTER_S": "2",
        "AUDITENG_WORKER_RECOVER_EVERY_S": "0.5",
    }
    command = [sys.executable, "-m", "core", "worker", "--concurrency", "1"]
    first = subprocess.Popen(command, cwd=REPO_ROOT, env=env, start_new_session=True)
    second: subprocess.Popen[bytes] | None = None
    try:
        _wait_for(lambda: _task(pg_ctx, task_id).status == TaskStatus.PROCESSING, first)
        os.killpg(first.pid, signal.SIGKILL)  # the worker and its analysis child, mid-run
        first.wait(timeout=30)
        assert _task(pg_ctx, task_id).status == TaskStatus.PROCESSING
        second = subprocess.Popen(command, cwd=REPO_ROOT, env=env, start_new_session=True)
        _wait_for(lambda: _task(pg_ctx, task_id).status == TaskStatus.COMPLETED, second)
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=60)
    task = _task(pg_ctx, task_id)
    assert task.attempts == 2
    with pg_ctx.session() as session:
        assert session.scalar(select(func.count()).select_from(Analysis)) == 1


def _wait_for(condition: object, process: subprocess.Popen[bytes], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        assert process.poll() is None, "the worker stopped on its own"
        time.sleep(0.05)
    raise AssertionError("timed out")
