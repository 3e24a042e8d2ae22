"""A package on the Analysis page: the upload's equipment reports, a count per verdict, links."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from core.services.packages import PackageSummary
from dashboard import formatting as fmt
from dashboard.components.tables import spreadsheet_safe

ANALYSIS_PAGE = "app_pages/analysis.py"


def package_reports(package: PackageSummary) -> None:
    """The count per verdict, then one row per report linking to its analysis."""
    st.info(
        f"This upload held {package.sentence}. Each was analysed on its own; open one below.",
        icon=":material/folder_copy:",
    )
    counts = package.counts
    columns = st.columns(max(len(counts), 1))
    for column, (verdict, count) in zip(columns, counts.items(), strict=False):
        column.metric(verdict.title(), count, border=True)
    frame = pd.DataFrame(
        [
            {
                "Open": f"analysis?task={row.task_id}",
                "Part": row.part,
                "Tag": row.equipment_tag or "",
                "Equipment": fmt.enum_label(row.equipment_type) if row.equipment_type else "",
                "Tests": " + ".join(fmt.enum_label(kind) for kind in row.test_types),
                "Verdict": row.verdict or fmt.STATUS_WORDS.get(row.status, row.status),
                "Findings": row.findings,
                "Open critical": row.open_critical,
                "Error": row.error_message or "",
            }
            for row in package.parts
        ]
    )
    st.dataframe(
        spreadsheet_safe(frame),
        hide_index=True,
        width="stretch",
        column_config={
            "Open": st.column_config.LinkColumn("Open", display_text="Open", width="small"),
        },
    )


def part_caption(part: str, package_id: uuid.UUID) -> None:
    """For one report of a package: where it sits, and the way back to the whole upload."""
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(f"One equipment report of a package upload: {fmt.md_text(part)}.")
    right.page_link(
        ANALYSIS_PAGE,
        label="All reports of this upload",
        icon=":material/folder_copy:",
        query_params={"task": str(package_id)},
    )
