"""Compliance trends for managers: aggregates the database computes over the analyses the filters
select (`core.repositories.trends`), and the two exports, read only when someone asks for them.

A page load costs a handful of GROUP BY queries whatever the number of analyses; nothing here
holds a row per analysis or per finding in memory, except an export's current batch.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from core.enums import Role
from core.repositories import trends as repo
from core.repositories.task_queries import TaskFilters
from core.services import clock
from core.services.clock import as_utc
from core.services.context import ServiceContext
from core.services.errors import PermissionDenied
from core.services.exports import safe_row
from core.services.rules import rule_catalogue
from core.services.users import Actor

REFUSED = "Trends are for managers; ask an administrator for access."
Freq = repo.Freq
Basis = repo.Basis
SEVERITIES = ("CRITICAL", "MAJOR", "MINOR", "INFO")


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
    open_findings: dict[str, int] = field(default_factory=dict)
    """Findings no manager has overridden, per severity (every severity, zero included)."""
    open_periods: list[tuple[dt.date, str, int]] = field(default_factory=list)
    """(period start, CRITICAL or MAJOR, open findings), oldest first."""
    site_verdicts: list[tuple[str | None, str, int, int]] = field(default_factory=list)
    """(site or None, verdict, analyses, open CRITICAL findings)."""
    company_verdicts: list[tuple[str | None, str, int, int]] = field(default_factory=list)
    """(testing company or None, verdict, analyses, open CRITICAL findings)."""
    company_rules: list[tuple[str | None, str, int]] = field(default_factory=list)
    """(testing company or None, rule id, open CRITICAL/MAJOR findings), each company's top 3."""
    rule_names: dict[str, str] = field(default_factory=dict)
    """Rule id → what it checks, for every rule the charts name."""
    freq: str = "W"
    basis: str = "test"
    partial_from: dt.date | None = None
    """The start of the last period when that period has not ended yet (today falls in it)."""

    @property
    def approval_rate(self) -> float | None:
        return self.approved / self.reports if self.reports else None


def _scope(actor: Actor, filters: TaskFilters | None) -> repo.Scope:
    if not actor.can(Role.MANAGER):
        raise PermissionDenied(REFUSED)
    filters = filters or TaskFilters()
    return repo.Scope(filters, actor.id if filters.mine_only else None)


@functools.cache
def rule_names() -> dict[str, str]:
    """Every rule's id → what it checks (its title, else its name), from the catalogue."""
    return {rule.id: rule.title or rule.name for rule in rule_catalogue()}


def _from_groups(
    groups: list[tuple[str, str, int, int]], top: int = 10
) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """The top rules (every finding, most first, ties by id) and the open findings per
    severity, from `repo.finding_groups`'s few rows."""
    per_rule: Counter[str] = Counter()
    still_open: Counter[str] = Counter()
    for rule, severity, n, still in groups:
        per_rule[rule] += n
        still_open[severity] += still
    rules = sorted(per_rule.items(), key=lambda item: (-item[1], item[0]))[:top]
    return rules, dict(still_open)


def _top_per_company(
    pairs: list[tuple[str | None, str, int]], per_company: int = 3
) -> list[tuple[str | None, str, int]]:
    """Each company's `per_company` most frequent open CRITICAL/MAJOR rules, most first."""
    failing: dict[str | None, Counter[str]] = {}
    for company, rule, n in pairs:
        failing.setdefault(company, Counter())[rule] += n
    return [
        (company, rule, n)
        for company in sorted(failing, key=lambda c: (c is None, c or ""))
        for rule, n in sorted(failing[company].items(), key=lambda i: (-i[1], i[0]))[:per_company]
    ]


def period_end(start: dt.date, freq: str) -> dt.date:
    """The day after the period starting `start` ends (a week from Monday, or a month)."""
    if freq == "M":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start + dt.timedelta(days=7)


def trend_summary(
    ctx: ServiceContext,
    actor: Actor,
    filters: TaskFilters | None = None,
    freq: Freq = "W",
    basis: Basis = "test",
    *,
    today: dt.date | None = None,
) -> TrendSummary:
    """The aggregates of the analyses the filters select, periods by `basis` (the test date,
    else the upload date; or always the upload date)."""
    scope = _scope(actor, filters)
    with ctx.session() as session:
        totals = repo.totals(session=session, scope=scope)
        periods = [
            PeriodRow(*row)
            for row in repo.by_period(session=session, scope=scope, freq=freq, basis=basis)
        ]
        sites = repo.by_site(session=session, scope=scope)
        cells = repo.by_equipment_and_test(session=session, scope=scope)
        groups = repo.finding_groups(session=session, scope=scope)
        pairs = repo.company_rules(session=session, scope=scope)
        open_periods = repo.open_by_period(session=session, scope=scope, freq=freq, basis=basis)
        site_verdicts = repo.verdicts_by(session=session, scope=scope, by="site")
        company_verdicts = repo.verdicts_by(session=session, scope=scope, by="company")
    rules, open_findings = _from_groups(groups)
    company_rules = _top_per_company(pairs)
    names = rule_names()
    named = {rule for rule, _ in rules} | {rule for _, rule, _ in company_rules}
    last = max((p.start for p in periods), default=None)
    day = today or clock.now().date()
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
        open_findings={name: open_findings.get(name, 0) for name in SEVERITIES},
        open_periods=open_periods,
        site_verdicts=site_verdicts,
        company_verdicts=company_verdicts,
        company_rules=company_rules,
        rule_names={rule: names[rule] for rule in named if rule in names},
        freq=freq,
        basis=basis,
        partial_from=last if last is not None and day < period_end(last, freq) else None,
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
