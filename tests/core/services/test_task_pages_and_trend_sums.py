"""The dashboards' data from SQL: the Tasks list paged by keyset and sorted in the database,
Trends' sums kept right through overrides, and periods bucketed alike on both databases."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from core.analysis.evaluate import evaluate
from core.demo import demo_report
from core.enums import Role, Severity
from core.models import Task
from core.schemas import ExtractionResult
from core.services import overrides, tasks, trends, users, views
from core.services.context import ServiceContext
from core.services.outcomes import store_outcome
from core.services.users import Actor
from core.standards import DEFAULT_PROFILE_ID, load_profile

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def demo(ctx: ServiceContext, admin: Actor, manager: Actor, engineer: Actor) -> ServiceContext:
    """23 demo reports over six months, judged in this process (the isolated child each upload
    gets is tested elsewhere); the test's own manager and engineer own none of them."""
    rng = random.Random(7)
    owner = users.create_user(
        ctx, admin, email="tech@example.com", password="correct horse", role=Role.ENGINEER
    )
    for index in range(23):
        day = TODAY - dt.timedelta(days=180 - 8 * index)
        site = rng.choice(["DC-North", "DC-South", None])
        name, content = demo_report(rng, day, site or "DC-West", 0.4)
        task_id = tasks.submit_report(
            ctx, owner, filename=name, content=content, site=site, allow_duplicate=True
        ).task_id
        outcome = evaluate(ExtractionResult.model_validate_json(content), load_profile(), as_of=day)
        with ctx.session() as session:
            task = session.get(Task, task_id)
            assert task is not None
            store_outcome(session, task, outcome, DEFAULT_PROFILE_ID)
            task.created_at = dt.datetime.combine(day, dt.time(9 + index % 8), tzinfo=dt.UTC)
    return ctx


def _walk(ctx: ServiceContext, actor: Actor, **options: object) -> list[views.TaskRow]:
    rows: list[views.TaskRow] = []
    after = None
    while True:
        page = views.list_task_page(ctx, actor, size=5, after=after, **options)  # type: ignore[arg-type]
        assert page.total == 23 and len(page.rows) <= 5
        rows += page.rows
        if page.next_key is None:
            return rows
        after = page.next_key


def test_pages_cover_every_report_once_newest_first(demo: ServiceContext, manager: Actor) -> None:
    rows = _walk(demo, manager)
    assert len(rows) == 23 and len({r.task_id for r in rows}) == 23
    created = [r.created_at for r in rows]
    assert created == sorted(created, reverse=True)


@pytest.mark.parametrize("sort", ["compliance_score", "equipment_tag", "verdict"])
def test_pages_sort_in_the_database(demo: ServiceContext, manager: Actor, sort: str) -> None:
    rows = _walk(demo, manager, sort=sort, descending=False)
    assert len({r.task_id for r in rows}) == 23
    keys = [getattr(r, sort) for r in rows]
    assert keys == sorted(keys)


def test_an_engineer_pages_only_their_own(demo: ServiceContext, engineer: Actor) -> None:
    page = views.list_task_page(demo, engineer)
    assert page.total == 0 and page.rows == [] and page.next_key is None


def test_rows_carry_tests_and_open_criticals(demo: ServiceContext, manager: Actor) -> None:
    rows = views.list_task_page(demo, manager, size=50).rows
    assert all(r.test_types and r.test_types[0] == r.test_type for r in rows)
    assert any(r.critical_open for r in rows)


def test_an_override_changes_the_open_critical_sum(demo: ServiceContext, manager: Actor) -> None:
    before = trends.trend_summary(demo, manager)
    row = next(r for r in views.list_task_page(demo, manager, size=50).rows if r.critical_open)
    view = views.get_analysis_view(demo, manager, row.task_id)
    critical = next(f for f in view.findings if f.severity is Severity.CRITICAL)
    overrides.override_finding(demo, manager, critical.id, "Retested on site; reading was a typo.")
    after = trends.trend_summary(demo, manager)
    assert after.open_critical == before.open_critical - 1
    assert after.severities == before.severities  # an override keeps the finding
    overrides.revoke_override(demo, manager, critical.id)
    assert trends.trend_summary(demo, manager).open_critical == before.open_critical


def test_weeks_start_on_monday_and_sum_to_the_reports(demo: ServiceContext, manager: Actor) -> None:
    summary = trends.trend_summary(demo, manager, freq="W")
    assert {p.start.weekday() for p in summary.periods} == {0}
    assert sum(p.analyses for p in summary.periods) == summary.reports == 23
    assert sum(n for _, n, _ in summary.sites) == 23
    exported = list(trends.export_rows(demo, manager, None, "analyses"))
    for period in summary.periods:
        week = [
            a
            for a in exported
            if period.start <= a["created_at"].date() < period.start + dt.timedelta(days=7)
            and a["verdict"] == period.verdict
        ]
        assert len(week) == period.analyses
