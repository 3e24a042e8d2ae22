"""Trends page helpers: the period controls and the URL, load the aggregates (or say why not),
each chart's data as a frame for its CSV, chart clicks → the Tasks behind them."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from core.services.errors import ServiceError
from core.services.trends import TrendSummary
from core.services.users import Actor
from core.services.views import TaskFilters
from dashboard import data, filters
from dashboard.components.tables import spreadsheet_safe, to_safe_csv

TASKS_PAGE = "app_pages/tasks.py"
UNSPECIFIED_SITE = "Unspecified"  # how the charts name reports without a site or company
Q_BY = "by"
Q_DATES = "dates"
FREQS = {"W": "Week", "M": "Month"}
BASES = {"test": "Test date", "uploaded": "Upload date"}
_URL_FREQ = {"M": "month"}  # the default (week) is never written
_URL_BASIS = {"uploaded": "uploaded"}  # nor the default basis (test date)


def normalise(chosen: TaskFilters) -> TaskFilters:
    """Every equipment type (or every test) chosen is no filter: nothing to write in the URL."""
    equipment = () if set(chosen.equipment_types) >= set(filters.EQUIPMENT_TYPES) else None
    tests = () if set(chosen.test_types) >= set(filters.TEST_TYPES) else None
    return dataclasses.replace(
        chosen,
        equipment_types=chosen.equipment_types if equipment is None else equipment,
        test_types=chosen.test_types if tests is None else tests,
    )


def _from_url(param: str, mapping: Mapping[str, str], default: str) -> str:
    value = st.query_params.get(param)
    return next((key for key, word in mapping.items() if word == value), default)


def period_controls() -> tuple[str, str]:
    """(W or M, test or uploaded), starting from the URL (`by=month`, `dates=uploaded`)."""
    if "freq" not in st.session_state:
        st.session_state["freq"] = _from_url(Q_BY, _URL_FREQ, "W")
    if "trends.basis" not in st.session_state:
        st.session_state["trends.basis"] = _from_url(Q_DATES, _URL_BASIS, "test")
    left, right = st.columns(2)
    freq = left.segmented_control(
        "Group by", list(FREQS), format_func=FREQS.__getitem__, key="freq"
    )
    basis = right.segmented_control(
        "Dates", list(BASES), format_func=BASES.__getitem__, key="trends.basis",
        help="Test date: the date the report gives (its upload date when it gives none).",
    )  # fmt: skip
    return freq or "W", basis or "test"


def write_url(chosen: TaskFilters, freq: str, basis: str) -> None:
    """The filters and the period controls in the address bar, only the values not default."""
    wanted: dict[str, list[str] | str] = filters.to_query(chosen)
    if freq in _URL_FREQ:
        wanted[Q_BY] = _URL_FREQ[freq]
    if basis in _URL_BASIS:
        wanted[Q_DATES] = _URL_BASIS[basis]
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if {key: st.query_params.get_all(key) for key in st.query_params} != as_lists:
        st.query_params.from_dict(wanted)


def filters_note(chosen: TaskFilters) -> str:
    """Markdown: the filters set (they fold into an expander), '' for none."""
    from dashboard.app_pages.tasks_paging import filters_summary

    return filters_summary(chosen)


def load(actor: Actor, chosen: TaskFilters, freq: str, basis: str = "test") -> TrendSummary | str:
    """The aggregates, or the sentence saying why this actor cannot see trends."""
    try:
        return data.trend_summary(actor, chosen, freq, basis)
    except ServiceError as error:
        return str(error)


def export(actor: Actor, chosen: TaskFilters, kind: str) -> Callable[[], bytes]:
    """The CSV of every analysis or finding, built only when its button is clicked."""
    return lambda: to_safe_csv(data.trend_export(actor, chosen, kind))


def chart_download(name: str, frame: Callable[[], pd.DataFrame]) -> None:
    """The chart's data as CSV, built when clicked (never on a plain page run)."""
    st.download_button(
        "Chart data (CSV)",
        lambda: to_safe_csv(frame()),
        f"auditeng-{name}.csv",
        "text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"chart-csv-{name}",
        type="tertiary",
    )


def periods_frame(summary: TrendSummary) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (
                p.start,
                p.verdict,
                p.analyses,
                p.compliance_sum / p.compliance_n if p.compliance_n else None,
            )
            for p in summary.periods
        ],
        columns=["period_start", "verdict", "analyses", "mean_compliance_pct"],
    )


def open_frame(summary: TrendSummary) -> pd.DataFrame:
    return pd.DataFrame(summary.open_periods, columns=["period_start", "severity", "open_findings"])


def rules_frame(summary: TrendSummary) -> pd.DataFrame:
    return pd.DataFrame(
        [(rule, summary.rule_names.get(rule, ""), n) for rule, n in summary.top_rules],
        columns=["rule_id", "rule", "findings"],
    )


def severity_frame(summary: TrendSummary) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (name, count, summary.open_findings.get(name, 0))
            for name, count in summary.severities.items()
        ],
        columns=["severity", "findings", "open_findings"],
    )


def groups_frame(summary: TrendSummary, by: str) -> pd.DataFrame:
    rows = summary.site_verdicts if by == "site" else summary.company_verdicts
    return pd.DataFrame(
        [(name or "", verdict, n, critical) for name, verdict, n, critical in rows],
        columns=[by if by == "site" else "testing_company", "verdict", "analyses", "open_critical"],
    )


def cells_frame(summary: TrendSummary) -> pd.DataFrame:
    return pd.DataFrame(
        summary.equipment_tests,
        columns=["equipment_type", "test_type", "analyses", "mean_compliance_pct"],
    )


def company_rules_table(summary: TrendSummary) -> None:
    """Per testing company: its reports, the share rejected, open CRITICAL findings, and the
    rules its reports fail most often (open CRITICAL/MAJOR findings)."""
    if not summary.company_verdicts:
        st.info("No analyses match these filters.", icon=":material/filter_alt_off:")
        return
    totals: dict[str, list[int]] = {}
    for name, verdict, n, critical in summary.company_verdicts:
        row = totals.setdefault(name or "", [0, 0, 0])
        row[0] += n
        row[1] += n if verdict == "REJECTED" else 0
        row[2] += critical
    failing: dict[str, list[str]] = {}
    for name, rule, n in summary.company_rules:
        label = summary.rule_names.get(rule, "")
        failing.setdefault(name or "", []).append(f"{rule} {label} ({n})".replace("  ", " "))
    frame = pd.DataFrame(
        [
            {
                "Testing company": name or "(not named in the report)",
                "Reports": reports,
                "Rejected": rejected / reports * 100 if reports else None,
                "Open CRITICAL": critical,
                "Most frequent open deficiencies": " · ".join(failing.get(name, [])),
            }
            for name, (reports, rejected, critical) in sorted(
                totals.items(), key=lambda item: (-(item[1][1] / max(item[1][0], 1)), item[0])
            )
        ]
    )
    st.dataframe(
        spreadsheet_safe(frame),
        hide_index=True,
        width="stretch",
        column_config={
            "Rejected": st.column_config.NumberColumn("Rejected", format="%.0f %%", width=90),
            "Reports": st.column_config.NumberColumn("Reports", width=80),
            "Open CRITICAL": st.column_config.NumberColumn("Open CRITICAL", width=110),
            "Most frequent open deficiencies": st.column_config.TextColumn(
                "Most frequent open deficiencies", width="large"
            ),
        },
    )
    st.download_button(
        "Table data (CSV)",
        lambda: to_safe_csv(frame),
        "auditeng-testing-companies.csv",
        "text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="chart-csv-companies",
        type="tertiary",
    )


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
    Plotly: `chart_style.chart_text`); the per-site bars are horizontal (the site is `y`)."""
    sites = [
        html.unescape(str(name))
        for p in _points(event)
        if (name := p.get("y", p.get("x"))) is not None
    ]
    if not sites:
        return None
    picked = tuple(dict.fromkeys(filters.NO_SITE if s == UNSPECIFIED_SITE else s for s in sites))
    return dataclasses.replace(chosen, sites=picked)
