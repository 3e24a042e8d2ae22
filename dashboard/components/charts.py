"""Trend charts and KPIs for the Trends page: pandas in, Plotly Express figures out, no Streamlit.

Input frames (built by `dashboard/data.py`; any number of rows, zero and one included):

analyses — one row per analysis:
    task_id (str), created_at (tz-aware datetime), site (str | None), equipment_type (str),
    test_type (str: the test with most readings), test_types (list of str: every test),
    equipment_tag (str), verdict (APPROVED / REVIEW / REJECTED),
    compliance_score (float, 0–100), confidence_score (float, 0–1),
    critical_open (int: CRITICAL findings not overridden)

findings — one row per finding:
    task_id (str), created_at (tz-aware datetime), severity (CRITICAL / MAJOR / MINOR / INFO),
    rule_id (str), overridden (bool), site (str | None), equipment_type (str), test_type (str)

Every figure function returns a figure for an empty frame too: no traces, and an annotation
saying that nothing matches the filters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.components.chart_style import (
    NO_ANALYSES,
    NO_FINDINGS,
    SEVERITY_COLOURS,
    SEVERITY_ORDER,
    VERDICT_COLOURS,
    VERDICT_ORDER,
    count_axis,
    empty_figure,
    fit_time_axis,
    label,
    period_label,
    period_start,
    site_names,
    styled,
)

__all__ = [
    "Kpis",
    "compliance_by_site",
    "compliance_heatmap",
    "compliance_over_time",
    "findings_by_severity",
    "kpis",
    "to_safe_csv",
    "top_failing_rules",
    "verdict_mix_over_time",
]

_COMPLIANCE = "Mean compliance (%)"
_RED_TO_GREEN = [(0.0, "#c62828"), (0.5, "#f9a825"), (1.0, "#2e7d32")]


@dataclass(frozen=True)
class Kpis:
    reports: int
    approval_rate: float | None
    """Share of analyses APPROVED, 0–1; None when there are none."""
    mean_compliance: float | None
    open_critical: int
    """CRITICAL findings that no manager has overridden."""


def kpis(analyses: pd.DataFrame, findings: pd.DataFrame) -> Kpis:
    reports = len(analyses)
    if reports == 0:
        return Kpis(reports=0, approval_rate=None, mean_compliance=None, open_critical=0)
    approval_rate = float((analyses["verdict"] == "APPROVED").mean())
    mean = float(analyses["compliance_score"].mean())
    open_critical = 0
    if not findings.empty:
        critical = findings["severity"] == "CRITICAL"
        open_critical = int((critical & ~findings["overridden"].astype(bool)).sum())
    return Kpis(
        reports=reports,
        approval_rate=approval_rate,
        mean_compliance=None if math.isnan(mean) else mean,
        open_critical=open_critical,
    )


def compliance_over_time(analyses: pd.DataFrame, freq: str = "W") -> go.Figure:
    title = "Compliance over time"
    if analyses.empty:
        return empty_figure(title, NO_ANALYSES)
    frame = analyses.assign(period=period_start(analyses["created_at"], freq))
    per_period = (
        frame.groupby("period", as_index=False)
        .agg(mean=("compliance_score", "mean"), count=("task_id", "size"))
        .sort_values("period")
    )
    figure = px.line(
        per_period,
        x="period",
        y="mean",
        markers=True,  # one period is one point: without markers a lone analysis draws nothing
        hover_data={"count": True},
        labels={"period": period_label(freq), "mean": _COMPLIANCE, "count": "Analyses"},
    )
    figure.update_yaxes(range=[0, 105])
    fit_time_axis(figure, per_period["period"], freq, bars=False)
    return styled(figure, title)


def verdict_mix_over_time(analyses: pd.DataFrame, freq: str = "W") -> go.Figure:
    title = "Verdicts over time"
    if analyses.empty:
        return empty_figure(title, NO_ANALYSES)
    frame = analyses.assign(period=period_start(analyses["created_at"], freq))
    counts = frame.groupby(["period", "verdict"], as_index=False).agg(count=("task_id", "size"))
    figure = px.bar(
        counts.sort_values(["period", "verdict"]),
        x="period",
        y="count",
        color="verdict",
        barmode="stack",
        color_discrete_map=VERDICT_COLOURS,
        category_orders={"verdict": VERDICT_ORDER},
        labels={"period": period_label(freq), "count": "Analyses", "verdict": "Verdict"},
    )
    fit_time_axis(figure, counts["period"], freq, bars=True)
    count_axis(figure, int(counts.groupby("period")["count"].sum().max()))
    return styled(figure, title)


def findings_by_severity(findings: pd.DataFrame) -> go.Figure:
    title = "Findings by severity"
    if findings.empty:
        return empty_figure(title, NO_FINDINGS)
    counts = (
        findings["severity"]
        .value_counts()
        .reindex(SEVERITY_ORDER, fill_value=0)  # every severity shown, zero included
        .rename_axis("severity")
        .reset_index(name="count")
    )
    figure = px.bar(
        counts,
        x="severity",
        y="count",
        color="severity",
        color_discrete_map=SEVERITY_COLOURS,
        category_orders={"severity": SEVERITY_ORDER},
        labels={"severity": "Severity", "count": "Findings"},
    )
    figure.update_layout(showlegend=False)
    count_axis(figure, int(counts["count"].max()))
    return styled(figure, title)


def top_failing_rules(findings: pd.DataFrame, n: int = 10) -> go.Figure:
    title = f"Most frequent findings (top {n})"
    if findings.empty:
        return empty_figure(title, NO_FINDINGS)
    counts = findings.groupby("rule_id", as_index=False).agg(count=("task_id", "size"))
    # Ties broken by rule id so the same data always draws the same chart.
    top = counts.sort_values(["count", "rule_id"], ascending=[False, True]).head(n)
    figure = px.bar(
        top,
        x="count",
        y="rule_id",
        orientation="h",
        # For a vertical category axis Plotly Express puts the first category on top.
        category_orders={"rule_id": list(top["rule_id"])},
        labels={"rule_id": "Rule", "count": "Findings"},
    )
    count_axis(figure, int(top["count"].max()), axis="x")
    return styled(figure, title)


def compliance_heatmap(analyses: pd.DataFrame) -> go.Figure:
    title = "Mean compliance by equipment and test"
    if analyses.empty:
        return empty_figure(title, NO_ANALYSES)
    # An analysis counts under each of its tests (a breaker sheet: insulation and contact).
    tests = analyses["test_types"] if "test_types" in analyses else analyses["test_type"]
    each_test = analyses.assign(test=tests).explode("test")
    frame = each_test.assign(
        equipment=each_test["equipment_type"].map(label),
        test=each_test["test"].fillna(each_test["test_type"]).map(label),
    )
    grouped = frame.groupby(["equipment", "test"])["compliance_score"]
    means = grouped.mean().unstack("test").sort_index().sort_index(axis=1)
    counts = grouped.size().unstack("test").reindex_like(means).fillna(0).astype(int)
    figure = px.imshow(
        means,
        zmin=0,
        zmax=100,
        color_continuous_scale=_RED_TO_GREEN,
        text_auto=".0f",
        aspect="auto",
        labels={"x": "Test", "y": "Equipment", "color": _COMPLIANCE},
    )
    figure.update_traces(
        customdata=counts.to_numpy(),
        hovertemplate=(
            "Equipment: %{y}<br>Test: %{x}<br>Mean compliance: %{z:.1f} %"
            "<br>Analyses: %{customdata}<extra></extra>"
        ),
    )
    return styled(figure, title)


def compliance_by_site(analyses: pd.DataFrame) -> go.Figure:
    title = "Mean compliance by site"
    if analyses.empty:
        return empty_figure(title, NO_ANALYSES)
    frame = analyses.assign(site=site_names(analyses["site"]))
    per_site = frame.groupby("site", as_index=False).agg(
        mean=("compliance_score", "mean"), count=("task_id", "size")
    )
    order = sorted(set(per_site["site"]) - {"Unspecified"})
    if "Unspecified" in set(per_site["site"]):
        order.append("Unspecified")  # last: it is the absence of a site, not a site
    figure = px.bar(
        per_site,
        x="site",
        y="mean",
        hover_data={"count": True},
        category_orders={"site": order},
        labels={"site": "Site", "mean": _COMPLIANCE, "count": "Analyses"},
    )
    figure.update_yaxes(range=[0, 105])
    return styled(figure, title)


# OWASP CSV injection: a spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defused(cell: Any) -> Any:
    if isinstance(cell, list | tuple):  # an analysis's tests: "INSULATION_RESISTANCE + …"
        cell = " + ".join(str(part) for part in cell)
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV a spreadsheet opens without running formulas; UTF-8 with BOM so Excel shows Ω and °.

    Only text cells are touched: numbers (negative ones too) stay numbers.
    """
    safe = frame.copy()
    headers = [_defused(str(name)) for name in frame.columns]
    safe.columns = pd.RangeIndex(len(headers))  # positions: header names may repeat
    for position in safe.columns:
        values = safe[position]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            safe[position] = values.map(_defused)
    safe.columns = pd.Index(headers)
    text: str = safe.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")
