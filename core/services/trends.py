"""Compliance trends for managers: one row per analysis and one per finding, filtered like Tasks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from core.enums import Role, TaskStatus
from core.models import Analysis, Finding, Task, User
from core.services.clock import as_utc
from core.services.context import ServiceContext
from core.services.errors import PermissionDenied
from core.services.stored import stored_test_types
from core.services.users import Actor
from core.services.views import TaskFilters, apply_filters


@dataclass(frozen=True)
class TrendData:
    analyses: list[dict[str, Any]]
    """task_id, created_at, site, equipment_type, test_type (most readings), test_types (all),
    equipment_tag, verdict, compliance_score, confidence_score, critical_open."""
    findings: list[dict[str, Any]]
    """task_id, created_at, severity, rule_id, overridden, site, equipment_type, test_type."""


def trend_data(ctx: ServiceContext, actor: Actor, filters: TaskFilters | None = None) -> TrendData:
    if not actor.can(Role.MANAGER):
        raise PermissionDenied("Trends are for managers; ask an administrator for access.")
    filters = filters or TaskFilters()
    query = (
        select(Task.id, Task.created_at, Task.site, Analysis)
        .join(Analysis, Analysis.task_id == Task.id)
        .join(User, User.id == Task.user_id)
        .where(Task.status == TaskStatus.COMPLETED)
        .order_by(Task.created_at)
    )
    query = apply_filters(query, filters)
    with ctx.session() as session:
        rows = session.execute(query).all()
        by_analysis = {
            analysis.id: (task_id, created, site) for task_id, created, site, analysis in rows
        }
        finding_rows = (
            session.execute(
                select(
                    Finding.analysis_id, Finding.severity, Finding.rule_id, Finding.overridden_at
                ).where(Finding.analysis_id.in_(list(by_analysis)))
            ).all()
            if by_analysis
            else []
        )
    analyses_meta = {analysis.id: analysis for *_rest, analysis in rows}
    critical_open: dict[Any, int] = {}
    findings = []
    for analysis_id, severity, rule_id, overridden_at in finding_rows:
        task_id, created, site = by_analysis[analysis_id]
        analysis = analyses_meta[analysis_id]
        if severity == "CRITICAL" and overridden_at is None:
            critical_open[analysis_id] = critical_open.get(analysis_id, 0) + 1
        findings.append(
            {
                "task_id": str(task_id),
                "created_at": as_utc(created),
                "severity": severity,
                "rule_id": rule_id,
                "overridden": overridden_at is not None,
                "site": site,
                "equipment_type": analysis.equipment_type,
                "test_type": analysis.test_type,
            }
        )
    analyses = [
        {
            "task_id": str(task_id),
            "created_at": as_utc(created),
            "site": site,
            "equipment_type": analysis.equipment_type,
            "test_type": analysis.test_type,
            "test_types": stored_test_types(analysis),
            "equipment_tag": analysis.equipment_tag,
            "verdict": analysis.verdict,
            "compliance_score": analysis.compliance_score,
            "confidence_score": analysis.confidence_score,
            "critical_open": critical_open.get(analysis.id, 0),
        }
        for task_id, created, site, analysis in rows
    ]
    return TrendData(analyses=analyses, findings=findings)
