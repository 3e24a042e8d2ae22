"""Assets over the years: the history the services gather for the HIST- rules when a report
runs (earlier completed analyses of the same tag and site tested before it), the asset list and
one asset's page with its baseline, who sees what, and the demo's re-tested assets."""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid

import pytest

from core import repositories as repo
from core.demo import run_demo
from core.demo_fleet import FLEET, FleetAsset, breaker_report, fleet_report
from core.enums import TaskStatus, TestType, Verdict
from core.schemas import TrendQuantity
from core.services import assets, overrides, tasks, views
from core.services.context import ServiceContext
from core.services.users import Actor

TODAY = dt.date(2026, 6, 30)
CB = FleetAsset("CB-9", "DC-North", TestType.CONTACT_RESISTANCE, (1.0, 1.3, 2.1), "GridCheck Inc.")


def _run(
    ctx: ServiceContext,
    actor: Actor,
    content: tuple[str, bytes],
    site: str | None,
    day: dt.date,
) -> uuid.UUID:
    name, data = content
    task_id = tasks.submit_report(
        ctx, actor, filename=name, content=data, site=site, allow_duplicate=True
    ).task_id
    assert tasks.run_analysis(ctx, task_id, as_of=day) == TaskStatus.COMPLETED
    with ctx.session() as session:  # uploaded on its test day, as the demo does
        task = repo.tasks.get_or_raise(session=session, id=task_id)
        task.created_at = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
    return task_id


def _years(
    ctx: ServiceContext, actor: Actor, asset: FleetAsset = CB, site: str | None = "DC-North"
) -> list[uuid.UUID]:
    rng = random.Random(3)
    ids = []
    for year, back in enumerate((730, 365, 10)):
        day = TODAY - dt.timedelta(days=back)
        ids.append(_run(ctx, actor, fleet_report(rng, asset, year, day), site, day))
    return ids


def _hist(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> list[tuple[str, str]]:
    view = views.get_analysis_view(ctx, actor, task_id)
    return sorted(
        (f.evidence.point or "", str(f.severity))
        for f in view.findings
        if f.rule_id.startswith("HIST-") and not f.overridden
    )


def test_a_report_is_judged_against_its_assets_history(
    ctx: ServiceContext, engineer: Actor
) -> None:
    first, second, third = _years(ctx, engineer)
    assert _hist(ctx, engineer, first) == []  # nothing earlier: the rules stay silent
    assert _hist(ctx, engineer, second) == [("Pole 2", "MINOR")]  # 30 % above the baseline
    found = views.get_analysis_view(ctx, engineer, third)
    hist = [f for f in found.findings if f.rule_id == "HIST-002"]
    assert {(f.evidence.point, str(f.severity)) for f in hist} == {
        ("Pole 2", "MAJOR"),
        ("Pole 3", "MAJOR"),
    }
    evidence = hist[0].evidence.details
    assert evidence["baseline_task_id"] == str(first)  # the first accepted reading
    assert evidence["baseline_date"] == (TODAY - dt.timedelta(days=730)).isoformat()
    # Re-running keeps working and gives the same findings (its own analysis is not history).
    assert tasks.run_analysis(ctx, third, as_of=TODAY) in (TaskStatus.COMPLETED, "COMPLETED")
    tasks.requeue(ctx, engineer, third, "neta-ats-2025")
    assert tasks.run_analysis(ctx, third, as_of=TODAY) == TaskStatus.COMPLETED
    assert _hist(ctx, engineer, third) == [("Pole 2", "MAJOR"), ("Pole 3", "MAJOR")]


def test_history_is_the_same_tag_at_the_same_site_only(
    ctx: ServiceContext, engineer: Actor
) -> None:
    rng = random.Random(1)
    last_year, now = TODAY - dt.timedelta(days=365), TODAY - dt.timedelta(days=5)
    _run(
        ctx, engineer, breaker_report(rng, "CB-1", "Plant-7", 30.0, last_year), "Plant-7", last_year
    )
    elsewhere = _run(
        ctx, engineer, breaker_report(rng, "cb-1", "DC-South", 50.0, now), "DC-South", now
    )
    assert _hist(ctx, engineer, elsewhere) == []
    here = _run(ctx, engineer, breaker_report(rng, "cb-1", "Plant-7", 50.0, now), "Plant-7", now)
    assert _hist(ctx, engineer, here) == [("Pole 1", "MAJOR")]  # 30 → 50 µΩ, tag case aside


def test_a_rejected_first_test_is_no_baseline_until_a_manager_approves_it(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    rng = random.Random(2)
    two_years, last_year = TODAY - dt.timedelta(days=730), TODAY - dt.timedelta(days=365)
    bad = _run(ctx, engineer, breaker_report(rng, "CB-5", "S", 90.0, two_years), "S", two_years)
    assert views.get_analysis_view(ctx, engineer, bad).verdict != Verdict.APPROVED
    now = _run(ctx, engineer, breaker_report(rng, "CB-5", "S", 45.0, last_year), "S", last_year)
    assert _hist(ctx, engineer, now) == []  # no accepted reading before it
    for item in views.get_analysis_view(ctx, manager, bad).findings:
        overrides.override_finding(
            ctx, manager, item.id, justification="Pole 1 re-torqued and retested on site."
        )
    assert views.get_analysis_view(ctx, manager, bad).verdict == Verdict.APPROVED
    tasks.requeue(ctx, engineer, now, "neta-ats-2025")
    tasks.run_analysis(ctx, now, as_of=TODAY)
    assert _hist(ctx, engineer, now) == []  # 45 is below 90: no rise, a passed check
    view = views.get_analysis_view(ctx, engineer, now)
    assert view.validation is not None
    assert [c.passed for c in view.validation.checks if c.rule_id == "HIST-002"] == [True] * 3


def mine_rows(ctx: ServiceContext, actor: Actor) -> list[assets.AssetRow]:
    return assets.list_assets(ctx, actor).rows


def test_the_asset_list_and_an_assets_page(
    ctx: ServiceContext, engineer: Actor, other_engineer: Actor, manager: Actor
) -> None:
    ids = _years(ctx, engineer)
    swgr = FleetAsset("SWGR-1", "Plant-7", TestType.INSULATION_RESISTANCE, (1.0, 0.7, 0.42), "X")
    _years(ctx, other_engineer, swgr, "Plant-7")
    everyone = assets.list_assets(ctx, manager)
    assert [(r.tag, r.site, r.analyses) for r in everyone.rows] == [
        ("CB-9", "DC-North", 3),
        ("SWGR-1", "Plant-7", 3),
    ]
    cb = everyone.rows[0]
    assert cb.latest_task_id == ids[-1] and cb.latest_verdict == Verdict.REVIEW
    assert cb.latest_test_date == TODAY - dt.timedelta(days=10)
    assert cb.trend_findings == 2 and cb.link == "assets?tag=CB-9&site=DC-North"
    mine = assets.list_assets(ctx, engineer)
    assert [r.tag for r in mine.rows] == ["CB-9"]  # an engineer: their own reports' assets
    assert assets.list_assets(ctx, manager, assets.AssetQuery(search="swg")).total == 1
    assert assets.list_assets(ctx, manager, assets.AssetQuery(sites=("Plant-7",))).total == 1
    assert assets.list_assets(ctx, manager, assets.AssetQuery(verdicts=("APPROVED",))).total == 0
    for verdict in {r.latest_verdict for r in everyone.rows}:  # filtered by the latest verdict
        chosen = assets.list_assets(ctx, manager, assets.AssetQuery(verdicts=(verdict,)))
        assert chosen.rows == [r for r in everyone.rows if r.latest_verdict == verdict]
        assert chosen.total == len(chosen.rows) and chosen.counts == "assets"
    both = assets.AssetQuery(verdicts=tuple(str(v) for v in Verdict))
    first = assets.list_assets(ctx, manager, both, size=1)
    assert (first.rows, first.total, first.has_next) == (everyone.rows[:1], 2, True)
    second = assets.list_assets(ctx, manager, both, offset=1, size=1)
    assert (second.rows, second.has_next) == (everyone.rows[1:], False)
    assert assets.list_assets(ctx, manager, both, offset=5).total == 2  # past the end
    assert assets.list_assets(ctx, engineer, both).rows == mine_rows(ctx, engineer)
    assert assets.asset_sites(ctx, manager) == ["DC-North", "Plant-7"]

    detail = assets.asset_detail(ctx, manager, "cb-9", "dc-north")
    assert detail is not None and detail.tag == "CB-9"
    assert [a.task_id for a in detail.analyses] == ids  # oldest test first
    assert detail.analyses[0].link == f"analysis?task={ids[0]}"
    pole_2 = next(s for s in detail.series if s.point == "Pole 2")
    assert pole_2.quantity == TrendQuantity.CONTACT_RESISTANCE and pole_2.unit == "µΩ"
    assert pole_2.baseline is not None and pole_2.baseline.task_id == ids[0]
    assert pole_2.points[-1].change_pct == pytest.approx(110, abs=3)
    assert assets.asset_detail(ctx, other_engineer, "CB-9", "DC-North") is None
    insulation = assets.asset_detail(ctx, manager, "SWGR-1", "Plant-7")
    assert insulation is not None
    assert {s.quantity for s in insulation.series} == {TrendQuantity.INSULATION_RESISTANCE}
    assert insulation.series[0].unit == "MΩ" and insulation.series[0].label.endswith("20 °C")


def test_asset_link_for_the_analysis_page(ctx: ServiceContext, engineer: Actor) -> None:
    task_id = _years(ctx, engineer)[0]
    view = views.get_analysis_view(ctx, engineer, task_id)
    assert assets.asset_link(view) == "assets?tag=CB-9&site=DC-North"
    assert assets.asset_query(view) == {"tag": "CB-9", "site": "DC-North"}
    assert assets.asset_path("T 1", None) == "assets?tag=T+1"


def test_demo_assets_show_drift(ctx: ServiceContext, manager: Actor) -> None:
    started = time.perf_counter()
    summary = run_demo(ctx, reports=0, today=TODAY, assets=True)
    elapsed = time.perf_counter() - started
    assert summary.failed == 0
    assert summary.reports == len(FLEET) * 3 + 2 + 4
    page = assets.list_assets(ctx, manager)
    drifting = {row.tag for row in page.rows if row.trend_findings}
    assert {"CB-101", "SWGR-1", "GG-1", "PDU-3", "CB-301"} <= drifting
    assert not {"CB-102", "SWGR-2"} & drifting
    assert {row.tag for row in page.rows} >= {"CB-303", "CB-304"}  # the package's reports
    assert elapsed < 120
