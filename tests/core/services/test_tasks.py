"""Submitting reports: storage by sha256, duplicates offered per user, size limit, who sees what."""

from __future__ import annotations

import pytest

from core.enums import TaskStatus
from core.services import tasks, views
from core.services.context import ServiceContext
from core.services.errors import NotFound, PermissionDenied
from core.services.users import Actor

PDF = b"%PDF-1.4\n% not much of a report\n"


def test_submit_stores_content_once_and_offers_duplicates(
    ctx: ServiceContext, engineer: Actor, other_engineer: Actor
) -> None:
    first = tasks.submit_report(ctx, engineer, filename="ir.pdf", content=PDF, site="DC-1")
    again = tasks.submit_report(ctx, engineer, filename="ir-copy.pdf", content=PDF)
    assert again.duplicate and again.task_id == first.task_id
    theirs = tasks.submit_report(ctx, other_engineer, filename="ir.pdf", content=PDF)
    assert not theirs.duplicate and theirs.task_id != first.task_id
    forced = tasks.submit_report(
        ctx, engineer, filename="ir.pdf", content=PDF, allow_duplicate=True
    )
    assert not forced.duplicate
    stored = list(ctx.settings.file_storage_dir.rglob("*"))
    assert len([p for p in stored if p.is_file()]) == 1  # the bytes are shared
    status, _ = tasks.task_status(ctx, engineer, first.task_id)
    assert status == TaskStatus.QUEUED


def test_oversized_upload_fails_its_own_task_only(ctx: ServiceContext, engineer: Actor) -> None:
    big = tasks.submit_report(ctx, engineer, filename="huge.pdf", content=b"x" * (1024**2 + 1))
    small = tasks.submit_report(ctx, engineer, filename="ok.pdf", content=PDF)
    status, message = tasks.task_status(ctx, engineer, big.task_id)
    assert status == TaskStatus.FAILED and message and "1 MB limit" in message
    assert tasks.task_status(ctx, engineer, small.task_id)[0] == TaskStatus.QUEUED


def test_engineers_see_their_own_tasks_managers_see_all(
    ctx: ServiceContext, engineer: Actor, other_engineer: Actor, manager: Actor
) -> None:
    mine = tasks.submit_report(ctx, engineer, filename="a.pdf", content=PDF)
    theirs = tasks.submit_report(ctx, other_engineer, filename="b.pdf", content=PDF + b"2")
    assert [r.task_id for r in views.list_tasks(ctx, engineer)] == [mine.task_id]
    assert {r.task_id for r in views.list_tasks(ctx, manager)} == {mine.task_id, theirs.task_id}
    with pytest.raises(PermissionDenied):
        views.get_analysis_view(ctx, engineer, theirs.task_id)
    assert views.get_analysis_view(ctx, manager, theirs.task_id).original_filename == "b.pdf"
    name, content = tasks.original_file(ctx, engineer, mine.task_id)
    assert (name, content) == ("a.pdf", PDF)
    with pytest.raises(PermissionDenied):
        tasks.original_file(ctx, engineer, theirs.task_id)


def test_unknown_task_is_not_found(ctx: ServiceContext, manager: Actor) -> None:
    import uuid

    with pytest.raises(NotFound, match="no report"):
        views.get_analysis_view(ctx, manager, uuid.uuid4())


def test_claim_is_exactly_once(ctx: ServiceContext, engineer: Actor) -> None:
    task_id = tasks.submit_report(ctx, engineer, filename="a.pdf", content=PDF).task_id
    assert tasks.claim(ctx, task_id) is True
    assert tasks.claim(ctx, task_id) is False
    assert tasks.task_status(ctx, engineer, task_id)[0] == TaskStatus.PROCESSING


def test_share_link_uses_public_url(ctx: ServiceContext, engineer: Actor) -> None:
    task_id = tasks.submit_report(ctx, engineer, filename="a.pdf", content=PDF).task_id
    assert views.share_link(ctx, task_id) == f"/analysis?task={task_id}"
    ctx.settings.public_url = "https://audit.example.com"
    assert views.share_link(ctx, task_id) == f"https://audit.example.com/analysis?task={task_id}"


def test_a_silent_runner_loses_its_task_a_beating_one_keeps_it(
    ctx: ServiceContext, engineer: Actor
) -> None:
    import datetime as dt

    from sqlalchemy import update

    from core.models import Task

    silent = tasks.submit_report(ctx, engineer, filename="a.pdf", content=PDF).task_id
    beating = tasks.submit_report(ctx, engineer, filename="b.pdf", content=PDF + b"b").task_id
    assert tasks.claim(ctx, silent) and tasks.claim(ctx, beating)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    with ctx.session() as session:  # both started long ago, e.g. a slow 50-page OCR
        session.execute(update(Task).values(started_at=long_ago, updated_at=long_ago))
    tasks.heartbeat(ctx, [beating])
    assert tasks.recover_stale(ctx) == 1
    assert tasks.task_status(ctx, engineer, silent)[0] == TaskStatus.QUEUED
    assert tasks.task_status(ctx, engineer, beating)[0] == TaskStatus.PROCESSING
