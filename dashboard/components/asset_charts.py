"""Charts of one asset over the years: a reading per test of one quantity and point, its
baseline (the first accepted reading) drawn as a dashed line and each later reading's change
from it marked; tables of the asset list and of the asset's analyses. Plain data in, figures
and frames out (tested without Streamlit)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from core.services.assets import AssetAnalysis, AssetRow, TrendSeries
from dashboard.components.chart_style import VERDICT_COLOURS, chart_text, empty_figure, styled

NO_READINGS = "No readings of this point to chart"
OTHER_COLOUR = "#607d8b"


def series_frame(series: TrendSeries) -> pd.DataFrame:
    """One row per test of the series: date, value (in the chart's unit), verdict, baseline,
    change from the baseline."""
    return pd.DataFrame(
        [
            {
                "Test date": pd.Timestamp(point.test_date),
                "Value": point.value,
                "Verdict": point.verdict or "",
                "Baseline": point.baseline,
                "Change": point.change_pct,
                "Over range": point.censored,
                "Task": str(point.task_id),
            }
            for point in series.points
        ],
        columns=["Test date", "Value", "Verdict", "Baseline", "Change", "Over range", "Task"],
    )


def change_text(series: TrendSeries, change: float | None, baseline: bool) -> str:
    """How a reading stands against the baseline: `baseline`, `+110 %`, `−0.3 °C`."""
    if baseline:
        return "baseline"
    if change is None or change != change:
        return ""
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    unit = "%" if series.relative else series.unit
    unit = "pp" if series.unit == "%" and not series.relative else unit
    return f"{sign}{abs(change):,.{1 if abs(change) >= 1 else 2}f} {unit}"


def value_range(values: list[float], baseline: float | None, series: TrendSeries) -> list[float]:
    """The y range: every reading and the baseline with room for the labels above them, and
    for a relative quantity at least ±5 % of the baseline, so that a 2 % wobble does not fill
    the chart like a doubling."""
    points = [*values, *([baseline] if baseline is not None else [])]
    low, high = min(points), max(points)
    centre = (low + high) / 2
    floor = 0.10 * abs(baseline if baseline is not None else centre) if series.relative else 0.0
    span = max(high - low, floor, 1e-12)
    if span > high - low:  # widened around the readings' middle
        low, high = centre - span / 2, centre + span / 2
    bottom = low - 0.12 * span
    return [max(bottom, 0.0) if min(points) >= 0 else bottom, high + 0.22 * span]


def trend_figure(series: TrendSeries) -> go.Figure:
    """The readings of one quantity and point over time, the baseline dashed, each reading's
    change from it written beside it; markers coloured by that analysis's verdict."""
    title = chart_text(f"{series.label} · {series.point}")
    frame = series_frame(series)
    if frame.empty:
        return empty_figure(title, NO_READINGS)
    labels = [
        change_text(series, change, bool(base))
        for change, base in zip(frame["Change"], frame["Baseline"], strict=True)
    ]
    colours = [VERDICT_COLOURS.get(v, OTHER_COLOUR) for v in frame["Verdict"]]
    shown = [
        f"{'>' if over else ''}{value:,.4g} {series.unit}"
        for value, over in zip(frame["Value"], frame["Over range"], strict=True)
    ]
    figure = go.Figure(
        go.Scatter(
            x=frame["Test date"],
            y=frame["Value"],
            mode="lines+markers+text",
            text=labels,
            textposition="top center",
            cliponaxis=False,  # a label over the highest reading stays whole
            marker={"size": 11, "color": colours, "line": {"width": 1, "color": "#263238"}},
            line={"color": OTHER_COLOUR},
            customdata=list(
                zip(shown, [chart_text(v or "—") for v in frame["Verdict"]], strict=True)
            ),
            hovertemplate="%{x|%Y-%m-%d}<br>%{customdata[0]}<br>%{customdata[1]}<br>%{text}"
            "<extra></extra>",
            name=chart_text(series.point),
        )
    )
    baseline = series.baseline
    if baseline is not None:
        figure.add_hline(
            y=baseline.value,
            line_dash="dash",
            line_color="#455a64",
            annotation_text=chart_text(
                f"baseline {baseline.value:,.4g} {series.unit} ({baseline.test_date.isoformat()})"
            ),
            annotation_position="bottom right",  # clear of the baseline reading's own label
        )
    figure.update_layout(showlegend=False, height=320)
    figure.update_xaxes(title_text="Test date")
    figure.update_yaxes(
        title_text=chart_text(f"{series.label} ({series.unit})"),
        range=value_range(list(frame["Value"]), baseline.value if baseline else None, series),
    )
    if len(frame) == 1:
        day = frame["Test date"].iloc[0]
        figure.update_xaxes(range=[day - pd.Timedelta(days=90), day + pd.Timedelta(days=90)])
    return styled(figure, title)


def assets_frame(rows: Sequence[AssetRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Asset": row.link,
                "Tag": row.tag,
                "Site": row.site or "",
                "Equipment": (row.equipment_type or "").replace("_", " ").capitalize(),
                "Analyses": row.analyses,
                "Latest verdict": row.latest_verdict or "",
                "Last tested": row.latest_test_date.isoformat() if row.latest_test_date else "",
                "Open CRITICAL": row.open_critical,
                "Trend findings": row.trend_findings,
                "Latest report": f"analysis?task={row.latest_task_id}",
            }
            for row in rows
        ],
        columns=[
            "Asset", "Tag", "Site", "Equipment", "Analyses", "Latest verdict", "Last tested",
            "Open CRITICAL", "Trend findings", "Latest report",
        ],
    )  # fmt: skip


def analyses_frame(analyses: Sequence[AssetAnalysis]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Test date": a.test_date.isoformat() if a.test_date else "",
                "Verdict": a.verdict or "",
                "Compliance": a.compliance_score,
                "Open CRITICAL": a.open_critical,
                "Trend findings": len(a.trend_findings),
                "Report": a.file_name if a.part is None else f"{a.file_name} · {a.part}",
                "Uploaded by": a.owner_email,
                "Open": a.link,
            }
            for a in analyses
        ],
        columns=[
            "Test date", "Verdict", "Compliance", "Open CRITICAL", "Trend findings", "Report",
            "Uploaded by", "Open",
        ],
    )  # fmt: skip
