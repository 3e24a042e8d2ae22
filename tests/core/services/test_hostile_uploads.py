"""The hostile corpus (samples/hostile.py) through the upload and job path on SQLite:
`submit_report` then `run_analysis` for each file, after one good report. Every hostile task
ends FAILED with a sentence or COMPLETED as its file expects, with one analysis at most; the
good report, its analysis and its stored file stay as they were; no temporary upload is left.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core import repositories as repo
from core.config import Settings
from core.db import make_engine
from core.db.migrate import upgrade
from core.enums import TaskStatus
from core.models import Analysis, Task
from core.services import tasks
from core.services.context import ServiceContext, build_context
from core.services.users import Actor
from samples.hostile import CASES, Seen, build, judge, names

ROOT = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2026, 12, 1)
GOOD = ROOT / "samples/reports/ir_ups_480v_csv_comma.csv"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[ServiceContext]:
    """SQLite with the default upload limit (50 MB), so the over-the-limit file is over it."""
    settings = Settings(data_dir=tmp_path / "svc", database_url_raw=None)
    settings.ensure_directories()
    engine = make_engine(settings, url=f"sqlite:///{tmp_path / 'hostile.db'}")
    upgrade(engine)
    yield build_context(settings, engine)
    engine.dispose()


def _snapshot(ctx: ServiceContext, task_id: uuid.UUID) -> dict[str, object]:
    with ctx.session() as session:
        task = repo.tasks.get_or_raise(session=session, id=task_id)
        analysis = task.analysis
        assert analysis is not None
        return {
            "status": task.status,
            "error": task.error_message,
            "file": task.file_path,
            "analysis": analysis.id,
            "verdict": analysis.verdict,
            "compliance": analysis.compliance_score,
            "findings": sorted((f.rule_id, f.message) for f in analysis.findings),
        }


def _seen(ctx: ServiceContext, task_id: uuid.UUID) -> list[Seen]:
    """The task's outcome as the judge sees it: a package's by its reports' tasks."""
    with ctx.session() as session:
        task = repo.tasks.get_or_raise(session=session, id=task_id)
        reports = sorted(task.parts, key=lambda t: t.part_number or 0) or [task]
        if task.parts:
            assert task.status == TaskStatus.COMPLETED and task.analysis is None
        return [
            Seen(
                report.status,
                report.error_message,
                report.analysis.verdict if report.analysis else None,
                tuple(f.rule_id for f in report.analysis.findings) if report.analysis else (),
            )
            for report in reports
        ]


def _run_corpus(ctx: ServiceContext, actor: Actor, inputs: list[str]) -> None:
    good_id = tasks.submit_report(ctx, actor, filename=GOOD.name, content=GOOD.read_bytes()).task_id
    assert tasks.run_analysis(ctx, good_id, as_of=AS_OF) == TaskStatus.COMPLETED
    before = _snapshot(ctx, good_id)
    stored = ctx.settings.file_storage_dir / str(before["file"])
    digest = hashlib.sha256(stored.read_bytes()).hexdigest()

    problems: dict[str, str] = {}
    for name in inputs:
        submitted = tasks.submit_report(
            ctx, actor, filename=name, content=build(name), allow_duplicate=True
        )
        status = tasks.run_analysis(ctx, submitted.task_id, as_of=AS_OF)
        outcome = _seen(ctx, submitted.task_id)
        why = judge(CASES[name].expect, outcome, parts=CASES[name].parts)
        if status not in (TaskStatus.COMPLETED, TaskStatus.FAILED) or why:
            problems[name] = why or f"ended {status}"
    assert not problems

    assert _snapshot(ctx, good_id) == before
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == digest == stored.name
    with ctx.session() as session:
        per_task = session.execute(
            select(Analysis.task_id, func.count()).group_by(Analysis.task_id)
        ).all()
        assert all(count == 1 for _, count in per_task)
        unfinished = session.scalar(
            select(func.count())
            .select_from(Task)
            .where(Task.status.not_in([TaskStatus.COMPLETED, TaskStatus.FAILED]))
        )
        assert unfinished == 0
    leftovers = list(ctx.settings.file_storage_dir.rglob(".upload-*"))
    assert not leftovers


def test_every_fast_hostile_upload_ends_as_expected_and_harms_nothing(
    ctx: ServiceContext, admin: Actor
) -> None:
    _run_corpus(ctx, admin, names(slow=False))


@pytest.mark.slow
def test_every_hostile_upload_ends_as_expected_and_harms_nothing(
    ctx: ServiceContext, admin: Actor
) -> None:
    _run_corpus(ctx, admin, names())
