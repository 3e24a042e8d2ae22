"""Trend charts, KPIs and the safe CSV export, tested on plain frames without Streamlit."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from core.services import trends
from core.services.trends import PeriodRow, TrendSummary
from dashboard.components import chart_style, charts
from dashboard.components.charts import (
    compliance_by_site,
    compliance_heatmap,
    compliance_over_time,
    findings_by_severity,
    kpis,
    open_deficiencies_over_time,
    rule_label,
    top_failing_rules,
    verdict_mix_by,
    verdict_mix_over_time,
)
from dashboard.components.tables import to_safe_csv

# The exports' columns: the rows below are what the database would hold for them.
ANALYSIS_COLUMNS = list(trends.ANALYSIS_COLUMNS)
FINDING_COLUMNS = list(trends.FINDING_COLUMNS)


def analysis(
    index: int,
    verdict: str = "APPROVED",
    compliance: float = 100.0,
    site: str | None = "DC-North",
    day: str = "2025-03-04",
    equipment: str = "SWITCHGEAR",
    test: str = "INSULATION_RESISTANCE",
) -> dict[str, object]:
    return {
        "task_id": f"task-{index}",
        "created_at": pd.Timestamp(f"{day} 10:00", tz="Europe/Madrid"),
        "site": site,
        "equipment_type": equipment,
        "test_type": test,
        "equipment_tag": f"SWGR-{index}",
        "verdict": verdict,
        "compliance_score": compliance,
        "confidence_score": 0.95,
        "critical_open": 1 if verdict == "REJECTED" else 0,
    }


def finding(task: int, severity: str, rule_id: str, overridden: bool = False) -> dict[str, object]:
    return {
        "task_id": f"task-{task}",
        "created_at": pd.Timestamp("2025-03-04 10:00", tz="UTC"),
        "severity": severity,
        "rule_id": rule_id,
        "overridden": overridden,
        "site": "DC-North",
        "equipment_type": "SWITCHGEAR",
        "test_type": "INSULATION_RESISTANCE",
    }


def summary(
    analyses: list[dict[str, object]],
    findings: list[dict[str, object]] = (),  # type: ignore[assignment]
    freq: str = "W",
) -> TrendSummary:
    """The aggregates the database would return for these rows (its GROUP BYs, in pandas)."""
    frame = pd.DataFrame(analyses, columns=ANALYSIS_COLUMNS)
    found = pd.DataFrame(list(findings), columns=FINDING_COLUMNS)
    utc = pd.to_datetime(frame["created_at"], utc=True).dt.tz_localize(None)
    frame["period"] = utc.dt.to_period(freq).dt.start_time.dt.date
    periods = [
        PeriodRow(start, verdict, len(group), float(group["compliance_score"].sum()), len(group))
        for (start, verdict), group in frame.groupby(["period", "verdict"])
    ]
    sites = [
        (None if site == "\0" else site, len(group), float(group["compliance_score"].mean()))
        for site, group in frame.fillna({"site": "\0"}).groupby("site")
    ]
    cells = [
        (equipment, test, len(group), float(group["compliance_score"].mean()))
        for (equipment, test), group in frame.groupby(["equipment_type", "test_type"])
    ]
    rules = found.groupby("rule_id").size().sort_values(ascending=False)
    severities = {
        name: int((found["severity"] == name).sum()) for name in chart_style.SEVERITY_ORDER
    }
    critical = (found["severity"] == "CRITICAL") & ~found["overridden"].astype(bool)
    return TrendSummary(
        reports=len(frame),
        approved=int((frame["verdict"] == "APPROVED").sum()),
        mean_compliance=float(frame["compliance_score"].mean()) if len(frame) else None,
        open_critical=int(critical.sum()),
        severities=severities,
        periods=periods,
        sites=sites,
        equipment_tests=cells,
        top_rules=[(str(rule), int(n)) for rule, n in rules.items()],
    )


NONE = summary([])
ONE = summary([analysis(1, "REVIEW", 92.5)])
MANY_ROWS = [
    analysis(1, "APPROVED", 100.0, "DC-North", "2025-03-03"),
    analysis(2, "REJECTED", 60.0, None, "2025-03-05", "TRANSFORMER", "TURNS_RATIO"),
    analysis(3, "REVIEW", 90.0, "DC-South", "2025-03-12", "UPS"),
    analysis(4, "APPROVED", 98.0, "", "2025-03-13"),
    analysis(5, "REJECTED", 40.0, "DC-North", "2025-03-20", "TRANSFORMER", "TURNS_RATIO"),
]
MANY_FINDING_ROWS = [
    finding(2, "CRITICAL", "TTR-001"),
    finding(5, "CRITICAL", "TTR-001", overridden=True),
    finding(5, "CRITICAL", "IR-001"),
    finding(3, "MAJOR", "IR-001"),
    finding(3, "MINOR", "CAL-001"),
    finding(2, "MAJOR", "IR-001"),
]
MANY = summary(MANY_ROWS, MANY_FINDING_ROWS)

Chart = Callable[[TrendSummary], go.Figure]
ANALYSIS_CHARTS: list[Chart] = [
    lambda s: compliance_over_time(s.periods),
    lambda s: verdict_mix_over_time(s.periods),
    lambda s: compliance_heatmap(s.equipment_tests),
    lambda s: compliance_by_site(s.sites),
]
CHART_IDS = ["compliance_over_time", "verdict_mix", "heatmap", "by_site"]
FINDING_CHARTS: list[Chart] = [
    lambda s: findings_by_severity(s.severities),
    lambda s: top_failing_rules(s.top_rules),
]


def test_chart_modules_do_not_import_streamlit() -> None:
    for module in (charts, chart_style):
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        assert "streamlit" not in imported, module.__name__


@pytest.mark.parametrize("chart", ANALYSIS_CHARTS, ids=CHART_IDS)
def test_analysis_charts_on_nothing_say_nothing_matches(chart: Chart) -> None:
    figure = chart(NONE)
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "No analyses match these filters"
    assert figure.layout.title.text


@pytest.mark.parametrize("chart", FINDING_CHARTS, ids=["severity", "rules"])
def test_finding_charts_on_nothing_say_nothing_matches(chart: Chart) -> None:
    figure = chart(NONE)
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "No findings match these filters"


@pytest.mark.parametrize("chart", ANALYSIS_CHARTS, ids=CHART_IDS)
@pytest.mark.parametrize("data", [ONE, MANY], ids=["one", "many"])
def test_analysis_charts_draw_with_human_titles(chart: Chart, data: TrendSummary) -> None:
    figure = chart(data)
    assert len(figure.data) >= 1
    assert not figure.layout.annotations
    for text in (figure.layout.title.text, figure.layout.xaxis.title.text):
        assert text and "_" not in text
    figure.to_json()  # serialisable, as st.plotly_chart needs


def test_compliance_over_time_one_analysis_draws_a_marker() -> None:
    figure = compliance_over_time(ONE.periods)
    (trace,) = figure.data
    assert trace.type == "scatter"
    assert "markers" in trace.mode
    assert list(trace.y) == [92.5]
    assert figure.layout.yaxis.title.text == "Mean compliance (%)"
    assert "Analyses" in trace.hovertemplate


def test_compliance_over_time_groups_by_week() -> None:
    (trace,) = compliance_over_time(MANY.periods).data
    assert list(trace.y) == [80.0, 94.0, 40.0]  # weeks of 3, 10 and 17 March
    assert [pd.Timestamp(x).day for x in trace.x] == [3, 10, 17]
    monthly = summary(MANY_ROWS, freq="M")
    (by_month,) = compliance_over_time(monthly.periods, freq="M").data
    assert list(by_month.y) == [pytest.approx(77.6)]


def test_compliance_over_time_weights_each_verdict_by_its_analyses() -> None:
    periods = [
        PeriodRow(dt.date(2025, 3, 3), "APPROVED", 3, 300.0, 3),
        PeriodRow(dt.date(2025, 3, 3), "REJECTED", 1, 20.0, 1),
    ]
    (trace,) = compliance_over_time(periods).data
    assert list(trace.y) == [80.0]  # (300 + 20) / 4, not the mean of 100 and 20


def test_verdict_mix_is_stacked_with_fixed_order_and_colours() -> None:
    figure = verdict_mix_over_time(MANY.periods)
    assert figure.layout.barmode == "stack"
    assert [trace.name for trace in figure.data] == ["APPROVED", "REVIEW", "REJECTED"]
    colours = {trace.name: trace.marker.color for trace in figure.data}
    assert colours == {"APPROVED": "#2e7d32", "REVIEW": "#f9a825", "REJECTED": "#c62828"}
    assert all(trace.type == "bar" for trace in figure.data)
    assert figure.layout.yaxis.title.text == "Analyses"


def test_verdict_mix_keeps_the_order_when_one_verdict_comes_first() -> None:
    data = summary([analysis(1, "REJECTED", 10.0), analysis(2, "APPROVED")])
    assert [t.name for t in verdict_mix_over_time(data.periods).data] == ["APPROVED", "REJECTED"]


def test_findings_by_severity_shows_every_severity_in_order() -> None:
    figure = findings_by_severity(MANY.severities)
    names = [trace.name for trace in figure.data]
    assert names == ["CRITICAL", "MAJOR", "MINOR", "INFO"]
    counts = {trace.name: list(trace.y) for trace in figure.data}
    assert counts == {"CRITICAL": [3], "MAJOR": [2], "MINOR": [1], "INFO": [0]}
    colours = {trace.name: trace.marker.color for trace in figure.data}
    assert colours["CRITICAL"] == "#c62828" and colours["INFO"] == "#1565c0"
    assert figure.layout.xaxis.title.text == "Severity"


def test_findings_by_severity_one_row() -> None:
    figure = findings_by_severity({"MINOR": 1})
    assert [trace.name for trace in figure.data] == ["CRITICAL", "MAJOR", "MINOR", "INFO"]


def test_top_failing_rules_most_frequent_on_top() -> None:
    figure = top_failing_rules(MANY.top_rules)
    (trace,) = figure.data
    assert trace.type == "bar" and trace.orientation == "h"
    assert list(trace.y) == ["IR-001", "TTR-001", "CAL-001"]
    assert list(trace.x) == [3, 2, 1]
    # Plotly draws a category array bottom-up: the most frequent rule comes last, on top.
    assert figure.layout.yaxis.categoryarray == ("CAL-001", "TTR-001", "IR-001")
    assert figure.layout.yaxis.autorange in (None, True)
    (top_one,) = top_failing_rules(MANY.top_rules, n=1).data
    assert list(top_one.y) == ["IR-001"]
    assert top_failing_rules([("DATA-002", 1)]).data[0].y[0] == "DATA-002"


def test_compliance_heatmap_means_counts_and_scale() -> None:
    figure = compliance_heatmap(MANY.equipment_tests)
    (trace,) = figure.data
    assert trace.type == "heatmap"
    assert list(trace.y) == ["Switchgear", "Transformer", "UPS"]
    assert list(trace.x) == ["Insulation resistance", "Turns ratio"]
    assert trace.z[0][0] == pytest.approx(99.0)
    assert trace.z[1][1] == pytest.approx(50.0)
    assert trace.customdata[0][0] == 2 and trace.customdata[1][0] == 0
    assert "Analyses" in trace.hovertemplate
    axis = figure.layout.coloraxis
    assert (axis.cmin, axis.cmax) == (50.0, 99.0)  # the data's range, not 0–100
    assert axis.colorscale[0][1] == "#c62828" and axis.colorscale[-1][1] == "#2e7d32"


def test_compliance_by_site_groups_missing_sites_last() -> None:
    figure = compliance_by_site(MANY.sites)
    (trace,) = figure.data
    assert figure.layout.xaxis.categoryarray == ("DC-North", "DC-South", "Unspecified")
    means = dict(zip(trace.x, trace.y, strict=True))
    assert means == {"DC-North": 70.0, "DC-South": 90.0, "Unspecified": 79.0}
    assert figure.layout.yaxis.title.text == "Mean compliance (%)"


def test_kpis() -> None:
    result = kpis(MANY)
    assert result.reports == 5
    assert result.approval_rate == pytest.approx(0.4)
    assert result.mean_compliance == pytest.approx(77.6)
    assert result.open_critical == 2  # the overridden CRITICAL no longer counts


def test_kpis_one_and_none() -> None:
    one = kpis(ONE)
    assert (one.reports, one.approval_rate, one.mean_compliance, one.open_critical) == (
        1,
        0.0,
        92.5,
        0,
    )
    empty = kpis(NONE)
    assert (empty.reports, empty.approval_rate, empty.mean_compliance) == (0, None, None)
    assert empty.open_critical == 0


def read_csv_cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_to_safe_csv_defuses_formulas_and_keeps_numbers() -> None:
    hostile = pd.DataFrame(
        {
            "note": [
                '=HYPERLINK("http://evil.example","click")',
                "+1",
                "-2+3",
                "@SUM(A1:A2)",
                "\tcmd",
                "\rcmd",
            ],
            "value": [-5, 1.5, 0, 3, 4, 5],
            "unit": ["MΩ", "µΩ", "°C", None, "plain", "a=b"],
        }
    )
    rows = read_csv_cells(to_safe_csv(hostile))
    assert rows[0] == ["note", "value", "unit"]
    notes = [row[0] for row in rows[1:]]
    assert notes == [
        '\'=HYPERLINK("http://evil.example","click")',
        "'+1",
        "'-2+3",
        "'@SUM(A1:A2)",
        "'\tcmd",
        "'\rcmd",
    ]
    assert [row[1] for row in rows[1:]] == ["-5.0", "1.5", "0.0", "3.0", "4.0", "5.0"]
    assert [row[2] for row in rows[1:]] == ["MΩ", "µΩ", "°C", "", "plain", "a=b"]


def test_to_safe_csv_integers_headers_and_empty_frames() -> None:
    rows = read_csv_cells(to_safe_csv(pd.DataFrame({"=cmd": [-2, 7]})))
    assert rows == [["'=cmd"], ["-2"], ["7"]]
    assert read_csv_cells(to_safe_csv(pd.DataFrame(columns=ANALYSIS_COLUMNS))) == [ANALYSIS_COLUMNS]


def test_to_safe_csv_of_an_analyses_frame_round_trips() -> None:
    data = to_safe_csv(pd.DataFrame(MANY_ROWS, columns=ANALYSIS_COLUMNS))
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ANALYSIS_COLUMNS
    assert list(back["compliance_score"]) == [100.0, 60.0, 90.0, 98.0, 40.0]


def test_the_heatmap_of_one_value_still_has_a_scale() -> None:
    figure = compliance_heatmap([("SWITCHGEAR", "INSULATION_RESISTANCE", 3, 80.0)])
    axis = figure.layout.coloraxis
    assert (axis.cmin, axis.cmax) == (75.0, 85.0)
    assert figure.layout.height >= 240


def test_rules_are_named_beside_their_ids() -> None:
    figure = top_failing_rules([("IR-001", 3), ("X-9", 1)], names={"IR-001": "Insulation low"})
    assert list(figure.data[0].y) == ["IR-001 · Insulation low", "X-9"]
    long = rule_label("IR-001", {"IR-001": "w" * 80})
    assert len(long) == 42 and long.endswith("…")


def test_verdict_mix_by_site_is_a_share_with_the_most_rejected_on_top() -> None:
    rows = [
        ("A", "APPROVED", 9, 0), ("A", "REJECTED", 1, 1),
        ("B", "REJECTED", 3, 4), ("B", "APPROVED", 1, 0), (None, "REVIEW", 2, 0),
    ]  # fmt: skip
    figure = verdict_mix_by(rows, title="Verdicts by site", axis="Site")
    # Plotly draws a category axis bottom-up: B (75 % rejected) on top, Unspecified last.
    assert figure.layout.yaxis.categoryarray == ("Unspecified", "A", "B")
    colours = {trace.name: trace.marker.color for trace in figure.data}
    assert colours == {k: v for k, v in chart_style.VERDICT_COLOURS.items() if k in colours}
    rejected = next(t for t in figure.data if t.name == "REJECTED")
    assert dict(zip(rejected.y, rejected.x, strict=True)) == {"A": 10.0, "B": 75.0}
    assert figure.layout.xaxis.range == (0, 100)
    empty = verdict_mix_by([], title="Verdicts by site", axis="Site")
    assert not empty.data and empty.layout.annotations[0].text == chart_style.NO_ANALYSES


def test_open_deficiencies_keep_severity_colours_and_mark_a_partial_period() -> None:
    rows = [(dt.date(2025, 3, 3), "CRITICAL", 2), (dt.date(2025, 3, 10), "MAJOR", 5)]
    figure = open_deficiencies_over_time(rows, "W", partial_from=dt.date(2025, 3, 10))
    assert {t.name: t.marker.color for t in figure.data} == {
        "CRITICAL": chart_style.SEVERITY_COLOURS["CRITICAL"],
        "MAJOR": chart_style.SEVERITY_COLOURS["MAJOR"],
    }
    assert figure.layout.yaxis.title.text == "Open findings"
    (shade,) = figure.layout.shapes
    assert shade.type == "rect" and figure.layout.annotations[0].text == "in progress"
    assert not open_deficiencies_over_time([], "W").data
    assert not verdict_mix_over_time(MANY.periods, "W").layout.shapes  # nothing partial


def test_open_deficiencies_share_the_verdict_charts_time_range() -> None:
    import datetime as dt

    from dashboard.components.charts import open_deficiencies_over_time

    weeks = [dt.date(2025, 1, 6), dt.date(2026, 6, 1)]
    figure = open_deficiencies_over_time([(dt.date(2026, 6, 1), "CRITICAL", 3)], "W", span=weeks)
    low, high = (str(x)[:10] for x in figure.layout.xaxis.range)
    assert low < "2025-01-06" and high > "2026-06-01"
