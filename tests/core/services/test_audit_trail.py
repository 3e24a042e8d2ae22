"""The audit trail: what one report's trail holds and who may read it, overrides kept through a
re-run, and the table append-only on both databases whatever the application tries."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from core import repositories as repo
from core.demo import demo_report
from core.enums import Severity, TaskStatus, Verdict
from core.models import AuditEvent, Task
from core.services import audit, overrides, tasks, views
from core.services.context import ServiceContext
from core.services.errors import NotFound, PermissionDenied
from core.services.users import Actor

DAY = dt.date(2026, 3, 2)


def _rejected(ctx: ServiceContext, owner: Actor) -> uuid.UUID:
    for seed in range(40):
        name, content = demo_report(random.Random(seed), DAY, "DC-North", 1.0)
        task_id = tasks.submit_report(ctx, owner, filename=name, content=content).task_id
        assert tasks.run_analysis(ctx, task_id, as_of=DAY) == TaskStatus.COMPLETED
        if views.get_analysis_view(ctx, owner, task_id).verdict == Verdict.REJECTED:
            return task_id
    raise AssertionError("no rejected demo report in 40 seeds")


def _criticals(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> list[views.FindingView]:
    view = views.get_analysis_view(ctx, actor, task_id)
    return [f for f in view.findings if f.severity is Severity.CRITICAL]


def test_the_trail_is_the_reports_story_for_its_owner_and_managers_only(
    ctx: ServiceContext, engineer: Actor, other_engineer: Actor, manager: Actor
) -> None:
    task_id = _rejected(ctx, engineer)
    finding = _criticals(ctx, manager, task_id)[0]
    overrides.override_finding(ctx, manager, finding.id, "Owner accepted: retest scheduled")
    tasks.requeue(ctx, engineer, task_id, "neta-ats-2025")
    tasks.run_analysis(ctx, task_id, as_of=DAY)

    trail = audit.audit_trail(ctx, engineer, task_id)
    assert [e.action for e in trail] == [
        "task.submitted",
        "analysis.finished",
        "finding.overridden",
        "task.rerun",
        "finding.override_kept",
        "analysis.finished",
    ]
    assert [e.actor_email for e in trail] == [
        engineer.email, None, manager.email, engineer.email, None, None,
    ]  # fmt: skip
    assert trail[1].details == {"status": "COMPLETED", "verdict": "REJECTED"}
    assert trail[2].details["justification"] == "Owner accepted: retest scheduled"
    assert all(e.at.tzinfo is not None for e in trail)
    assert [e.at for e in trail] == sorted(e.at for e in trail)
    assert trail[0].label == "Uploaded" and trail[1].who == "AuditEng"
    assert audit.audit_trail(ctx, manager, task_id) == trail
    with pytest.raises(PermissionDenied):
        audit.audit_trail(ctx, other_engineer, task_id)
    with pytest.raises(NotFound):
        audit.audit_trail(ctx, manager, uuid.uuid4())


def test_a_rerun_by_the_owner_keeps_the_managers_overrides(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    task_id = _rejected(ctx, engineer)
    critical = _criticals(ctx, manager, task_id)
    for finding in critical:
        overrides.override_finding(ctx, manager, finding.id, "Owner accepted: retest scheduled")
    before = views.get_analysis_view(ctx, manager, task_id)
    assert before.verdict != Verdict.REJECTED

    tasks.requeue(ctx, engineer, task_id, "neta-ats-2025")
    assert tasks.run_analysis(ctx, task_id, as_of=DAY) == TaskStatus.COMPLETED

    after = views.get_analysis_view(ctx, engineer, task_id)
    kept = [f for f in after.findings if f.overridden]
    assert {(f.rule_id, f.evidence.point) for f in kept} == {
        (f.rule_id, f.evidence.point) for f in critical
    }
    assert {f.id for f in kept}.isdisjoint({f.id for f in critical})  # new rows, same judgement
    assert all(f.override_justification == "Owner accepted: retest scheduled" for f in kept)
    assert all(f.overridden_by == manager.email for f in kept)
    assert (after.verdict, after.machine_verdict) == (before.verdict, Verdict.REJECTED)
    assert after.compliance_score == before.compliance_score


def test_an_override_whose_finding_is_gone_is_recorded_as_dropped(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    from core.services import outcomes

    task_id = _rejected(ctx, engineer)
    finding = _criticals(ctx, manager, task_id)[0]
    overrides.override_finding(ctx, manager, finding.id, "Owner accepted: retest scheduled")
    name, clean = demo_report(random.Random(1), DAY, "DC-North", 0.0)
    from core.analysis import analyze
    from core.standards import load_profile

    outcome = analyze(clean, name, load_profile(), as_of=DAY)
    with ctx.session() as session:  # the re-run's outcome no longer raises the finding
        task = session.get(Task, task_id)
        assert task is not None
        outcomes.store_outcome(session, task, outcome, "neta-ats-2025")
    dropped = [e for e in audit.audit_trail(ctx, manager, task_id) if "dropped" in e.action]
    assert len(dropped) == 1
    assert dropped[0].details["rule_id"] == finding.rule_id
    assert dropped[0].details["overridden_by"] == str(manager.id)


def test_audit_events_cannot_be_changed_or_deleted_through_the_application(
    ctx: ServiceContext, engineer: Actor, admin: Actor
) -> None:
    task_id = _rejected(ctx, engineer)
    with ctx.session() as session:
        (event, *_) = repo.audit_events.list(session=session)
        event_id = event.id
    with pytest.raises(DatabaseError, match="append-only"), ctx.session() as session:
        row = repo.audit_events.get_or_raise(session=session, id=event_id)
        row.action = "task.forged"
    with pytest.raises(DatabaseError, match="append-only"), ctx.session() as session:
        repo.audit_events.delete(
            session=session, row=repo.audit_events.get_or_raise(session=session, id=event_id)
        )
    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(DatabaseError, match="append-only"), ctx.session() as session:
            session.execute(text(statement))
    if ctx.engine.dialect.name == "postgresql":
        with pytest.raises(DatabaseError, match="append-only"), ctx.session() as session:
            session.execute(text("TRUNCATE audit_events"))
    # Deleting what the events describe leaves them be: no foreign key, no cascade.
    with ctx.session() as session:
        count = repo.audit_events.count(session=session)
        session.delete(session.get(Task, task_id))
    with ctx.session() as session:
        assert repo.audit_events.count(session=session) == count
        assert repo.audit_events.count(session=session, where=[AuditEvent.task_id == task_id]) >= 2
