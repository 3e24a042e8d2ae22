"""Trend charts, KPIs and the safe CSV export, tested on plain frames without Streamlit."""

from __future__ import annotations

import ast
import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.components import chart_style, charts
from dashboard.components.charts import (
    compliance_by_site,
    compliance_heatmap,
    compliance_over_time,
    findings_by_severity,
    kpis,
    to_safe_csv,
    top_failing_rules,
    verdict_mix_over_time,
)

ANALYSIS_COLUMNS = [
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
]
FINDING_COLUMNS = [
    "task_id",
    "created_at",
    "severity",
    "rule_id",
    "overridden",
    "site",
    "equipment_type",
    "test_type",
]


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


EMPTY_ANALYSES = pd.DataFrame(columns=ANALYSIS_COLUMNS)
EMPTY_FINDINGS = pd.DataFrame(columns=FINDING_COLUMNS)
ONE_ANALYSIS = pd.DataFrame([analysis(1, "REVIEW", 92.5)])
MANY_ANALYSES = pd.DataFrame(
    [
        analysis(1, "APPROVED", 100.0, "DC-North", "2025-03-03"),
        analysis(2, "REJECTED", 60.0, None, "2025-03-05", "TRANSFORMER", "TURNS_RATIO"),
        analysis(3, "REVIEW", 90.0, "DC-South", "2025-03-12", "UPS"),
        analysis(4, "APPROVED", 98.0, "", "2025-03-13"),
        analysis(5, "REJECTED", 40.0, "DC-North", "2025-03-20", "TRANSFORMER", "TURNS_RATIO"),
    ]
)
MANY_FINDINGS = pd.DataFrame(
    [
        finding(2, "CRITICAL", "TTR-001"),
        finding(5, "CRITICAL", "TTR-001", overridden=True),
        finding(5, "CRITICAL", "IR-001"),
        finding(3, "MAJOR", "IR-001"),
        finding(3, "MINOR", "CAL-001"),
        finding(2, "MAJOR", "IR-001"),
    ]
)

ANALYSIS_CHARTS: list[Callable[[pd.DataFrame], go.Figure]] = [
    compliance_over_time,
    verdict_mix_over_time,
    compliance_heatmap,
    compliance_by_site,
]
FINDING_CHARTS: list[Callable[[pd.DataFrame], go.Figure]] = [
    findings_by_severity,
    top_failing_rules,
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


@pytest.mark.parametrize("chart", ANALYSIS_CHARTS)
@pytest.mark.parametrize("empty", [EMPTY_ANALYSES, pd.DataFrame()], ids=["columns", "bare"])
def test_analysis_charts_on_empty_frames_say_nothing_matches(
    chart: Callable[[pd.DataFrame], go.Figure], empty: pd.DataFrame
) -> None:
    figure = chart(empty)
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "No analyses match these filters"
    assert figure.layout.title.text


@pytest.mark.parametrize("chart", FINDING_CHARTS)
def test_finding_charts_on_empty_frames_say_nothing_matches(
    chart: Callable[[pd.DataFrame], go.Figure],
) -> None:
    figure = chart(EMPTY_FINDINGS)
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "No findings match these filters"


@pytest.mark.parametrize("chart", ANALYSIS_CHARTS)
@pytest.mark.parametrize("frame", [ONE_ANALYSIS, MANY_ANALYSES], ids=["one", "many"])
def test_analysis_charts_draw_with_human_titles(
    chart: Callable[[pd.DataFrame], go.Figure], frame: pd.DataFrame
) -> None:
    figure = chart(frame)
    assert len(figure.data) >= 1
    assert not figure.layout.annotations
    for text in (figure.layout.title.text, figure.layout.xaxis.title.text):
        assert text and "_" not in text
    figure.to_json()  # serialisable, as st.plotly_chart needs


def test_compliance_over_time_one_analysis_draws_a_marker() -> None:
    figure = compliance_over_time(ONE_ANALYSIS)
    (trace,) = figure.data
    assert trace.type == "scatter"
    assert "markers" in trace.mode
    assert list(trace.y) == [92.5]
    assert figure.layout.yaxis.title.text == "Mean compliance (%)"
    assert "Analyses" in trace.hovertemplate


def test_compliance_over_time_groups_by_week() -> None:
    (trace,) = compliance_over_time(MANY_ANALYSES).data
    assert list(trace.y) == [80.0, 94.0, 40.0]  # weeks of 3, 10 and 17 March
    assert [pd.Timestamp(x).day for x in trace.x] == [3, 10, 17]
    (monthly,) = compliance_over_time(MANY_ANALYSES, freq="M").data
    assert list(monthly.y) == [pytest.approx(77.6)]


def test_verdict_mix_is_stacked_with_fixed_order_and_colours() -> None:
    figure = verdict_mix_over_time(MANY_ANALYSES)
    assert figure.layout.barmode == "stack"
    assert [trace.name for trace in figure.data] == ["APPROVED", "REVIEW", "REJECTED"]
    colours = {trace.name: trace.marker.color for trace in figure.data}
    assert colours == {"APPROVED": "#2e7d32", "REVIEW": "#f9a825", "REJECTED": "#c62828"}
    assert all(trace.type == "bar" for trace in figure.data)
    assert figure.layout.yaxis.title.text == "Analyses"


def test_verdict_mix_keeps_the_order_when_one_verdict_comes_first() -> None:
    frame = pd.DataFrame([analysis(1, "REJECTED", 10.0), analysis(2, "APPROVED")])
    assert [trace.name for trace in verdict_mix_over_time(frame).data] == ["APPROVED", "REJECTED"]


def test_findings_by_severity_shows_every_severity_in_order() -> None:
    figure = findings_by_severity(MANY_FINDINGS)
    names = [trace.name for trace in figure.data]
    assert names == ["CRITICAL", "MAJOR", "MINOR", "INFO"]
    counts = {trace.name: list(trace.y) for trace in figure.data}
    assert counts == {"CRITICAL": [3], "MAJOR": [2], "MINOR": [1], "INFO": [0]}
    colours = {trace.name: trace.marker.color for trace in figure.data}
    assert colours["CRITICAL"] == "#c62828" and colours["INFO"] == "#1565c0"
    assert figure.layout.xaxis.title.text == "Severity"


def test_findings_by_severity_one_row() -> None:
    figure = findings_by_severity(pd.DataFrame([finding(1, "MINOR", "CAL-001")]))
    assert [trace.name for trace in figure.data] == ["CRITICAL", "MAJOR", "MINOR", "INFO"]


def test_top_failing_rules_most_frequent_on_top() -> None:
    figure = top_failing_rules(MANY_FINDINGS)
    (trace,) = figure.data
    assert trace.type == "bar" and trace.orientation == "h"
    assert list(trace.y) == ["IR-001", "TTR-001", "CAL-001"]
    assert list(trace.x) == [3, 2, 1]
    # Plotly draws a category array bottom-up: the most frequent rule comes last, on top.
    assert figure.layout.yaxis.categoryarray == ("CAL-001", "TTR-001", "IR-001")
    assert figure.layout.yaxis.autorange in (None, True)
    (top_one,) = top_failing_rules(MANY_FINDINGS, n=1).data
    assert list(top_one.y) == ["IR-001"]
    assert top_failing_rules(pd.DataFrame([finding(1, "INFO", "DATA-002")])).data[0].y[0] == (
        "DATA-002"
    )


def test_compliance_heatmap_means_counts_and_scale() -> None:
    figure = compliance_heatmap(MANY_ANALYSES)
    (trace,) = figure.data
    assert trace.type == "heatmap"
    assert list(trace.y) == ["Switchgear", "Transformer", "UPS"]
    assert list(trace.x) == ["Insulation resistance", "Turns ratio"]
    assert trace.z[0][0] == pytest.approx(99.0)
    assert trace.z[1][1] == pytest.approx(50.0)
    assert trace.customdata[0][0] == 2 and trace.customdata[1][0] == 0
    assert "Analyses" in trace.hovertemplate
    axis = figure.layout.coloraxis
    assert (axis.cmin, axis.cmax) == (0, 100)
    assert axis.colorscale[0][1] == "#c62828" and axis.colorscale[-1][1] == "#2e7d32"


def test_compliance_by_site_groups_missing_sites_last() -> None:
    figure = compliance_by_site(MANY_ANALYSES)
    (trace,) = figure.data
    assert figure.layout.xaxis.categoryarray == ("DC-North", "DC-South", "Unspecified")
    means = dict(zip(trace.x, trace.y, strict=True))
    assert means == {"DC-North": 70.0, "DC-South": 90.0, "Unspecified": 79.0}
    assert figure.layout.yaxis.title.text == "Mean compliance (%)"


def test_kpis() -> None:
    result = kpis(MANY_ANALYSES, MANY_FINDINGS)
    assert result.reports == 5
    assert result.approval_rate == pytest.approx(0.4)
    assert result.mean_compliance == pytest.approx(77.6)
    assert result.open_critical == 2  # the overridden CRITICAL no longer counts


def test_kpis_one_and_none() -> None:
    one = kpis(ONE_ANALYSIS, EMPTY_FINDINGS)
    assert (one.reports, one.approval_rate, one.mean_compliance, one.open_critical) == (
        1,
        0.0,
        92.5,
        0,
    )
    empty = kpis(EMPTY_ANALYSES, EMPTY_FINDINGS)
    assert (empty.reports, empty.approval_rate, empty.mean_compliance) == (0, None, None)
    assert kpis(pd.DataFrame(), pd.DataFrame()).open_critical == 0


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
    data = to_safe_csv(MANY_ANALYSES)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ANALYSIS_COLUMNS
    assert list(back["compliance_score"]) == [100.0, 60.0, 90.0, 98.0, 40.0]
