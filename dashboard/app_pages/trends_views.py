"""Trends page helpers: load the frames (or say why not), chart clicks → the Tasks behind them."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from core.services.errors import ServiceError
from core.services.trends import TrendSummary
from core.services.users import Actor
from core.services.views import TaskFilters
from dashboard import data, filters
from dashboard.components.tables import to_safe_csv

TASKS_PAGE = "app_pages/tasks.py"
UNSPECIFIED_SITE = "Unspecified"  # how compliance_by_site names reports without a site


def load(actor: Actor, chosen: TaskFilters, freq: str) -> TrendSummary | str:
    """The aggregates, or the sentence saying why this actor cannot see trends."""
    try:
        return data.trend_summary(actor, chosen, freq)
    except ServiceError as error:
        return str(error)


def export(actor: Actor, chosen: TaskFilters, kind: str) -> Callable[[], bytes]:
    """The CSV of every analysis or finding, built only when its button is clicked."""
    return lambda: to_safe_csv(data.trend_export(actor, chosen, kind))


def tasks_link(chosen: TaskFilters, text: str) -> None:
    st.page_link(
        TASKS_PAGE, label=text, icon=":material/list_alt:", query_params=filters.to_query(chosen)
    )


def _points(event: Any) -> list[Mapping[str, Any]]:
    selection = getattr(event, "selection", None) or {}
    points = selection.get("points", []) if isinstance(selection, Mapping) else []
    return [p for p in points if isinstance(p, Mapping)]


def site_selection(event: Any, chosen: TaskFilters) -> TaskFilters | None:
    """Filters narrowed to the sites whose bars were clicked (the bars' names are escaped for
    Plotly: `chart_style.chart_text`)."""
    sites = [html.unescape(str(p.get("x"))) for p in _points(event) if p.get("x") is not None]
    if not sites:
        return None
    picked = tuple(dict.fromkeys(filters.NO_SITE if s == UNSPECIFIED_SITE else s for s in sites))
    return dataclasses.replace(chosen, sites=picked)
