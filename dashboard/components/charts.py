"""Trend charts and KPIs for the Trends page: the database's aggregates in (`TrendSummary`),
Plotly Express figures out, no Streamlit.

Every figure function returns a figure for an empty summary too: no traces, and an annotation
saying that nothing matches the filters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from core.services.trends import PeriodRow, TrendSummary
from dashboard.components.chart_style import (
    NO_ANALYSES,
    NO_FINDINGS,
    NO_OPEN,
    SEVERITY_COLOURS,
    SEVERITY_ORDER,
    VERDICT_COLOURS,
    VERDICT_ORDER,
    chart_text,
    count_axis,
    empty_figure,
    fit_time_axis,
    label,
    period_label,
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
    "open_deficiencies_over_time",
    "rule_label",
    "top_failing_rules",
    "verdict_mix_by",
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
    rejected_rate: float | None = None
    """Share of analyses REJECTED, 0–1; None when there are none."""
    open_major: int = 0
    """MAJOR findings that no manager has overridden."""


def kpis(summary: TrendSummary) -> Kpis:
    rejected = sum(p.analyses for p in summary.periods if p.verdict == "REJECTED")
    return Kpis(
        reports=summary.reports,
        approval_rate=summary.approval_rate,
        mean_compliance=summary.mean_compliance,
        open_critical=summary.open_critical,
        rejected_rate=rejected / summary.reports if summary.reports else None,
        open_major=int(summary.open_findings.get("MAJOR", 0)),
    )


def _periods(periods: Sequence[PeriodRow]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [(pd.Timestamp(p.start), p.verdict, p.analyses, p.compliance_sum, p.compliance_n)
         for p in periods],
        columns=["period", "verdict", "count", "compliance_sum", "compliance_n"],
    )  # fmt: skip
    return frame


def compliance_over_time(periods: Sequence[PeriodRow], freq: str = "W") -> go.Figure:
    title = "Compliance over time"
    if not periods:
        return empty_figure(title, NO_ANALYSES)
    per_period = (
        _periods(periods)
        .groupby("period", as_index=False)[["count", "compliance_sum", "compliance_n"]]
        .sum()
        .sort_values("period")
    )
    per_period["mean"] = per_period["compliance_sum"] / per_period["compliance_n"].where(
        per_period["compliance_n"] > 0
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


def mark_partial(figure: go.Figure, partial_from: dt.date | None, freq: str) -> go.Figure:
    """Shade the last period when it has not ended yet: its counts are still growing."""
    if partial_from is None:
        return figure
    start = pd.Timestamp(partial_from)
    end = pd.Period(start, freq).end_time
    figure.add_vrect(
        x0=start - (end - start) * 0.5 if freq == "W" else start - pd.Timedelta(days=15),
        x1=end + (end - start) * 0.5 if freq == "W" else end + pd.Timedelta(days=15),
        fillcolor="#9e9e9e",
        opacity=0.15,
        line_width=0,
        annotation_text="in progress",
        annotation_position="top right",
        annotation_yanchor="bottom",  # above the plot: clear of the bars and of the legend
    )
    return figure


def verdict_mix_over_time(
    periods: Sequence[PeriodRow], freq: str = "W", partial_from: dt.date | None = None
) -> go.Figure:
    title = "Verdicts over time"
    if not periods:
        return empty_figure(title, NO_ANALYSES)
    counts = _periods(periods).groupby(["period", "verdict"], as_index=False)["count"].sum()
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
    return styled(mark_partial(figure, partial_from, freq), title)


def open_deficiencies_over_time(
    rows: Sequence[tuple[dt.date, str, int]],
    freq: str = "W",
    partial_from: dt.date | None = None,
    span: Sequence[dt.date] = (),
) -> go.Figure:
    """Open (not overridden) CRITICAL and MAJOR findings per period, stacked by severity, over
    the periods of `span` too (the verdicts chart's, so the two line up)."""
    title = "Open deficiencies over time"
    if not rows:
        return empty_figure(title, NO_OPEN)
    counts = pd.DataFrame(
        [(pd.Timestamp(start), severity, n) for start, severity, n in rows],
        columns=["period", "severity", "count"],
    )
    figure = px.bar(
        counts.sort_values(["period", "severity"]),
        x="period",
        y="count",
        color="severity",
        barmode="stack",
        color_discrete_map=SEVERITY_COLOURS,
        category_orders={"severity": SEVERITY_ORDER[:2]},
        labels={"period": period_label(freq), "count": "Open findings", "severity": "Severity"},
    )
    fit_time_axis(figure, counts["period"], freq, bars=True, span=span)
    count_axis(figure, int(counts.groupby("period")["count"].sum().max()))
    return styled(mark_partial(figure, partial_from, freq), title)


def verdict_mix_by(
    rows: Sequence[tuple[str | None, str, int, int]], *, title: str, axis: str
) -> go.Figure:
    """The share of each verdict per site or testing company (100 % bars, the analyses in the
    hover), most often rejected on top: which sites or contractors fail most often."""
    if not rows:
        return empty_figure(title, NO_ANALYSES)
    frame = pd.DataFrame(list(rows), columns=["group", "verdict", "count", "critical"])
    frame["group"] = site_names(frame["group"])
    frame = frame.groupby(["group", "verdict"], as_index=False)[["count", "critical"]].sum()
    totals = frame.groupby("group")["count"].transform("sum")
    frame["share"] = frame["count"] / totals * 100
    frame["total"] = totals
    rejected = frame[frame["verdict"] == "REJECTED"].set_index("group")["share"]
    groups = sorted(set(frame["group"]), key=lambda g: (-float(rejected.get(g, 0.0)), g))
    if "Unspecified" in groups:
        groups.remove("Unspecified")
        groups.append("Unspecified")  # last: it is the absence of a name, not a name
    figure = px.bar(
        frame,
        x="share",
        y="group",
        color="verdict",
        orientation="h",
        barmode="stack",
        color_discrete_map=VERDICT_COLOURS,
        category_orders={"verdict": VERDICT_ORDER, "group": groups},
        custom_data=["count", "total"],
        labels={"share": "Share of reports (%)", "group": axis, "verdict": "Verdict"},
    )
    figure.update_traces(
        hovertemplate=(
            f"{axis}: %{{y}}<br>%{{fullData.name}}: %{{customdata[0]}} of %{{customdata[1]}} "
            "reports (%{x:.0f} %)<extra></extra>"
        )
    )
    figure.update_xaxes(range=[0, 100], ticksuffix=" %")
    figure.update_layout(height=max(260, 90 + 28 * len(groups)), legend_title_text="Verdict")
    return styled(figure, title)


def findings_by_severity(severities: Mapping[str, int]) -> go.Figure:
    title = "Findings by severity"
    if not any(severities.values()):
        return empty_figure(title, NO_FINDINGS)
    counts = pd.DataFrame(
        [(name, int(severities.get(name, 0))) for name in SEVERITY_ORDER],
        columns=["severity", "count"],
    )  # every severity shown, zero included
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


def rule_label(rule_id: str, names: Mapping[str, str], width: int = 42) -> str:
    """`IR-001 · Insulation resistance below the minimum`, shortened to `width` characters;
    escaped for Plotly."""
    name = names.get(rule_id, "")
    text = f"{rule_id} · {name}" if name else rule_id
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return chart_text(text)


def top_failing_rules(
    rules: Sequence[tuple[str, int]], n: int = 10, names: Mapping[str, str] | None = None
) -> go.Figure:
    title = f"Most frequent findings (top {n})"
    if not rules:
        return empty_figure(title, NO_FINDINGS)
    counts = pd.DataFrame(
        [(chart_text(rule), rule_label(rule, names or {}), count) for rule, count in rules],
        columns=["rule_id", "rule", "count"],
    )
    # Ties broken by rule id so the same data always draws the same chart.
    top = counts.sort_values(["count", "rule_id"], ascending=[False, True]).head(n)
    figure = px.bar(
        top,
        x="count",
        y="rule",
        orientation="h",
        # For a vertical category axis Plotly Express puts the first category on top.
        category_orders={"rule": list(top["rule"])},
        labels={"rule": "Rule", "count": "Findings"},
    )
    count_axis(figure, int(top["count"].max()), axis="x")
    return styled(figure, title)


def compliance_heatmap(cells: Sequence[tuple[str, str, int, float | None]]) -> go.Figure:
    """Mean compliance per equipment type and test (an analysis counts under each test)."""
    title = "Mean compliance by equipment and test"
    if not cells:
        return empty_figure(title, NO_ANALYSES)
    frame = pd.DataFrame(list(cells), columns=["equipment", "test", "count", "mean"])
    frame["equipment"] = frame["equipment"].map(label)
    frame["test"] = frame["test"].map(label)
    frame["total"] = frame["mean"].astype(float) * frame["count"]
    grouped = frame.groupby(["equipment", "test"])[["total", "count"]].sum()
    means = (grouped["total"] / grouped["count"]).unstack("test").sort_index().sort_index(axis=1)
    counts = grouped["count"].unstack("test").reindex_like(means).fillna(0).astype(int)
    low, high = float(means.min().min()), float(means.max().max())
    if high - low < 1:  # one value (or all alike): a scale around it, not a single colour
        low, high = max(low - 5, 0.0), min(high + 5, 100.0)
    figure = px.imshow(
        means,
        zmin=low,
        zmax=high,
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
    # Sized to its rows (the page puts it in a column of its own width): no stretched cells.
    figure.update_layout(height=max(240, 110 + 44 * len(means.index)))
    figure.update_coloraxes(colorbar_title_text="Mean<br>compliance (%)")
    return styled(figure, title)


def compliance_by_site(sites: Sequence[tuple[str | None, int, float | None]]) -> go.Figure:
    title = "Mean compliance by site"
    if not sites:
        return empty_figure(title, NO_ANALYSES)
    frame = pd.DataFrame(list(sites), columns=["site", "count", "mean"])
    frame["site"] = site_names(frame["site"])
    frame["total"] = frame["mean"].astype(float) * frame["count"]
    per_site = frame.groupby("site", as_index=False)[["total", "count"]].sum()
    per_site["mean"] = per_site["total"] / per_site["count"]
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
