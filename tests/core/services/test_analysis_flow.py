"""Submit → run → view → override → report → trends, with the real engine on generated reports."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest

from core.demo import demo_report, run_demo
from core.enums import Severity, TaskStatus, Verdict
from core.jobs import LocalRunner
from core.services import overrides, reports, tasks, trends, views
from core.services.context import ServiceContext
from core.services.errors import InvalidInput, PermissionDenied
from core.services.users import Actor

DAY = dt.date(2026, 3, 2)


def _report(defective: bool, seed: int = 1) -> tuple[str, bytes]:
    return demo_report(random.Random(seed), DAY, "DC-North", 1.0 if defective else 0.0)


def _analysed(ctx: ServiceContext, actor: Actor, defective: bool, seed: int = 1) -> uuid.UUID:
    name, content = _report(defective, seed)
    task_id = tasks.submit_report(ctx, actor, filename=name, content=content).task_id
    assert tasks.run_analysis(ctx, task_id, as_of=DAY) == TaskStatus.COMPLETED
    return task_id


def test_a_clean_report_is_approved_and_viewable(ctx: ServiceContext, engineer: Actor) -> None:
    task_id = _analysed(ctx, engineer, defective=False)
    view = views.get_analysis_view(ctx, engineer, task_id)
    assert view.status == TaskStatus.COMPLETED and view.verdict == Verdict.APPROVED
    assert view.extraction is not None and view.extraction.measurements
    assert view.validation is not None and view.validation.checks
    assert view.site == "DC-North"  # taken from the report when the upload named none
    ranks = [f.severity.rank for f in view.findings]
    assert ranks == sorted(ranks)


def test_a_broken_file_fails_its_own_task_with_a_sentence(
    ctx: ServiceContext, engineer: Actor
) -> None:
    good = _analysed(ctx, engineer, defective=False)
    bad = tasks.submit_report(
        ctx, engineer, filename="scan.pdf", content=b"%PDF-1.7 broken"
    ).task_id
    assert tasks.run_analysis(ctx, bad, as_of=DAY) == TaskStatus.FAILED
    status, message = tasks.task_status(ctx, engineer, bad)
    assert status == TaskStatus.FAILED and message and message.endswith(".")
    assert "Traceback" not in message
    assert views.get_analysis_view(ctx, engineer, good).verdict == Verdict.APPROVED


def test_manager_override_recomputes_and_keeps_the_machine_verdict(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    task_id = next(
        t
        for seed in range(40)
        if (t := _analysed(ctx, engineer, defective=True, seed=seed))
        and views.get_analysis_view(ctx, engineer, t).verdict == Verdict.REJECTED
    )
    view = views.get_analysis_view(ctx, manager, task_id)
    critical = [f for f in view.findings if f.severity is Severity.CRITICAL]
    with pytest.raises(PermissionDenied):
        overrides.override_finding(ctx, engineer, critical[0].id, "not applicable here at all")
    with pytest.raises(InvalidInput, match="why"):
        overrides.override_finding(ctx, manager, critical[0].id, "  ")
    for finding in critical:
        overrides.override_finding(ctx, manager, finding.id, "Owner accepted: retest scheduled")
    after = views.get_analysis_view(ctx, manager, task_id)
    assert after.machine_verdict == Verdict.REJECTED
    assert after.verdict != Verdict.REJECTED
    assert after.compliance_score is not None and view.compliance_score is not None
    assert after.compliance_score > view.compliance_score
    assert all(f.overridden for f in after.findings if f.severity is Severity.CRITICAL)
    overrides.revoke_override(ctx, manager, critical[0].id)
    assert views.get_analysis_view(ctx, manager, task_id).verdict == Verdict.REJECTED
    name, pdf = reports.audit_report_pdf(ctx, manager, task_id)
    assert name.endswith("-audit.pdf") and pdf.startswith(b"%PDF")


def test_rerun_with_another_profile(ctx: ServiceContext, engineer: Actor) -> None:
    task_id = _analysed(ctx, engineer, defective=False)
    tasks.requeue(ctx, engineer, task_id, "datacenter-owner-example")
    assert tasks.task_status(ctx, engineer, task_id)[0] == TaskStatus.QUEUED
    assert tasks.run_analysis(ctx, task_id, as_of=DAY) == TaskStatus.COMPLETED
    assert views.get_analysis_view(ctx, engineer, task_id).profile_id == "datacenter-owner-example"


def test_trends_are_for_managers_and_follow_filters(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    _analysed(ctx, engineer, defective=False)
    _analysed(ctx, engineer, defective=True, seed=3)
    with pytest.raises(PermissionDenied):
        trends.trend_summary(ctx, engineer)
    with pytest.raises(PermissionDenied):
        next(trends.export_rows(ctx, engineer, None, "analyses"))
    data = trends.trend_summary(ctx, manager)
    assert data.reports == 2 and sum(p.analyses for p in data.periods) == 2
    exported = list(trends.export_rows(ctx, manager, None, "analyses"))
    assert len(exported) == 2
    assert set(exported[0]) == set(trends.ANALYSIS_COLUMNS)
    findings = list(trends.export_rows(ctx, manager, None, "findings"))
    assert sum(data.severities.values()) == len(findings) > 0
    assert data.open_critical == sum(
        f["severity"] == "CRITICAL" and not f["overridden"] for f in findings
    )
    none = trends.trend_summary(ctx, manager, views.TaskFilters(sites=("Elsewhere",)))
    assert none.reports == 0 and none.periods == [] and none.top_rules == []
    assert none.mean_compliance is None and set(none.severities.values()) == {0}


def test_local_runner_runs_queued_tasks_and_recovers_stale(
    ctx: ServiceContext, engineer: Actor
) -> None:
    name, content = _report(False)
    task_id = tasks.submit_report(ctx, engineer, filename=name, content=content).task_id
    stale = tasks.submit_report(ctx, engineer, filename="b.json", content=_report(False, 9)[1])
    assert tasks.claim(ctx, stale.task_id)  # a worker took it, then died
    recovered = tasks.recover_stale(ctx, older_than=dt.timedelta(seconds=-1))
    assert recovered == 1
    runner = LocalRunner(ctx, max_workers=2)
    assert runner.resume() == 2
    runner.wait()
    runner.shutdown()
    assert tasks.task_status(ctx, engineer, task_id)[0] == TaskStatus.COMPLETED
    assert tasks.task_status(ctx, engineer, stale.task_id)[0] == TaskStatus.COMPLETED


def test_demo_fills_six_months(ctx: ServiceContext, manager: Actor) -> None:
    summary = run_demo(ctx, reports=24, today=dt.date(2026, 6, 30))
    assert summary.reports == 24 and summary.failed == 0
    data = trends.trend_summary(ctx, manager, freq="M")
    assert data.reports == 24
    assert len({p.start for p in data.periods}) >= 5
    assert all(p.start.day == 1 for p in data.periods)
    assert {p.verdict for p in data.periods} >= {Verdict.APPROVED, Verdict.REJECTED}


def _breaker_sheet() -> bytes:
    """A breaker sheet as our JSON: insulation resistance (3 points) and contact resistance
    (2 poles) — the main test is the one with most readings."""
    from core.enums import EquipmentType
    from core.schemas import Quantity
    from tests.core.analysis.rules.factories import ir, ir_report, measurement

    poles = [
        measurement(Quantity.CONTACT_RESISTANCE, f"Pole {n}", value * 1e-6)
        for n, value in ((1, 39), (2, 41))
    ]
    readings = [ir(point, 2000) for point in ("P1-G", "P2-G", "P3-G")]
    extraction = ir_report(
        measurements=[*readings, *poles], equipment_type=EquipmentType.BREAKER, tag="CB-7"
    )
    return extraction.model_dump_json().encode()


def test_a_sheet_with_two_tests_is_stored_filtered_and_trended_under_both(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    task_id = tasks.submit_report(
        ctx, engineer, filename="CB-7.json", content=_breaker_sheet()
    ).task_id
    assert tasks.run_analysis(ctx, task_id, as_of=DAY) == TaskStatus.COMPLETED
    _analysed(ctx, engineer, defective=False)  # a one-test report beside it
    view = views.get_analysis_view(ctx, engineer, task_id)
    assert view.test_type == "INSULATION_RESISTANCE"
    contact = views.TaskFilters(test_types=("CONTACT_RESISTANCE",))
    (listed,) = views.list_tasks(ctx, manager, contact)
    assert listed.task_id == task_id
    assert listed.test_types == ("INSULATION_RESISTANCE", "CONTACT_RESISTANCE")
    cells = {(e, t): n for e, t, n, _ in trends.trend_summary(ctx, manager).equipment_tests}
    assert cells[("BREAKER", "CONTACT_RESISTANCE")] == 1
    assert cells[("BREAKER", "INSULATION_RESISTANCE")] == 1
    options = views.filter_options(ctx, manager)
    assert "CONTACT_RESISTANCE" in options["test_types"]
