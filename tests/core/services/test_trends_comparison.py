"""Trends' new aggregates on both databases: open deficiencies per severity and period, the
verdict mix per site and per testing company with each company's failing rules, periods by test
date or upload date, the partial last period, rule names, the asset-tag and package filters."""

from __future__ import annotations

import datetime as dt

from core.services import overrides, trends, views
from core.services.context import ServiceContext
from core.services.users import Actor
from core.services.views import TaskFilters
from tests.dashboard.helpers import seed_report

LOW = (2.5e9, 3.1e9, 5e6)  # one reading far below the minimum: IR-001 CRITICAL


def _company(name: str) -> object:
    def edit(doc: dict[str, object]) -> None:
        doc["test"]["company"] = name  # type: ignore[index]

    return edit


def test_comparison_per_site_and_company(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    june = dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC)
    seed_report(ctx, engineer, tag="A1", site="North", created_at=june, edit=_company("Acme"))
    bad = seed_report(
        ctx, engineer, tag="A2", site="North", readings_ohm=LOW, created_at=june,
        edit=_company("Acme"),
    )  # fmt: skip
    seed_report(ctx, engineer, tag="B1", site="South", created_at=june, edit=_company("Bolt"))
    summary = trends.trend_summary(ctx, manager, today=dt.date(2030, 1, 1))
    assert summary.open_findings["CRITICAL"] >= 1
    companies = {(c, v): n for c, v, n, _ in summary.company_verdicts}
    assert companies[("Acme", "REJECTED")] == 1 and companies[("Bolt", "APPROVED")] == 1
    sites = {(s, v): n for s, v, n, _ in summary.site_verdicts}
    assert sites[("North", "APPROVED")] == 1 and sites[("North", "REJECTED")] == 1
    assert ("Acme", "IR-001") in {(c, r) for c, r, _ in summary.company_rules}
    assert "Bolt" not in {c for c, _, _ in summary.company_rules}  # no open deficiency
    assert summary.rule_names["IR-001"]
    # Periods by the report's test date (2025-03-01) or by the upload date (June).
    assert {p.start for p in summary.periods} == {dt.date(2025, 2, 24)}  # its week
    monthly = trends.trend_summary(ctx, manager, freq="M", basis="uploaded")
    assert {p.start for p in monthly.periods} == {dt.date(2025, 6, 1)}
    opened = {(d, s): n for d, s, n in summary.open_periods}
    assert opened[(dt.date(2025, 2, 24), "CRITICAL")] >= 1  # the week from Monday 24 February
    assert summary.partial_from is None
    today = trends.trend_summary(ctx, manager, freq="M", today=dt.date(2025, 3, 20))
    assert today.partial_from == dt.date(2025, 3, 1)  # the month has not ended
    # An override closes the deficiency.
    view = views.get_analysis_view(ctx, manager, bad)
    for finding in view.findings:
        if finding.severity in ("CRITICAL", "MAJOR"):
            overrides.override_finding(ctx, manager, finding.id, "Accepted after a re-test")
    after = trends.trend_summary(ctx, manager)
    assert after.open_findings["CRITICAL"] == 0 and after.company_rules == []
    assert after.severities == summary.severities  # every finding still counted


def test_trends_and_tasks_filter_by_asset_tag(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    seed_report(ctx, engineer, tag="CB-12A")
    seed_report(ctx, engineer, tag="TX-3")
    tagged = TaskFilters(tags=("cb-12a",))
    assert trends.trend_summary(ctx, manager, tagged).reports == 1
    assert [r.equipment_tag for r in views.list_tasks(ctx, manager, tagged)] == ["CB-12A"]
    assert views.list_tasks(ctx, manager, TaskFilters(tags=("CB-12",))) == []  # whole tags
