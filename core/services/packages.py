"""A package's reports as the pages show them: one row per equipment report, a count per verdict."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from core.enums import TaskStatus
from core.repositories import task_runs
from core.services.context import ServiceContext
from core.services.stored import stored_test_types
from core.services.tasks import get_task_for
from core.services.users import Actor

VERDICT_ORDER = ("APPROVED", "REVIEW", "REJECTED")


@dataclass(frozen=True)
class PartRow:
    task_id: uuid.UUID
    part: str
    status: str
    equipment_tag: str | None
    equipment_type: str | None
    test_types: tuple[str, ...]
    verdict: str | None
    findings: int
    open_critical: int
    error_message: str | None


@dataclass(frozen=True)
class PackageSummary:
    parts: tuple[PartRow, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Reports per verdict (FAILED for a report that could not be analysed), in verdict
        order, leaving out the verdicts no report has."""
        counted = Counter(row.verdict or row.status for row in self.parts)
        order = (*VERDICT_ORDER, TaskStatus.FAILED.value)
        return {key: counted[key] for key in order if counted[key]} | {
            key: value for key, value in counted.items() if key not in order
        }

    @property
    def analysed(self) -> int:
        """Reports whose analysis has ended (COMPLETED or FAILED); the rest are still queued or
        running, each in a job of its own."""
        ended = (TaskStatus.COMPLETED.value, TaskStatus.FAILED.value)
        return sum(row.status in ended for row in self.parts)

    @property
    def sentence(self) -> str:
        """'3 equipment reports: 2 APPROVED, 1 REJECTED'."""
        total = len(self.parts)
        mix = ", ".join(f"{count} {key}" for key, count in self.counts.items())
        return f"{total} equipment report{'s' if total != 1 else ''}: {mix}"


def package_summary(session: Session, task_id: uuid.UUID) -> PackageSummary | None:
    """The reports of the upload `task_id`, in file order; None when it is not a package."""
    rows = [
        PartRow(
            task_id=task.id,
            part=task.part or "",
            status=task.status,
            equipment_tag=analysis.equipment_tag if analysis else None,
            equipment_type=analysis.equipment_type if analysis else None,
            test_types=tuple(stored_test_types(analysis)) if analysis else (),
            verdict=analysis.verdict if analysis else None,
            findings=int(findings or 0),
            open_critical=int(open_critical or 0),
            error_message=task.error_message,
        )
        for task, analysis, findings, open_critical in task_runs.package_rows(
            session=session, package_id=task_id
        )
    ]
    return PackageSummary(tuple(rows)) if rows else None


def package_of(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> PackageSummary | None:
    """The reports of an upload this actor may see; None for a single report."""
    with ctx.session() as session:
        get_task_for(session, actor, task_id)
        return package_summary(session, task_id)
