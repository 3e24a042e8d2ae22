"""Shared look of the trend charts: fixed colours and orders, labels, periods, the empty figure."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

NO_ANALYSES = "No analyses match these filters"
NO_FINDINGS = "No findings match these filters"
NO_OPEN = "No open CRITICAL or MAJOR findings for these filters"

VERDICT_ORDER = ["APPROVED", "REVIEW", "REJECTED"]
VERDICT_COLOURS = {"APPROVED": "#2e7d32", "REVIEW": "#f9a825", "REJECTED": "#c62828"}
SEVERITY_ORDER = ["CRITICAL", "MAJOR", "MINOR", "INFO"]
SEVERITY_COLOURS = {
    "CRITICAL": "#c62828",
    "MAJOR": "#ef6c00",
    "MINOR": "#f9a825",
    "INFO": "#1565c0",
}

_ACRONYMS = {"UPS", "ATS", "PDU"}
_PERIOD_LABELS = {"D": "Day", "W": "Week starting", "M": "Month", "Q": "Quarter", "Y": "Year"}


def chart_text(value: object) -> str:
    """Text from the data (a site, a tag, a rule) for a Plotly label, tick, legend or hover:
    Plotly draws a subset of HTML there (`<a href>`, `<b>`, `<br>`), so `<`, `>` and `&` are
    escaped and the text shows as written. A chart click gives it back escaped (`html.unescape`).
    """
    return html.escape(str(value), quote=False)


def label(value: object) -> str:
    """`GROUNDING_SYSTEM` → `Grounding system`; acronyms stay; a missing value reads as such.
    Escaped for Plotly (`chart_text`)."""
    text = "" if _missing(value) else str(value).strip()
    if not text:
        return "Unspecified"
    return chart_text(text if text in _ACRONYMS else text.replace("_", " ").capitalize())


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def site_names(sites: pd.Series) -> pd.Series:
    """Sites as shown (escaped for Plotly): blank or missing ones grouped under `Unspecified`."""
    return sites.astype(object).map(
        lambda site: (
            "Unspecified"
            if _missing(site) or not str(site).strip()
            else chart_text(str(site).strip())
        )
    )


def period_start(created_at: pd.Series, freq: str) -> pd.Series:
    """The start of each timestamp's period (in UTC, so all viewers bucket alike)."""
    utc = pd.to_datetime(created_at, utc=True).dt.tz_localize(None)
    return utc.dt.to_period(freq).dt.start_time


def period_label(freq: str) -> str:
    return _PERIOD_LABELS.get(freq.upper()[:1], "Period")


def styled(figure: go.Figure, title: str) -> go.Figure:
    figure.update_layout(
        title={"text": title},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return figure


def empty_figure(title: str, message: str) -> go.Figure:
    """A titled figure with no data, saying why, instead of empty axes that look broken."""
    figure = go.Figure()
    figure.update_layout(
        title={"text": title},
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "font": {"size": 16},
            }
        ],
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return figure


def count_axis(figure: go.Figure, largest: int, axis: str = "y") -> None:
    """Whole numbers only on a count axis: 1.5 analyses means nothing."""
    settings: dict[str, object] = {"rangemode": "tozero", "tickformat": ",d"}
    if largest <= 10:
        settings["dtick"] = 1
    if axis == "y":
        figure.update_yaxes(**settings)
    else:
        figure.update_xaxes(**settings)


def fit_time_axis(
    figure: go.Figure,
    starts: pd.Series,
    freq: str,
    *,
    bars: bool,
    span: Sequence[dt.date] = (),
) -> None:
    """Bars a period wide, and a readable range when everything falls in one period; with
    `span` (the periods of a chart beside it), the range covers those periods too, so two
    charts over time line up.

    Plotly sizes date bars and ranges from the spacing between points; with a single period
    there is none, and it zooms to milliseconds around the lone point.
    """
    first = pd.Timestamp(starts.min())
    length = pd.Period(first, freq).end_time - first
    if bars:
        figure.update_traces(width=length.total_seconds() * 1000 * 0.8)
    if span:
        low = min(first, pd.Timestamp(min(span)))
        high = max(pd.Timestamp(starts.max()), pd.Timestamp(max(span)))
        figure.update_xaxes(range=[low - length, high + length])
    elif starts.nunique() == 1:
        figure.update_xaxes(range=[first - length, first + length])
