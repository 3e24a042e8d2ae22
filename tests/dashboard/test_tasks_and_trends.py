"""Tasks and Trends: filters come from the URL and go back to it; the table links to analyses;
trends draw KPIs and charts for managers, link to the matching tasks, and refuse engineers."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from streamlit.testing.v1 import AppTest

from core.services.context import ServiceContext
from core.services.users import Actor
from dashboard import filters
from tests.dashboard.helpers import open_page, seed_failed, seed_report, texts

TASKS = "app_pages/tasks.py"
TRENDS = "app_pages/trends.py"
LOW = (2.5e9, 3.1e9, 5e6)


@pytest.fixture
def seeded(ctx: ServiceContext, engineer: Actor, manager: Actor) -> dict[str, uuid.UUID]:
    march = dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC)
    april = dt.datetime(2025, 4, 10, 12, tzinfo=dt.UTC)
    return {
        "good-a": seed_report(ctx, engineer, tag="SWGR-A1", site="Plant A", created_at=march),
        "bad-a": seed_report(
            ctx, engineer, tag="SWGR-A2", site="Plant A", readings_ohm=LOW, created_at=april
        ),
        "good-b": seed_report(
            ctx, manager, tag="PNL-B1", site="Plant B", equipment_type="PANELBOARD",
            created_at=april,
        ),
        "failed": seed_failed(ctx, engineer),
    }  # fmt: skip


def table(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["File"])


def test_tasks_lists_what_the_user_may_see(
    seeded: dict[str, uuid.UUID], engineer: Actor, manager: Actor
) -> None:
    assert sorted(table(open_page(engineer, TASKS))) == [
        "SWGR-A1.json", "SWGR-A2.json", "garbage.pdf",
    ]  # fmt: skip
    assert len(table(open_page(manager, TASKS))) == 4


def test_tasks_filters_come_from_the_url(seeded: dict[str, uuid.UUID], manager: Actor) -> None:
    at = open_page(manager, TASKS, {"status": "FAILED"})
    assert table(at) == ["garbage.pdf"]
    assert at.multiselect(key="tasks.status").value == ["FAILED"]

    at = open_page(manager, TASKS, {"site": ["Plant A"], "verdict": "REJECTED"})
    assert table(at) == ["SWGR-A2.json"]

    at = open_page(manager, TASKS, {"q": "pnl-b", "from": "2025-04-01", "to": "2025-04-30"})
    assert table(at) == ["PNL-B1.json"]
    assert at.text_input(key="tasks.search").value == "pnl-b"


def test_changing_a_filter_writes_the_url(seeded: dict[str, uuid.UUID], manager: Actor) -> None:
    at = open_page(manager, TASKS)
    at.multiselect(key="tasks.equipment").select("PANELBOARD")
    at.run()
    assert at.query_params["equipment"] == "PANELBOARD"
    assert table(at) == ["PNL-B1.json"]


def test_task_rows_link_to_their_analysis(seeded: dict[str, uuid.UUID], manager: Actor) -> None:
    frame = open_page(manager, TASKS, {"q": "SWGR-A1"}).dataframe[0].value
    assert list(frame["Open"]) == [f"analysis?task={seeded['good-a']}"]
    assert list(frame["Verdict"]) == ["APPROVED"]


def test_trends_draw_kpis_and_charts_for_the_urls_filters(
    seeded: dict[str, uuid.UUID], manager: Actor
) -> None:
    at = open_page(manager, TRENDS, {"site": "Plant A"})
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reports"] == "2"
    assert metrics["Approved"] == "50.0 %" and metrics["Rejected"] == "50.0 %"
    assert metrics["Open CRITICAL"] != "0"
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert titles == [
        "Verdicts over time", "Open deficiencies over time", "Most frequent findings (top 10)",
        "Findings by severity", "Verdicts by site", "Verdicts by testing company",
        "Compliance over time", "Mean compliance by equipment and test",
    ]  # fmt: skip
    link = next(p for p in at.main.get("page_link") if p.proto.page == "tasks")
    assert link.proto.query_string == "site=Plant+A"
    assert at.multiselect(key="trends.site").value == ["Plant A"]
    labels = [b.label for b in at.get("download_button")]
    assert {"Analyses (CSV)", "Findings (CSV)"} <= set(labels)
    assert labels.count("Chart data (CSV)") == 8 and "Table data (CSV)" in labels
    # The per-company comparison names the company and the rule behind its open deficiencies.
    companies = at.dataframe[0].value
    assert list(companies["Testing company"]) == ["Volt Testing"]
    assert "IR-001" in companies["Most frequent open deficiencies"][0]


def test_trends_with_one_analysis_and_with_none(
    seeded: dict[str, uuid.UUID], manager: Actor
) -> None:
    one = open_page(manager, TRENDS, {"equipment": "PANELBOARD"})
    assert {m.label: m.value for m in one.metric}["Reports"] == "1"
    none = open_page(manager, TRENDS, {"from": "2030-01-01"})
    assert not none.exception
    assert {m.label: m.value for m in none.metric}["Reports"] == "0"


def test_trends_refuse_engineers_with_a_sentence(
    seeded: dict[str, uuid.UUID], engineer: Actor
) -> None:
    at = open_page(engineer, TRENDS)
    assert "Trends are for managers" in texts(at)
    assert not at.get("plotly_chart")
    assert not at.multiselect


def test_tasks_pages_fifty_at_a_time(ctx: ServiceContext, manager: Actor) -> None:
    for number in range(53):
        seed_failed(ctx, manager, filename=f"report-{number:02}.pdf")
    at = open_page(manager, TASKS)
    first = table(at)
    assert len(first) == 50
    assert "1–50 of 53 reports" in texts(at)
    at.button(key="tasks-next").click().run()
    second = table(at)
    assert len(second) == 3 and not set(first) & set(second)
    assert at.button(key="tasks-next").disabled
    at.button(key="tasks-previous").click().run()
    assert table(at) == first


def test_tasks_sort_in_the_database(ctx: ServiceContext, manager: Actor) -> None:
    for day, tag in ((3, "T-3"), (1, "T-1"), (2, "T-2")):
        created = dt.datetime(2025, 3, day, 12, tzinfo=dt.UTC)
        seed_report(ctx, manager, tag=tag, created_at=created)
    at = open_page(manager, TASKS)
    assert table(at) == ["T-3.json", "T-2.json", "T-1.json"]  # newest first
    at.segmented_control(key="tasks-order").set_value("asc").run()
    assert table(at) == ["T-1.json", "T-2.json", "T-3.json"]
    at.selectbox(key="tasks-sort").set_value("equipment_tag").run()
    assert table(at) == ["T-1.json", "T-2.json", "T-3.json"]


def test_tasks_filter_by_asset_tag_and_package(
    seeded: dict[str, uuid.UUID], manager: Actor
) -> None:
    at = open_page(manager, TASKS, {"tag": ["swgr-a2", "PNL-B1"]})
    assert sorted(table(at)) == ["PNL-B1.json", "SWGR-A2.json"]
    assert at.text_input(key="tasks.tag").value == "swgr-a2, PNL-B1"
    assert "Tag: swgr" in " ".join(c.value for c in at.caption)  # shown when folded
    at.text_input(key="tasks.tag").set_value("SWGR-A1").run()
    assert table(at) == ["SWGR-A1.json"] and at.query_params["tag"] == "SWGR-A1"


def test_tasks_rows_show_test_date_open_criticals_and_errors(
    seeded: dict[str, uuid.UUID], manager: Actor
) -> None:
    frame = open_page(manager, TASKS).dataframe[0].value
    rows = {file: row for file, row in zip(frame["File"], frame.to_dict("records"), strict=True)}
    assert str(rows["SWGR-A1.json"]["Tested"])[:10] == "2025-03-01"
    assert rows["SWGR-A2.json"]["Open critical"] >= 1 and rows["SWGR-A1.json"]["Open critical"] == 0
    failed = rows["garbage.pdf"]
    assert failed["Status"].startswith("Failed: The PDF is damaged")
    assert failed["Verdict"] == "" and "None" not in str(failed["Status"])
    assert list(frame.columns)[:9] == [
        "Open", "Tag", "Verdict", "Test", "Tested", "Open critical", "File", "Owner", "Status",
    ]  # fmt: skip


def test_the_back_link_returns_to_the_filtered_list(
    seeded: dict[str, uuid.UUID], manager: Actor
) -> None:
    from dashboard import state

    at = open_page(manager, TASKS, {"site": ["Plant A"], "verdict": "REJECTED"})
    assert at.session_state[state.TASKS_QUERY] == {"verdict": ["REJECTED"], "site": ["Plant A"]}
    assert table(at) == ["SWGR-A2.json"]


def test_trends_keep_week_and_test_date_out_of_the_url_and_read_month(
    seeded: dict[str, uuid.UUID], manager: Actor
) -> None:
    at = open_page(manager, TRENDS)
    assert dict(at.query_params) == {}
    at = open_page(manager, TRENDS, {"by": "month", "dates": "uploaded"})
    assert not at.exception
    assert at.session_state["freq"] == "M" and at.session_state["trends.basis"] == "uploaded"
    assert at.query_params["by"] == "month" and at.query_params["dates"] == "uploaded"
    every = open_page(manager, TRENDS, {"equipment": ["SWITCHGEAR", "PANELBOARD"]})
    every.multiselect(key="trends.equipment").set_value(list(filters.EQUIPMENT_TYPES)).run()
    assert "equipment" not in every.query_params  # every type chosen: no filter, none written


def test_trends_group_by_test_date_or_upload_date(ctx: ServiceContext, manager: Actor) -> None:
    uploaded = dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC)  # the test itself: 2025-03-01
    seed_report(ctx, manager, tag="SWGR-T", created_at=uploaded)
    at = open_page(manager, TRENDS, {"by": "month"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["x"][0].startswith("2025-03-01")
    at = open_page(manager, TRENDS, {"by": "month", "dates": "uploaded"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["x"][0].startswith("2025-06-01")
