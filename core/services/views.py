"""Read models for the pages: filtered task lists, one analysis with its findings, share links."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, Text, cast, exists, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from core.enums import Role, Severity, TaskStatus, TestType
from core.models import Analysis, Finding, Task, User
from core.schemas import Evidence, ExtractionResult, ValidationResult
from core.services.clock import as_utc
from core.services.context import ServiceContext
from core.services.packages import PackageSummary, package_summary
from core.services.stored import from_row, in_report_order, stored_test_types
from core.services.tasks import get_task_for
from core.services.users import Actor

SEVERITY_ORDER = {s.value: s.rank for s in Severity}
Parts = aliased(Task)
QueryT = TypeVar("QueryT", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class TaskFilters:
    statuses: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    equipment_types: tuple[str, ...] = ()
    test_types: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    search: str = ""
    """Matched against equipment tag and file name, case-insensitively."""
    mine_only: bool = False


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


def _visible(query: QueryT, actor: Actor, filters: TaskFilters) -> QueryT:
    if not actor.can(Role.MANAGER) or filters.mine_only:
        query = query.where(Task.user_id == actor.id)
    return query


def _holds_test(kind: str) -> ColumnElement[bool]:
    """The analysis holds this test: as its main one, or among its `test_types` (plain JSON on
    PostgreSQL has no containment operator; the quoted name inside its text is exact enough,
    test names being distinct words)."""
    if kind not in set(TestType):  # a name from the URL: never a LIKE pattern of its own
        return Analysis.test_type == kind
    return or_(
        Analysis.test_type == kind,
        cast(Analysis.test_types, Text).like(f'%"{kind}"%'),
    )


def apply_filters(query: QueryT, filters: TaskFilters) -> QueryT:
    if filters.statuses:
        query = query.where(Task.status.in_(filters.statuses))
    if filters.verdicts:
        query = query.where(Analysis.verdict.in_(filters.verdicts))
    if filters.equipment_types:
        query = query.where(Analysis.equipment_type.in_(filters.equipment_types))
    if filters.test_types:
        query = query.where(or_(*(_holds_test(kind) for kind in filters.test_types)))
    if filters.sites:
        named = [s for s in filters.sites if s]
        clauses = [Task.site.in_(named)] if named else []
        if "" in filters.sites:
            clauses.append(Task.site.is_(None))
        query = query.where(or_(*clauses))
    if filters.date_from:
        query = query.where(Task.created_at >= _start_of(filters.date_from))
    if filters.date_to:
        query = query.where(Task.created_at < _start_of(filters.date_to + dt.timedelta(days=1)))
    if filters.search.strip():
        pattern = f"%{filters.search.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(Analysis.equipment_tag).like(pattern),
                func.lower(Task.original_filename).like(pattern),
            )
        )
    return query


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def list_tasks(
    ctx: ServiceContext, actor: Actor, filters: TaskFilters | None = None, limit: int = 500
) -> list[TaskRow]:
    filters = filters or TaskFilters()
    query = (
        select(Task, Analysis, User.email)
        .join(User, User.id == Task.user_id)
        .outerjoin(Analysis, Analysis.task_id == Task.id)
        .where(~exists().where(Parts.parent_id == Task.id))  # a package shows as its reports
        .order_by(Task.created_at.desc(), Task.part_number, Task.id)
        .limit(limit)
    )
    query = apply_filters(_visible(query, actor, filters), filters)
    with ctx.session() as session:
        return [
            TaskRow(
                task_id=task.id,
                created_at=as_utc(task.created_at),
                original_filename=task.original_filename,
                status=task.status,
                owner_email=email,
                site=task.site,
                equipment_tag=analysis.equipment_tag if analysis else None,
                equipment_type=analysis.equipment_type if analysis else None,
                test_type=analysis.test_type if analysis else None,
                verdict=analysis.verdict if analysis else None,
                compliance_score=analysis.compliance_score if analysis else None,
                confidence_score=analysis.confidence_score if analysis else None,
                error_message=task.error_message,
                test_types=tuple(stored_test_types(analysis)) if analysis else (),
                part=task.part,
            )
            for task, analysis, email in session.execute(query)
        ]


def filter_options(ctx: ServiceContext, actor: Actor) -> dict[str, list[str]]:
    """Values present in the data the actor can see, for filter widgets."""
    base = select(Task).join(User, User.id == Task.user_id)
    base = _visible(base, actor, TaskFilters())
    visible = base.with_only_columns(Task.id).scalar_subquery()
    with ctx.session() as session:
        sites = session.scalars(
            select(Task.site).where(Task.id.in_(visible), Task.site.is_not(None)).distinct()
        )
        analyses = session.execute(
            select(Analysis.equipment_type, Analysis.test_type, Analysis.test_types).where(
                Analysis.task_id.in_(visible)
            )
        ).all()
        return {
            "sites": sorted(s for s in sites if s),
            "equipment_types": sorted({a for a, _, _ in analyses}),
            "test_types": sorted(
                {t for _, main, every in analyses for t in [main, *(every or [])]}
            ),
        }


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

    @property
    def is_finished(self) -> bool:
        return self.status in (TaskStatus.COMPLETED, TaskStatus.FAILED)


def get_analysis_view(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> AnalysisView:
    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        view = AnalysisView(
            task_id=task.id,
            original_filename=task.original_filename,
            owner_email=task.user.email,
            created_at=as_utc(task.created_at),
            status=task.status,
            error_message=task.error_message,
            site=task.site,
            profile_id=task.profile_id or "neta-ats-2025",
            part=task.part,
            package_id=task.parent_id,
            package=package_summary(session, task.id),
        )
        analysis = _load_analysis(session, task.id)
        if analysis is None:
            return view
        return _with_analysis(session, view, analysis)


def _load_analysis(session: Session, task_id: uuid.UUID) -> Analysis | None:
    return session.scalar(
        select(Analysis).where(Analysis.task_id == task_id).options(selectinload(Analysis.findings))
    )


def _with_analysis(session: Session, view: AnalysisView, analysis: Analysis) -> AnalysisView:
    values = dict(view.__dict__)
    values.update(
        equipment_type=analysis.equipment_type,
        test_type=analysis.test_type,
        test_types=tuple(stored_test_types(analysis)),
        equipment_tag=analysis.equipment_tag,
        verdict=analysis.verdict,
        machine_verdict=analysis.machine_verdict,
        compliance_score=analysis.compliance_score,
        machine_compliance_score=analysis.machine_compliance_score,
        confidence_score=analysis.confidence_score,
        extraction=ExtractionResult.model_validate(analysis.extraction_result)
        if analysis.extraction_result
        else None,
        validation=ValidationResult.model_validate(analysis.validation_result)
        if analysis.validation_result
        else None,
        findings=_finding_views(session, analysis.findings),
    )
    return AnalysisView(**values)


def _finding_views(session: Session, findings: list[Finding]) -> list[FindingView]:
    names = _emails(session, {f.overridden_by for f in findings if f.overridden_by})
    views = []
    for f in in_report_order(findings):
        finding = from_row(f)
        views.append(
            FindingView(
                id=f.id,
                rule_id=finding.rule_id,
                rule_name=finding.rule_name,
                severity=finding.severity,
                message=finding.message,
                evidence=finding.evidence,
                remediation=finding.remediation,
                overridden=f.overridden_at is not None,
                override_justification=f.override_justification,
                overridden_by=names.get(f.overridden_by) if f.overridden_by else None,
                overridden_at=f.overridden_at,
            )
        )
    return views


def _emails(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return {
        uid: email
        for uid, email in session.execute(select(User.id, User.email).where(User.id.in_(ids)))
    }


def share_link(ctx: ServiceContext, task_id: uuid.UUID) -> str:
    """`{AUDITENG_PUBLIC_URL}/analysis?task=<id>`, or a relative link when no public URL is set."""
    base = ctx.settings.public_url or ""
    return f"{base}/analysis?task={task_id}"
