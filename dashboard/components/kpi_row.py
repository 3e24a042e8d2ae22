"""The Trends headline, around verdicts and open deficiencies: reports, approved and rejected
shares, open CRITICAL and MAJOR findings (mean compliance beside them, smaller)."""

from __future__ import annotations

import streamlit as st

from dashboard import formatting as fmt


def _share(rate: float | None) -> str:
    return fmt.percent(None if rate is None else rate * 100)


def kpi_row(
    reports: int,
    approval_rate: float | None,
    mean_compliance: float | None,
    open_critical: int,
    *,
    rejected_rate: float | None = None,
    open_major: int = 0,
) -> None:
    """`approval_rate` and `rejected_rate` are fractions (0–1); `mean_compliance` a percentage."""
    columns = st.columns(5)
    columns[0].metric("Reports", f"{reports:,}", border=True)
    columns[1].metric("Approved", _share(approval_rate), border=True)
    columns[2].metric("Rejected", _share(rejected_rate), border=True)
    columns[3].metric(
        "Open CRITICAL", f"{open_critical:,}", border=True,
        help="CRITICAL findings no manager has overridden",
    )  # fmt: skip
    columns[4].metric(
        "Open MAJOR", f"{open_major:,}", border=True,
        help="MAJOR findings no manager has overridden",
    )  # fmt: skip
    if mean_compliance is not None:
        st.caption(f"Mean compliance score {fmt.percent(mean_compliance)}")
