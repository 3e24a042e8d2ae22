"""An upload holding several equipment reports: one task and analysis per report, linked to the
upload; re-runs keep each report's task; a package's reports list, trend and re-run on their own."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from core.enums import TaskStatus, Verdict
from core.models import Analysis, Task
from core.services import tasks, views
from core.services.context import ServiceContext
from core.services.users import Actor
from samples.package_files import breaker, workbook

DAY = dt.date(2026, 3, 15)


def _package(ctx: ServiceContext, actor: Actor, sheets: dict[str, bool]) -> tuple[str, bytes]:
    content = workbook(
        {name: breaker(name, low_pole=2 if bad else None) for name, bad in sheets.items()}
    )
    return "breakers.xlsx", content


def test_a_package_becomes_one_task_per_report(ctx: ServiceContext, engineer: Actor) -> None:
    name, content = _package(ctx, engineer, {"CB-1": False, "CB-2": True, "CB-3": False})
    upload = tasks.submit_report(ctx, engineer, filename=name, content=content).task_id
    assert tasks.run_analysis(ctx, upload, as_of=DAY) == TaskStatus.COMPLETED

    view = views.get_analysis_view(ctx, engineer, upload)
    assert view.verdict is None and view.package is not None
    assert [(p.part, p.equipment_tag, p.verdict) for p in view.package.parts] == [
        ("Sheet CB-1", "CB-1", Verdict.APPROVED),
        ("Sheet CB-2", "CB-2", Verdict.REJECTED),
        ("Sheet CB-3", "CB-3", Verdict.APPROVED),
    ]
    assert view.package.sentence == "3 equipment reports: 2 APPROVED, 1 REJECTED"
    assert view.package.parts[1].open_critical >= 1

    second = views.get_analysis_view(ctx, engineer, view.package.parts[1].task_id)
    assert (second.part, second.package_id, second.verdict) == (
        "Sheet CB-2",
        upload,
        Verdict.REJECTED,
    )
    # The Tasks list shows the reports, not the upload that holds them.
    rows = views.list_tasks(ctx, engineer)
    assert sorted((r.part, r.verdict) for r in rows) == [
        ("Sheet CB-1", "APPROVED"),
        ("Sheet CB-2", "REJECTED"),
        ("Sheet CB-3", "APPROVED"),
    ]
    # The same bytes again are offered as the upload, never as one of its reports.
    again = tasks.submit_report(ctx, engineer, filename=name, content=content)
    assert again.duplicate and again.task_id == upload


def test_a_rerun_keeps_each_reports_task_and_a_part_reruns_alone(
    ctx: ServiceContext, engineer: Actor
) -> None:
    name, content = _package(ctx, engineer, {"CB-1": False, "CB-2": True})
    upload = tasks.submit_report(ctx, engineer, filename=name, content=content).task_id
    tasks.run_analysis(ctx, upload, as_of=DAY)
    before = views.get_analysis_view(ctx, engineer, upload).package
    assert before is not None

    tasks.requeue(ctx, engineer, upload, "neta-ats-2025")
    assert tasks.run_analysis(ctx, upload, as_of=DAY) == TaskStatus.COMPLETED
    after = views.get_analysis_view(ctx, engineer, upload).package
    assert after is not None
    assert [p.task_id for p in after.parts] == [p.task_id for p in before.parts]

    part = after.parts[1].task_id
    tasks.requeue(ctx, engineer, part, "neta-ats-2025")
    assert tasks.run_analysis(ctx, part, as_of=DAY) == TaskStatus.COMPLETED
    assert views.get_analysis_view(ctx, engineer, part).verdict == Verdict.REJECTED
    with ctx.session() as session:
        assert session.scalar(select(func.count(Task.id))) == 3
        assert session.scalar(select(func.count(Analysis.id))) == 2


def test_deleting_the_upload_removes_its_reports(ctx: ServiceContext, engineer: Actor) -> None:
    name, content = _package(ctx, engineer, {"CB-1": False, "CB-2": False})
    upload = tasks.submit_report(ctx, engineer, filename=name, content=content).task_id
    tasks.run_analysis(ctx, upload, as_of=DAY)
    with ctx.session() as session:
        session.delete(session.get(Task, upload))
    with ctx.session() as session:
        assert session.scalar(select(func.count(Task.id))) == 0
        assert session.scalar(select(func.count(Analysis.id))) == 0
