"""The Trends headline: reports, approval rate, mean compliance, open critical findings."""

from __future__ import annotations

import streamlit as st

from dashboard import formatting as fmt


def kpi_row(
    reports: int, approval_rate: float | None, mean_compliance: float | None, open_critical: int
) -> None:
    """`approval_rate` is a fraction (0–1); `mean_compliance` a percentage (0–100)."""
    columns = st.columns(4)
    columns[0].metric("Reports", f"{reports:,}", border=True)
    approval = None if approval_rate is None else approval_rate * 100
    columns[1].metric("Approval rate", fmt.percent(approval), border=True)
    columns[2].metric("Mean compliance", fmt.percent(mean_compliance), border=True)
    columns[3].metric("Open critical findings", f"{open_critical:,}", border=True)
