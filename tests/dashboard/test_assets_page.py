"""The Assets page: the list by tag and site (latest verdict, analyses, trend findings) with its
filters in the URL, one asset's analyses over time with a chart per quantity and point against
the baseline, who sees what, empty states; and the chart built without Streamlit."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from core import repositories as repo
from core.demo_fleet import FleetAsset, fleet_report
from core.enums import Role, TaskStatus, TestType
from core.services import assets, tasks
from core.services.context import ServiceContext
from core.services.users import Actor
from dashboard.components import asset_charts
from tests.dashboard.helpers import make_user, open_page, texts

ASSETS = "app_pages/assets.py"
TODAY = dt.date(2026, 6, 30)
CB = FleetAsset("CB-9", "DC-North", TestType.CONTACT_RESISTANCE, (1.0, 1.3, 2.1), "GridCheck Inc.")
SWGR = FleetAsset("SWGR-4", "Plant-7", TestType.INSULATION_RESISTANCE, (1.0, 0.9, 0.4), "X")


def _years(ctx: ServiceContext, actor: Actor, asset: FleetAsset) -> list[uuid.UUID]:
    rng, ids = random.Random(4), []
    for year, back in enumerate((730, 365, 10)):
        day = TODAY - dt.timedelta(days=back)
        name, content = fleet_report(rng, asset, year, day)
        task_id = tasks.submit_report(
            ctx, actor, filename=name, content=content, site=asset.site, allow_duplicate=True
        ).task_id
        assert tasks.run_analysis(ctx, task_id, as_of=day) == TaskStatus.COMPLETED
        with ctx.session() as session:
            task = repo.tasks.get_or_raise(session=session, id=task_id)
            task.created_at = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
        ids.append(task_id)
    return ids


def test_the_list_shows_each_asset_with_its_latest_verdict(
    ctx: ServiceContext, admin: Actor
) -> None:
    manager = make_user(ctx, admin, "m@example.com", Role.MANAGER)
    engineer = make_user(ctx, admin, "e@example.com", Role.ENGINEER)
    other = make_user(ctx, admin, "o@example.com", Role.ENGINEER)
    ids = _years(ctx, engineer, CB)
    _years(ctx, other, SWGR)
    at = open_page(manager, ASSETS)
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame["Tag"]) == ["CB-9", "SWGR-4"]
    assert list(frame["Analyses"]) == [3, 3]
    assert frame["Latest report"][0] == f"analysis?task={ids[-1]}"
    assert frame["Asset"][0] == "assets?tag=CB-9&site=DC-North"
    assert frame["Trend findings"][0] == 2
    assert "2 assets · tags 1–2 of 2" in texts(at)
    mine = open_page(engineer, ASSETS)
    assert list(mine.dataframe[0].value["Tag"]) == ["CB-9"]  # only their own reports' assets
    filtered = open_page(manager, ASSETS, {"q": "swg"})
    assert list(filtered.dataframe[0].value["Tag"]) == ["SWGR-4"]
    nothing = open_page(manager, ASSETS, {"verdict": "APPROVED", "site": "Plant-7"})
    assert not nothing.dataframe and "No asset matches these filters." in texts(nothing)


def test_an_assets_page_charts_every_point_against_its_baseline(
    ctx: ServiceContext, admin: Actor
) -> None:
    engineer = make_user(ctx, admin, "e@example.com", Role.ENGINEER)
    other = make_user(ctx, admin, "o@example.com", Role.ENGINEER)
    ids = _years(ctx, engineer, CB)
    at = open_page(engineer, ASSETS, {"tag": "CB-9", "site": "DC-North"})
    assert not at.exception
    assert at.title[0].value == "CB\\-9"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["First tested"] == (TODAY - dt.timedelta(days=730)).isoformat()
    assert metrics["Last tested"] == (TODAY - dt.timedelta(days=10)).isoformat()
    frame = at.dataframe[0].value
    assert list(frame["Open"]) == [f"analysis?task={i}" for i in ids]  # oldest test first
    assert next(iter(frame["Test date"])) == (TODAY - dt.timedelta(days=730)).isoformat()
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # one per pole
    assert "Contact resistance" in texts(at)
    assert "finding(s) against the baseline" in texts(at)
    refused = open_page(other, ASSETS, {"tag": "CB-9", "site": "DC-North"})
    assert not refused.exception and not refused.get("plotly_chart")
    assert "No analysed report of this asset that you can see" in texts(refused)


def test_no_assets_yet(ctx: ServiceContext, admin: Actor) -> None:
    at = open_page(admin, ASSETS)
    assert not at.exception
    assert "No assets yet" in texts(at)


def test_the_trend_figure_draws_the_baseline_and_the_change(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    _years(ctx, engineer, CB)
    detail = assets.asset_detail(ctx, manager, "CB-9", "DC-North")
    assert detail is not None
    series = next(s for s in detail.series if s.point == "Pole 2")
    figure = asset_charts.trend_figure(series)
    trace = figure.data[0]
    assert next(iter(trace.text)) == "baseline" and list(trace.text)[-1].startswith("+1")
    assert list(trace.text)[-1].endswith(" %")
    assert figure.layout.yaxis.title.text == "Contact resistance (µΩ)"
    assert figure.layout.xaxis.title.text == "Test date"
    assert any(shape.line.dash == "dash" for shape in figure.layout.shapes)  # the baseline
    empty = asset_charts.trend_figure(
        assets.TrendSeries(series.quantity, "Pole 9", "µΩ", points=())
    )
    assert empty.layout.annotations[0].text == asset_charts.NO_READINGS


def test_the_value_range_keeps_labels_inside_and_small_wobbles_small() -> None:
    from core.schemas import TrendQuantity
    from core.services.assets import TrendSeries
    from dashboard.components.asset_charts import value_range

    contact = TrendSeries(TrendQuantity.CONTACT_RESISTANCE, point="Pole 1", unit="µΩ", points=())
    low, high = value_range([40.4, 39.6, 40.0], 40.4, contact)
    assert high - low >= 0.1 * 40.4  # a 2 % wobble on a ±5 % scale, not the whole height
    low, high = value_range([40.0, 55.0, 90.0], 40.0, contact)
    assert low < 40.0 and high > 90.0 + 0.2 * 50  # room above the highest reading's label
    assert value_range([0.5, 8.0], None, contact)[0] == 0.0  # never below zero for readings ≥ 0
