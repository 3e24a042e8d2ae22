"""Read models for the pages: filtered task lists, one analysis with its findings, share links."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from core.analysis.windings import describe
from core.enums import Role, Severity, TaskStatus
from core.repositories import task_queries
from core.repositories.task_queries import TaskFilters as TaskFilters
from core.schemas import Equipment, Evidence, ExtractionResult, ValidationResult
from core.services.clock import as_utc
from core.services.context import ServiceContext
from core.services.packages import PackageSummary, package_summary
from core.services.stored import StoredFinding, read_analysis
from core.services.tasks import get_task_for
from core.services.users import Actor
from core.standards import DEFAULT_PROFILE_ID

PAGE_SIZE = task_queries.PAGE_SIZE
SORTS = task_queries.SORTS


@dataclass(frozen=True)
class TaskRow:
    task_id: uuid.UUID
    created_at: dt.datetime
    original_filename: str
    status: str
    owner_email: str
    site: str | None
    equipment_tag: str | None
    equipment_type: str | None
    test_type: str | None
    verdict: str | None
    compliance_score: float | None
    confidence_score: float | None
    error_message: str | None
    test_types: tuple[str, ...] = ()
    """Every test the report holds; `test_type` is the one with most readings."""
    part: str | None = None
    """For one report of a package: its sheets or pages."""
    critical_open: int | None = None
    """CRITICAL findings no manager has overridden (None: no analysis)."""
    test_date: dt.date | None = None
    """The date the report says the test was done, when it says."""


@dataclass(frozen=True)
class TaskPage:
    rows: list[TaskRow]
    total: int
    """Reports the filters select, on every page."""
    next_key: tuple[Any, ...] | None
    """Where the next page starts (`list_task_page(after=…)`); None on the last page."""


def _owner(actor: Actor, filters: TaskFilters) -> uuid.UUID | None:
    return actor.id if not actor.can(Role.MANAGER) or filters.mine_only else None


def list_task_page(
    ctx: ServiceContext,
    actor: Actor,
    filters: TaskFilters | None = None,
    *,
    sort: str = "created_at",
    descending: bool = True,
    after: tuple[Any, ...] | None = None,
    size: int = PAGE_SIZE,
) -> TaskPage:
    """One page of the reports the actor may see, sorted and paged by the database."""
    filters = filters or TaskFilters()
    owner = _owner(actor, filters)
    with ctx.session() as session:
        found = task_queries.task_page(
            session=session,
            filters=filters,
            owner_id=owner,
            sort=sort if sort in SORTS else "created_at",
            descending=descending,
            after=after,
            size=size + 1,  # one more says whether a next page exists
        )
        page, more = found[:size], len(found) > size
        tests = task_queries.tests_of(
            session=session, analysis_ids=[r.analysis_id for r in page if r.analysis_id is not None]
        )
        total = task_queries.count_tasks(session=session, filters=filters, owner_id=owner)
    rows = [_task_row(row, tests) for row in page]
    next_key = task_queries.page_key(page[-1]) if more and page else None
    return TaskPage(rows=rows, total=total, next_key=next_key)


def _task_row(row: Any, tests: dict[uuid.UUID, list[str]]) -> TaskRow:
    test = row.test_type
    return TaskRow(
        task_id=row.id,
        created_at=as_utc(row.created_at),
        original_filename=row.original_filename,
        status=row.status,
        owner_email=row.email,
        site=row.site,
        equipment_tag=row.equipment_tag,
        equipment_type=row.equipment_type,
        test_type=test,
        verdict=row.verdict,
        compliance_score=row.compliance_score,
        confidence_score=row.confidence_score,
        error_message=row.error_message,
        test_types=tuple(tests.get(row.analysis_id, [test] if test else [])),
        part=row.part,
        critical_open=row.critical_open,
        test_date=_iso_date(row.test_date),
    )


def _iso_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def list_tasks(
    ctx: ServiceContext, actor: Actor, filters: TaskFilters | None = None, limit: int = PAGE_SIZE
) -> list[TaskRow]:
    """The first `limit` reports, newest first (the CLI's and the tests' short list)."""
    return list_task_page(ctx, actor, filters, size=limit).rows


def filter_options(ctx: ServiceContext, actor: Actor) -> dict[str, list[str]]:
    """Values present in the data the actor can see, for filter widgets."""
    with ctx.session() as session:
        return task_queries.filter_values(session=session, owner_id=_owner(actor, TaskFilters()))


@dataclass(frozen=True)
class FindingView:
    id: uuid.UUID
    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    evidence: Evidence
    remediation: str
    overridden: bool
    override_justification: str | None
    overridden_by: str | None
    overridden_at: dt.datetime | None


@dataclass(frozen=True)
class AnalysisView:
    task_id: uuid.UUID
    original_filename: str
    owner_email: str
    created_at: dt.datetime
    status: str
    error_message: str | None
    site: str | None
    profile_id: str
    equipment_type: str | None = None
    test_type: str | None = None
    test_types: tuple[str, ...] = ()
    equipment_tag: str | None = None
    verdict: str | None = None
    machine_verdict: str | None = None
    compliance_score: float | None = None
    machine_compliance_score: float | None = None
    confidence_score: float | None = None
    extraction: ExtractionResult | None = None
    validation: ValidationResult | None = None
    findings: list[FindingView] = field(default_factory=list)
    part: str | None = None
    """For one report of a package: its sheets or pages ('Sheet CB-2')."""
    package_id: uuid.UUID | None = None
    """For one report of a package: the upload's task."""
    package: PackageSummary | None = None
    """For an upload that held several reports: them, one row each."""
    file_size: int = 0
    """The uploaded file's size in bytes (a re-run of an empty file cannot help)."""

    @property
    def is_finished(self) -> bool:
        return self.status in (TaskStatus.COMPLETED, TaskStatus.FAILED)


def get_analysis_view(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> AnalysisView:
    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        stored = read_analysis(session, task)
        view = AnalysisView(
            task_id=task.id,
            original_filename=task.original_filename,
            owner_email=stored.owner_email,
            created_at=as_utc(task.created_at),
            status=task.status,
            error_message=task.error_message,
            site=task.site,
            profile_id=task.profile_id or DEFAULT_PROFILE_ID,
            part=task.part,
            package_id=task.parent_id,
            package=package_summary(session, task.id),
            file_size=task.file_size,
        )
    if stored.analysis_id is None:
        return view
    return replace(
        view,
        equipment_type=stored.equipment_type,
        test_type=stored.test_type,
        test_types=stored.test_types,
        equipment_tag=stored.equipment_tag,
        verdict=stored.verdict,
        machine_verdict=stored.machine_verdict,
        compliance_score=stored.compliance_score,
        machine_compliance_score=stored.machine_compliance_score,
        confidence_score=stored.confidence_score,
        extraction=stored.extraction,
        validation=stored.validation,
        findings=[_finding_view(finding) for finding in stored.findings],
    )


def _finding_view(stored: StoredFinding) -> FindingView:
    finding, override = stored.finding, stored.override
    return FindingView(
        id=stored.id,
        rule_id=finding.rule_id,
        rule_name=finding.rule_name,
        severity=finding.severity,
        message=finding.message,
        evidence=finding.evidence,
        remediation=finding.remediation,
        overridden=override is not None,
        override_justification=override.justification if override else None,
        overridden_by=override.by_email if override else None,
        overridden_at=override.at if override else None,
    )


def describe_windings(equipment: Equipment) -> str | None:
    """A transformer's windings as the Analysis page prints them ('13.8 kV Δ – 480Y/277 V')."""
    return describe(equipment.windings, equipment.vector_group) or None


def share_link(ctx: ServiceContext, task_id: uuid.UUID) -> str:
    """`{AUDITENG_PUBLIC_URL}/analysis?task=<id>`, or a relative link when no public URL is set."""
    base = ctx.settings.public_url or ""
    return f"{base}/analysis?task={task_id}"
