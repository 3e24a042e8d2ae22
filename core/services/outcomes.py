"""Persist what the engine said about a task's file: one analysis, or a package of them.

A single report's outcome is stored on its task. A package (an upload holding several equipment
reports) keeps its own task as the upload — COMPLETED, without an analysis of its own — and one
child task per report (`parent_id`, `part`, `part_number`), each with its analysis. A re-run
keeps the child task of a part with the same label (so its links stay valid) and removes the
parts the file no longer holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from core import repositories as repo
from core.enums import TaskStatus, TestType
from core.models import AnalysisTest, Task
from core.schemas import Outcome
from core.services import kept_overrides
from core.services.clock import now
from core.services.stored import keep_counts, row_values

INTERNAL_ERROR = (
    "AuditEng hit an internal error while analysing this file; "
    "try again, and if it fails again send the file to the AuditEng team."
)


def fail(task: Task, sentence: str) -> None:
    task.status = TaskStatus.FAILED
    task.error_message = sentence
    task.finished_at = now()


def store_outcomes(
    session: Session, task: Task, outcomes: Sequence[Outcome], profile_id: str
) -> None:
    """Store a run's outcomes: on the task itself for one report (or one part re-run on its
    own), as the task's parts for a package."""
    if len(outcomes) == 1 and (task.part is not None or outcomes[0].part is None):
        for child in list(task.parts):
            session.delete(child)  # a file read as a package before, one report now
        store_outcome(session, task, outcomes[0], profile_id)
        return
    _store_package(session, task, outcomes, profile_id)


def store_outcome(session: Session, task: Task, outcome: Outcome, profile_id: str) -> None:
    """Replace the task's analysis with `outcome` (findings in their stored order). The
    managers' overrides of the analysis replaced are re-applied (`kept_overrides`)."""
    kept = kept_overrides.overrides_of(task.analysis)
    if task.analysis is not None:
        session.delete(task.analysis)
        session.flush()
    task.finished_at = now()
    if outcome.status == TaskStatus.FAILED or outcome.extraction is None:
        fail(task, outcome.error or INTERNAL_ERROR)
        kept_overrides.dropped(session, task, kept)
        return
    analysis = repo.analyses.create(
        session=session,
        task_id=task.id,
        equipment_type=(outcome.equipment_type or "OTHER"),
        test_type=str(outcome.test_type),
        test_types=[str(kind) for kind in outcome.test_types],
        equipment_tag=(outcome.equipment_tag or None) and outcome.equipment_tag[:100],
        verdict=outcome.verdict,
        test_date=outcome.extraction.test.date,
        testing_company=(outcome.extraction.test.company or None)
        and outcome.extraction.test.company[:255],
        compliance_score=outcome.compliance_score,
        confidence_score=outcome.confidence_score,
        extraction_result=outcome.extraction.model_dump(mode="json"),
        validation_result=outcome.validation.model_dump(mode="json")
        if outcome.validation
        else None,
        profile_id=profile_id,
        machine_verdict=outcome.verdict,
        machine_compliance_score=outcome.compliance_score,
    )
    rows = [
        repo.findings.create(session=session, analysis_id=analysis.id, **row_values(finding))
        for finding in outcome.findings
    ]
    kept_overrides.reapply(session, task, analysis, outcome, rows, kept, profile_id)
    keep_counts(analysis, rows)
    tests = dict.fromkeys(analysis.test_types or [analysis.test_type])
    analysis.tests = [AnalysisTest(test_type=kind) for kind in tests if kind in set(TestType)]
    if task.site is None and outcome.extraction.equipment.site:
        task.site = outcome.extraction.equipment.site[:255]
    task.status = TaskStatus.COMPLETED
    task.error_message = None


def store_parts(
    session: Session, task: Task, parts: Sequence[tuple[str, str]], profile_id: str
) -> list[Task]:
    """A package split for one job per report: each (label, stored path of the report as read)
    becomes a QUEUED report task, the upload COMPLETED. A report keeps its earlier analysis
    until its own job replaces it. Returns the report tasks in file order."""
    if task.analysis is not None:  # a single report before, a package now
        kept_overrides.dropped(session, task, kept_overrides.overrides_of(task.analysis))
        session.delete(task.analysis)
        session.flush()
    children = _keep_parts(session, task, [label for label, _ in parts], profile_id)
    for child, (_, path) in zip(children, parts, strict=True):
        child.part_input_path = path
        child.status = TaskStatus.QUEUED
        child.error_message = None
        child.started_at = child.finished_at = None
    _package_done(task)
    session.flush()
    return children


def _store_package(
    session: Session, task: Task, outcomes: Sequence[Outcome], profile_id: str
) -> None:
    if task.analysis is not None:  # a single report before, a package now
        kept_overrides.dropped(session, task, kept_overrides.overrides_of(task.analysis))
        session.delete(task.analysis)
        session.flush()
    labels = [outcome.part or f"report {number}" for number, outcome in enumerate(outcomes, 1)]
    for child, outcome in zip(
        _keep_parts(session, task, labels, profile_id), outcomes, strict=True
    ):
        child.started_at = task.started_at
        child.attempts = task.attempts
        store_outcome(session, child, outcome, profile_id)
    _package_done(task)


def _keep_parts(session: Session, task: Task, labels: Sequence[str], profile_id: str) -> list[Task]:
    """The upload's report tasks for `labels`, in order: a report with the same label as before
    keeps its task (so its links stay valid), new ones are created, the others removed."""
    kept = {child.part: child for child in task.parts}
    children = []
    for number, label in enumerate(labels, start=1):
        child = kept.pop(label[:255], None)
        if child is None:
            child = repo.tasks.create(
                session=session,
                user_id=task.user_id,
                parent_id=task.id,
                original_filename=task.original_filename,
                file_path=task.file_path,
                file_size=task.file_size,
                sha256=task.sha256,
                content_type=task.content_type,
                site=task.site,
                profile_id=profile_id,
                part=label[:255],
            )
            task.parts.append(child)
        child.part_number = number
        child.profile_id = profile_id
        children.append(child)
    for gone in kept.values():
        task.parts.remove(gone)
        session.delete(gone)
    return children


def _package_done(task: Task) -> None:
    task.status = TaskStatus.COMPLETED
    task.error_message = None
    task.finished_at = now()
