"""Compliance trends for managers: aggregates the database computes over the analyses the filters
select (`core.repositories.trends`), and the two exports, read only when someone asks for them.

A page load costs a handful of GROUP BY queries whatever the number of analyses; nothing here
holds a row per analysis or per finding in memory, except an export's current batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from core.enums import Role
from core.repositories import trends as repo
from core.repositories.task_queries import TaskFilters
from core.services.clock import as_utc
from core.services.context import ServiceContext
from core.services.errors import PermissionDenied
from core.services.exports import safe_row
from core.services.users import Actor

REFUSED = "Trends are for managers; ask an administrator for access."
Freq = repo.Freq


@dataclass(frozen=True)
class PeriodRow:
    start: dt.date
    verdict: str
    analyses: int
    compliance_sum: float
    compliance_n: int


@dataclass(frozen=True)
class TrendSummary:
    reports: int
    approved: int
    mean_compliance: float | None
    open_critical: int
    """CRITICAL findings no manager has overridden."""
    severities: dict[str, int]
    """Findings per severity, every severity present (zero included)."""
    periods: list[PeriodRow] = field(default_factory=list)
    """Analyses per period (UTC week from Monday, or month) and verdict, oldest first."""
    sites: list[tuple[str | None, int, float | None]] = field(default_factory=list)
    """(site or None, analyses, mean compliance)."""
    equipment_tests: list[tuple[str, str, int, float | None]] = field(default_factory=list)
    """(equipment type, test, analyses, mean compliance); an analysis counts under each test."""
    top_rules: list[tuple[str, int]] = field(default_factory=list)
    """(rule id, findings), most first."""

    @property
    def approval_rate(self) -> float | None:
        return self.approved / self.reports if self.reports else None


def _scope(actor: Actor, filters: TaskFilters | None) -> repo.Scope:
    if not actor.can(Role.MANAGER):
        raise PermissionDenied(REFUSED)
    filters = filters or TaskFilters()
    return repo.Scope(filters, actor.id if filters.mine_only else None)


def trend_summary(
    ctx: ServiceContext, actor: Actor, filters: TaskFilters | None = None, freq: Freq = "W"
) -> TrendSummary:
    scope = _scope(actor, filters)
    with ctx.session() as session:
        totals = repo.totals(session=session, scope=scope)
        periods = [
            PeriodRow(*row) for row in repo.by_period(session=session, scope=scope, freq=freq)
        ]
        sites = repo.by_site(session=session, scope=scope)
        cells = repo.by_equipment_and_test(session=session, scope=scope)
        rules = repo.top_rules(session=session, scope=scope)
    scored = int(totals["compliance_n"])
    return TrendSummary(
        reports=int(totals["reports"]),
        approved=int(totals["approved"]),
        mean_compliance=float(totals["compliance_sum"]) / scored if scored else None,
        open_critical=int(totals["critical_open"]),
        severities={
            name.upper(): int(totals[name]) for name in ("critical", "major", "minor", "info")
        },
        periods=periods,
        sites=sites,
        equipment_tests=cells,
        top_rules=rules,
    )


ANALYSIS_COLUMNS = repo.ANALYSIS_EXPORT
FINDING_COLUMNS = repo.FINDING_EXPORT


def export_rows(
    ctx: ServiceContext, actor: Actor, filters: TaskFilters | None, kind: str
) -> Iterator[dict[str, Any]]:
    """Every analysis (`kind` "analyses") or finding ("findings") the filters select, as dicts
    with ANALYSIS_COLUMNS / FINDING_COLUMNS, oldest first; read in batches while iterated.
    Text that a spreadsheet would run as a formula (a tag `=cmd|…`) comes quoted (`safe_cell`)."""
    scope = _scope(actor, filters)
    read, columns = (
        (repo.export_analyses, ANALYSIS_COLUMNS)
        if kind == "analyses"
        else (repo.export_findings, FINDING_COLUMNS)
    )
    with ctx.session() as session:
        for row in read(session=session, scope=scope):
            values = dict(zip(columns, row, strict=True))
            values["task_id"] = str(values["task_id"])
            values["created_at"] = as_utc(values["created_at"])
            yield safe_row(values)
