"""The one reader of a stored analysis: findings in report order for the Analysis page, the
overrides and the PDF alike, the overrides with who made them, in a bounded number of
statements whatever the number of findings."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from core import repositories as repo
from core.analysis.report_pdf import ReportMeta
from core.enums import Severity, TaskStatus
from core.schemas import Evidence, Finding, Outcome, ValidationResult
from core.services import overrides, reports, views
from core.services.context import ServiceContext
from core.services.stored import StoredAnalysis, read_analysis, row_values
from core.services.users import Actor

JUSTIFICATION = "Owner accepted: retest scheduled"


def _finding(severity: Severity, rule_id: str, point: str | None, message: str) -> Finding:
    return Finding(
        rule_id=rule_id,
        rule_name="some-defect",
        severity=severity,
        message=message,
        evidence=Evidence(observed=1.0, unit="MΩ", point=point),
        remediation="Retest.",
    )


# In report order: severity, rule id, point, message.
ORDERED = [
    _finding(Severity.CRITICAL, "GND-001", None, "ground 7 Ω"),
    _finding(Severity.CRITICAL, "IR-001", "A-G", "A-G 12 MΩ"),
    _finding(Severity.CRITICAL, "IR-001", "B-G", "B-G 10 MΩ"),
    _finding(Severity.MAJOR, "IR-003", "A-G", "imbalance 40 %"),
    _finding(Severity.MAJOR, "IR-003", "A-G", "imbalance 55 %"),  # same point: message decides
    _finding(Severity.MINOR, "CAL-004", None, "calibration due in 20 days"),
    _finding(Severity.INFO, "DATA-016", None, "connection assumed"),
]


def _stored_task(
    ctx: ServiceContext,
    owner: Actor,
    findings: list[Finding],
    test_type: str = "INSULATION_RESISTANCE",
) -> uuid.UUID:
    """A COMPLETED task whose analysis holds `findings`, stored in a shuffled order."""
    shuffled = list(findings)
    random.Random(7).shuffle(shuffled)
    validation = ValidationResult(
        threshold_set_id="neta-ats-2025", threshold_set_version="2025.1", profile_id="neta-ats-2025"
    )
    with ctx.session() as session:
        task = repo.tasks.create(
            session=session,
            user_id=owner.id,
            original_filename="SWGR-1.json",
            file_size=10,
            status=TaskStatus.COMPLETED.value,
            profile_id="neta-ats-2025",
        )
        analysis = repo.analyses.create(
            session=session,
            task_id=task.id,
            equipment_type="SWITCHGEAR",
            test_type=test_type,
            verdict="REJECTED",
            machine_verdict="REJECTED",
            compliance_score=60.0,
            machine_compliance_score=60.0,
            confidence_score=0.97,
            extraction_result=None,
            validation_result=validation.model_dump(mode="json"),
            profile_id="neta-ats-2025",
        )
        for finding in shuffled:
            repo.findings.create(session=session, analysis_id=analysis.id, **row_values(finding))
        return task.id


def _read(ctx: ServiceContext, task_id: uuid.UUID) -> StoredAnalysis:
    with ctx.session() as session:
        task = repo.tasks.get(session=session, id=task_id)
        assert task is not None
        return read_analysis(session, task)


@contextmanager
def _statements(ctx: ServiceContext) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.split(None, 1)[0].upper() in {"SELECT", "INSERT", "UPDATE", "DELETE"}:
            seen.append(statement)  # not BEGIN or SAVEPOINT, which differ by backend

    event.listen(ctx.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(ctx.engine, "before_cursor_execute", count)


def _pdf_inputs(
    ctx: ServiceContext, actor: Actor, task_id: uuid.UUID, monkeypatch: pytest.MonkeyPatch
) -> tuple[Outcome, ReportMeta]:
    seen: list[tuple[Outcome, ReportMeta]] = []

    def render(outcome: Outcome, meta: ReportMeta) -> bytes:
        seen.append((outcome, meta))
        return b"%PDF-"

    monkeypatch.setattr(reports, "render_audit_report", render)
    reports.audit_report_pdf(ctx, actor, task_id)
    (inputs,) = seen
    return inputs


def test_findings_come_back_in_report_order(ctx: ServiceContext, engineer: Actor) -> None:
    task_id = _stored_task(ctx, engineer, ORDERED)
    stored = _read(ctx, task_id)
    assert [f.finding for f in stored.findings] == ORDERED
    assert stored.machine_outcome().findings == ORDERED
    assert stored.owner_email == "eng@example.com" and stored.overridden == set()


def test_the_page_the_overrides_and_the_pdf_list_findings_alike(
    ctx: ServiceContext, engineer: Actor, manager: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    task_id = _stored_task(ctx, engineer, ORDERED)
    view = views.get_analysis_view(ctx, manager, task_id)
    assert [(f.rule_id, f.evidence.point, f.message) for f in view.findings] == [
        (f.rule_id, f.evidence.point, f.message) for f in ORDERED
    ]
    for index in (4, 1):  # overridden out of order
        overrides.override_finding(ctx, manager, view.findings[index].id, JUSTIFICATION)
    after = views.get_analysis_view(ctx, manager, task_id)
    assert [f.id for f in after.findings] == [f.id for f in view.findings]
    assert [i for i, f in enumerate(after.findings) if f.overridden] == [1, 4]
    assert {f.overridden_by for f in after.findings if f.overridden} == {"boss@example.com"}
    outcome, meta = _pdf_inputs(ctx, manager, task_id, monkeypatch)
    standing = [f for i, f in enumerate(ORDERED) if i not in (1, 4)]
    assert outcome.findings == standing
    assert [(rule, point, by) for rule, point, _, by, _ in meta.overrides] == [
        ("IR-001", "A-G", "boss@example.com"),
        ("IR-003", "A-G", "boss@example.com"),
    ]
    assert meta.uploaded_by == "eng@example.com" and meta.machine_verdict == "REJECTED"


def test_an_override_by_a_removed_account_names_a_former_user(
    ctx: ServiceContext, engineer: Actor, manager: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    task_id = _stored_task(ctx, engineer, ORDERED)
    first = views.get_analysis_view(ctx, manager, task_id).findings[0]
    overrides.override_finding(ctx, manager, first.id, JUSTIFICATION)
    with ctx.session() as session:
        row = repo.findings.get_or_raise(session=session, id=first.id)
        repo.findings.update(session=session, row=row, overridden_by=uuid.uuid4())
    (shown,) = [f for f in views.get_analysis_view(ctx, manager, task_id).findings if f.overridden]
    assert shown.overridden_by is None and shown.override_justification == JUSTIFICATION
    _, meta = _pdf_inputs(ctx, manager, task_id, monkeypatch)
    assert [by for *_, by, _ in meta.overrides] == ["a former user"]


def test_a_report_that_named_no_test_is_overridden_and_printed(
    ctx: ServiceContext, engineer: Actor, manager: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `store_outcome` keeps a missing test type as the text "None".
    task_id = _stored_task(ctx, engineer, ORDERED[:1], test_type="None")
    (finding,) = views.get_analysis_view(ctx, manager, task_id).findings
    overrides.override_finding(ctx, manager, finding.id, JUSTIFICATION)
    outcome, meta = _pdf_inputs(ctx, manager, task_id, monkeypatch)
    assert outcome.test_type is None and outcome.findings == [] and len(meta.overrides) == 1


def test_a_task_without_analysis_reads_its_owner_only(ctx: ServiceContext, engineer: Actor) -> None:
    with ctx.session() as session:
        task_id = repo.tasks.create(
            session=session, user_id=engineer.id, original_filename="queued.pdf", file_size=1
        ).id
    with _statements(ctx) as seen:
        stored = _read(ctx, task_id)
    assert stored.analysis_id is None and stored.findings == ()
    assert stored.owner_email == "eng@example.com"
    assert len(seen) == 2  # the task, then the owner with the (absent) analysis


@pytest.mark.parametrize("size", [2, 40])
def test_reading_costs_the_same_few_statements_whatever_its_size(
    ctx: ServiceContext, engineer: Actor, manager: Actor, other_engineer: Actor, size: int
) -> None:
    many = [
        _finding(Severity.MAJOR, f"IR-{n % 4:03d}", f"P{n}-G", f"reading {n}") for n in range(size)
    ]
    task_id = _stored_task(ctx, engineer, many)
    # Two overriders: the manager and, promoted later, another engineer.
    ids = [f.id for f in views.get_analysis_view(ctx, manager, task_id).findings]
    overrides.override_finding(ctx, manager, ids[0], JUSTIFICATION)
    with ctx.session() as session:
        row = repo.findings.get_or_raise(session=session, id=ids[1])
        repo.findings.update(
            session=session,
            row=row,
            overridden_by=other_engineer.id,
            overridden_at=row.created_at,
            override_justification=JUSTIFICATION,
        )
    with _statements(ctx) as seen:
        stored = _read(ctx, task_id)
    assert len(stored.findings) == size
    assert {f.override.by_email for f in stored.findings if f.override} == {
        "boss@example.com",
        "eng2@example.com",
    }
    # The task, then the owner with the analysis, the findings and the overriders' emails.
    assert len(seen) == 4, seen
    with _statements(ctx) as seen:
        views.get_analysis_view(ctx, manager, task_id)
    assert len(seen) == 5, seen  # … and the package summary
