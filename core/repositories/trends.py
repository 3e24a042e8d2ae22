"""The Trends page's SQL: aggregates over the analyses of COMPLETED tasks that the filters select,
computed by the database. Nothing here reads a JSON column or returns a row per analysis,
except the two exports, which stream plain columns when someone asks for a CSV.

Finding severities come from the counts kept on each analysis (`Analysis.critical_count` …);
only the per-rule count reads `findings`, through the (analysis_id, rule_id) index.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Date, Select, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from core.enums import Severity, TaskStatus
from core.models import Analysis, AnalysisTest, Finding, Task
from core.repositories.task_queries import TaskFilters, apply_filters, visible

Freq = Literal["W", "M"]
Basis = Literal["test", "uploaded"]
"""Which date puts an analysis in a period: the test date the report gives (the upload date when
it gives none), or the upload date."""
EXPORT_BATCH = 2_000


@dataclass(frozen=True)
class Scope:
    """Which analyses: the filters, and whose tasks (None: everyone's)."""

    filters: TaskFilters
    owner_id: uuid.UUID | None


def _where(query: Select[*tuple[Any, ...]], scope: Scope) -> Select[*tuple[Any, ...]]:
    query = query.where(Task.status == TaskStatus.COMPLETED)
    return apply_filters(visible(query, scope.owner_id), scope.filters)


def _analyses(*columns: Any) -> Select[*tuple[Any, ...]]:
    return select(*columns).select_from(Analysis).join(Task, Task.id == Analysis.task_id)


def analysis_groups(*, session: Session, scope: Scope) -> list[dict[str, Any]]:
    """Per site, testing company and verdict: reports, compliance_sum, compliance_n,
    critical_open and the finding count per severity (critical, major, minor, info). One scan
    of the analyses gives the totals, the sites and the verdict mixes per site and per company
    (a few hundred rows: sites × companies × verdicts)."""
    query = _analyses(
        Task.site.label("site"),
        Analysis.testing_company.label("company"),
        Analysis.verdict.label("verdict"),
        func.count().label("reports"),
        func.coalesce(func.sum(Analysis.compliance_score), 0.0).label("compliance_sum"),
        func.count(Analysis.compliance_score).label("compliance_n"),
        func.coalesce(func.sum(Analysis.critical_open), 0).label("critical_open"),
        func.coalesce(func.sum(Analysis.critical_count), 0).label("critical"),
        func.coalesce(func.sum(Analysis.major_count), 0).label("major"),
        func.coalesce(func.sum(Analysis.minor_count), 0).label("minor"),
        func.coalesce(func.sum(Analysis.info_count), 0).label("info"),
    )
    query = _where(query, scope).group_by(Task.site, Analysis.testing_company, Analysis.verdict)
    return [dict(row._mapping) for row in session.execute(query)]


def period_start(column: Any, freq: Freq, dialect: str) -> ColumnElement[Any]:
    """The start of the UTC week (Monday) or month holding `column`, on either database."""
    if dialect == "postgresql":
        unit = "week" if freq == "W" else "month"
        return func.date_trunc(unit, func.timezone("UTC", column))
    if freq == "W":  # SQLite: forward to Sunday (or stay), then back to that week's Monday
        return func.date(column, "weekday 0", "-6 days")
    return func.strftime("%Y-%m-01", column)


def _day(basis: Basis, dialect: str) -> Any:
    """The date an analysis counts under: its test date, else its upload date."""
    if basis == "uploaded":
        return Task.created_at
    if dialect == "postgresql":
        return func.coalesce(Analysis.test_date, cast(func.timezone("UTC", Task.created_at), Date))
    return func.coalesce(Analysis.test_date, Task.created_at)


def _period(session: Session, freq: Freq, basis: Basis) -> Any:
    dialect = session.get_bind().dialect.name
    return period_start(_day(basis, dialect), freq, dialect).label("period")


def by_period(
    *, session: Session, scope: Scope, freq: Freq, basis: Basis = "uploaded"
) -> list[tuple[dt.date, str, int, float, int]]:
    """(period start, verdict, analyses, compliance sum, compliance count) per period and
    verdict, oldest first."""
    period = _period(session, freq, basis)
    query = _analyses(
        period,
        Analysis.verdict,
        func.count(),
        func.coalesce(func.sum(Analysis.compliance_score), 0.0),
        func.count(Analysis.compliance_score),
    )
    query = _where(query, scope).group_by(period, Analysis.verdict).order_by(period)
    return [
        (_as_date(start), verdict or "", int(n), float(total), int(scored))
        for start, verdict, n, total, scored in session.execute(query)
    ]


def open_by_period(
    *, session: Session, scope: Scope, freq: Freq, basis: Basis = "uploaded"
) -> list[tuple[dt.date, str, int]]:
    """(period start, severity, open findings) for CRITICAL and MAJOR findings no manager has
    overridden, per period, oldest first. The findings are counted per analysis first, so an
    analysis's period is worked out once, not once per finding."""
    per_analysis = (
        select(Finding.analysis_id, Finding.severity, func.count().label("n"))
        .where(Finding.severity.in_([Severity.CRITICAL.value, Severity.MAJOR.value]))
        .where(Finding.overridden_at.is_(None))
        .group_by(Finding.analysis_id, Finding.severity)
        .subquery()
    )
    period = _period(session, freq, basis)
    query: Select[*tuple[Any, ...]] = (
        select(period, per_analysis.c.severity, func.sum(per_analysis.c.n))
        .select_from(per_analysis)
        .join(Analysis, Analysis.id == per_analysis.c.analysis_id)
        .join(Task, Task.id == Analysis.task_id)
    )
    query = _where(query, scope).group_by(period, per_analysis.c.severity).order_by(period)
    return [(_as_date(start), severity, int(n)) for start, severity, n in session.execute(query)]


def finding_groups(
    *, session: Session, scope: Scope
) -> list[tuple[str | None, str, str, int, int]]:
    """(testing company, rule id, severity, findings, open findings) for every triple present:
    one scan of the findings gives the top rules, the open counts per severity and where each
    company's reports fail."""
    overridden = func.count(Finding.overridden_at)
    query: Select[*tuple[Any, ...]] = (
        select(
            Analysis.testing_company, Finding.rule_id, Finding.severity, func.count(), overridden
        )
        .select_from(Finding)
        .join(Analysis, Analysis.id == Finding.analysis_id)
        .join(Task, Task.id == Analysis.task_id)
    )
    query = _where(query, scope).group_by(
        Analysis.testing_company, Finding.rule_id, Finding.severity
    )
    return [
        (company, rule, severity, int(n), int(n) - int(gone))
        for company, rule, severity, n, gone in session.execute(query)
    ]


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def by_equipment_and_test(
    *, session: Session, scope: Scope
) -> list[tuple[str, str, int, float | None]]:
    """(equipment type, test, analyses, mean compliance): an analysis counts under each of its
    tests (a breaker sheet: insulation and contact resistance)."""
    query = _analyses(
        Analysis.equipment_type,
        AnalysisTest.test_type,
        func.count(),
        func.avg(Analysis.compliance_score),
    ).join(AnalysisTest, AnalysisTest.analysis_id == Analysis.id)
    query = _where(query, scope).group_by(Analysis.equipment_type, AnalysisTest.test_type)
    return [
        (equipment, test, int(n), _float(mean))
        for equipment, test, n, mean in session.execute(query)
    ]


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


ANALYSIS_EXPORT = (
    "task_id",
    "created_at",
    "site",
    "equipment_type",
    "test_type",
    "equipment_tag",
    "verdict",
    "compliance_score",
    "confidence_score",
    "critical_open",
)
FINDING_EXPORT = (
    "task_id",
    "created_at",
    "severity",
    "rule_id",
    "overridden",
    "site",
    "equipment_type",
    "test_type",
)


def export_analyses(*, session: Session, scope: Scope) -> Iterator[tuple[Any, ...]]:
    """One tuple per analysis in ANALYSIS_EXPORT's order, oldest first, fetched in batches."""
    query = _analyses(
        Task.id,
        Task.created_at,
        Task.site,
        Analysis.equipment_type,
        Analysis.test_type,
        Analysis.equipment_tag,
        Analysis.verdict,
        Analysis.compliance_score,
        Analysis.confidence_score,
        Analysis.critical_open,
    )
    query = _where(query, scope).order_by(Task.created_at, Task.id)
    yield from session.execute(query.execution_options(yield_per=EXPORT_BATCH))


def export_findings(*, session: Session, scope: Scope) -> Iterator[tuple[Any, ...]]:
    """One tuple per finding in FINDING_EXPORT's order, fetched in batches."""
    query: Select[*tuple[Any, ...]] = (
        select(
            Task.id,
            Task.created_at,
            Finding.severity,
            Finding.rule_id,
            Finding.overridden_at.is_not(None),
            Task.site,
            Analysis.equipment_type,
            Analysis.test_type,
        )
        .select_from(Finding)
        .join(Analysis, Analysis.id == Finding.analysis_id)
        .join(Task, Task.id == Analysis.task_id)
    )
    query = _where(query, scope).order_by(Task.created_at, Task.id, Finding.rule_id)
    yield from session.execute(query.execution_options(yield_per=EXPORT_BATCH))
