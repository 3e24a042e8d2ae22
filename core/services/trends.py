"""Compliance trends for managers: aggregates the database computes over the analyses the filters
select (`core.repositories.trends`), and the two exports, read only when someone asks for them.

A page load costs five GROUP BY queries whatever the number of analyses (two scans of the
analyses, two of the findings, one of the tests); nothing here holds a row per analysis or per
finding in memory, except an export's current batch.
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
    groups: list[tuple[str | None, str, str, int, int]], top: int = 10, per_company: int = 3
) -> tuple[list[tuple[str, int]], dict[str, int], list[tuple[str | None, str, int]]]:
    """From `repo.finding_groups`'s rows: the top rules (every finding, most first, ties by id),
    the open findings per severity, and each company's `per_company` most frequent open
    CRITICAL/MAJOR rules, most first."""
    per_rule: Counter[str] = Counter()
    still_open: Counter[str] = Counter()
    failing: dict[str | None, Counter[str]] = {}
    for company, rule, severity, n, still in groups:
        per_rule[rule] += n
        still_open[severity] += still
        if severity in ("CRITICAL", "MAJOR") and still:
            failing.setdefault(company, Counter())[rule] += still
    rules = sorted(per_rule.items(), key=lambda item: (-item[1], item[0]))[:top]
    company_rules = [
        (company, rule, n)
        for company in sorted(failing, key=lambda c: (c is None, c or ""))
        for rule, n in sorted(failing[company].items(), key=lambda i: (-i[1], i[0]))[:per_company]
    ]
    return rules, dict(still_open), company_rules


_COUNTS = ("reports", "compliance_sum", "compliance_n", "critical_open")
_SEVERITY_COUNTS = ("critical", "major", "minor", "info")


def _totals(groups: list[dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, Any] = {name: 0 for name in (*_COUNTS, *_SEVERITY_COUNTS)}
    totals["approved"] = 0
    for group in groups:
        for name in (*_COUNTS, *_SEVERITY_COUNTS):
            totals[name] += group[name] or 0
        if group["verdict"] == "APPROVED":
            totals["approved"] += group["reports"]
    return totals


def _sites(groups: list[dict[str, Any]]) -> list[tuple[str | None, int, float | None]]:
    """(site, analyses, mean compliance) per site."""
    sums: dict[str | None, list[float]] = {}
    for group in groups:
        into = sums.setdefault(group["site"], [0, 0.0, 0])
        into[0] += group["reports"]
        into[1] += float(group["compliance_sum"] or 0.0)
        into[2] += group["compliance_n"]
    return [
        (site, int(n), total / scored if scored else None)
        for site, (n, total, scored) in sums.items()
    ]


def _verdicts_by(groups: list[dict[str, Any]], key: str) -> list[tuple[str | None, str, int, int]]:
    """(site or testing company, verdict, analyses, open CRITICAL findings) per group."""
    mix: Counter[tuple[str | None, str]] = Counter()
    critical: Counter[tuple[str | None, str]] = Counter()
    for group in groups:
        where = (group[key], group["verdict"] or "")
        mix[where] += group["reports"]
        critical[where] += group["critical_open"] or 0
    return [(name, verdict, n, critical[(name, verdict)]) for (name, verdict), n in mix.items()]


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
        analyses = repo.analysis_groups(session=session, scope=scope)
        periods = [
            PeriodRow(*row)
            for row in repo.by_period(session=session, scope=scope, freq=freq, basis=basis)
        ]
        cells = repo.by_equipment_and_test(session=session, scope=scope)
        groups = repo.finding_groups(session=session, scope=scope)
        open_periods = repo.open_by_period(session=session, scope=scope, freq=freq, basis=basis)
    totals = _totals(analyses)
    rules, open_findings, company_rules = _from_groups(groups)
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
        sites=_sites(analyses),
        equipment_tests=cells,
        top_rules=rules,
        open_findings={name: open_findings.get(name, 0) for name in SEVERITIES},
        open_periods=open_periods,
        site_verdicts=_verdicts_by(analyses, "site"),
        company_verdicts=_verdicts_by(analyses, "company"),
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
