"""A package's reports as the pages show them: one row per equipment report, a count per verdict,
the filter of the package page, its CSV rows and its share link."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from core.enums import TaskStatus
from core.repositories import task_runs
from core.services.clock import as_utc
from core.services.context import ServiceContext
from core.services.errors import NotFound
from core.services.exports import safe_row
from core.services.stored import stored_test_types
from core.services.tasks import get_task_for
from core.services.users import Actor

VERDICT_ORDER = ("APPROVED", "REVIEW", "REJECTED")
NOT_A_PACKAGE = (
    "This upload held a single equipment report, not a package; open it on the Analysis page."
)
CSV_COLUMNS = (
    "part",
    "equipment_tag",
    "equipment_type",
    "tests",
    "verdict",
    "status",
    "open_critical",
    "open_major",
    "findings",
    "error",
    "task_id",
)


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
    open_major: int = 0
    """MAJOR findings no manager has overridden."""

    @property
    def outcome(self) -> str:
        """The verdict, or the status while there is none (FAILED, QUEUED …)."""
        return self.verdict or self.status

    @property
    def open_issues(self) -> int:
        """Open CRITICAL and MAJOR findings: what stands between the report and acceptance."""
        return self.open_critical + self.open_major


@dataclass(frozen=True)
class PackageSummary:
    parts: tuple[PartRow, ...]
    task_id: uuid.UUID | None = None
    """The upload's own task (the file that was split)."""
    original_filename: str = ""
    site: str | None = None
    created_at: dt.datetime | None = None
    owner_email: str = ""

    @property
    def counts(self) -> dict[str, int]:
        """Reports per verdict (FAILED for a report that could not be analysed), in verdict
        order, leaving out the verdicts no report has."""
        counted = Counter(row.outcome for row in self.parts)
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
    def finished(self) -> bool:
        return self.analysed == len(self.parts)

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
            findings=findings,
            open_critical=critical,
            error_message=task.error_message,
            open_major=major,
        )
        for task, analysis, findings, critical, major in task_runs.package_rows(
            session=session, package_id=task_id
        )
    ]
    return PackageSummary(tuple(rows)) if rows else None


def package_of(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> PackageSummary | None:
    """The reports of an upload this actor may see; None for a single report."""
    with ctx.session() as session:
        get_task_for(session, actor, task_id)
        return package_summary(session, task_id)


def package_page(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> PackageSummary:
    """The package page's data: the upload (file, site, owner, when) and its reports, for the
    package's owner or a manager (the checks of its tasks); NotFound for a single report."""
    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        summary = package_summary(session, task.id)
        if summary is None:
            raise NotFound(NOT_A_PACKAGE)
        return PackageSummary(
            parts=summary.parts,
            task_id=task.id,
            original_filename=task.original_filename,
            site=task.site,
            created_at=as_utc(task.created_at),
            owner_email=task.user.email,
        )


def filter_parts(
    summary: PackageSummary, *, outcomes: Collection[str] = (), text: str = ""
) -> tuple[PartRow, ...]:
    """The rows whose verdict (or FAILED …) is among `outcomes` (all when empty) and whose part,
    tag, equipment type or tests contain `text`, case-insensitively."""
    wanted = text.strip().lower()

    def matches(row: PartRow) -> bool:
        if outcomes and row.outcome not in outcomes:
            return False
        if not wanted:
            return True
        words = [row.part, row.equipment_tag or "", row.equipment_type or "", *row.test_types]
        return any(wanted in word.lower() for word in words)

    return tuple(row for row in summary.parts if matches(row))


def csv_rows(rows: Collection[PartRow]) -> list[dict[str, Any]]:
    """The rows as the package CSV writes them (CSV_COLUMNS), formula-like text neutralised."""
    return [
        safe_row(
            {
                "part": row.part,
                "equipment_tag": row.equipment_tag or "",
                "equipment_type": row.equipment_type or "",
                "tests": " + ".join(row.test_types),
                "verdict": row.verdict or "",
                "status": row.status,
                "open_critical": row.open_critical,
                "open_major": row.open_major,
                "findings": row.findings,
                "error": row.error_message or "",
                "task_id": str(row.task_id),
            }
        )
        for row in rows
    ]


def package_share_link(ctx: ServiceContext, task_id: uuid.UUID) -> str:
    """`{AUDITENG_PUBLIC_URL}/package?id=<id>`, or relative when no public URL is set (the page
    makes it absolute from the browser's address)."""
    base = ctx.settings.public_url or ""
    return f"{base}/package?id={task_id}"
