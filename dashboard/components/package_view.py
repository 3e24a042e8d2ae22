"""A package upload: its verdict mix, its equipment reports as a table linking to each analysis,
and the way from one report (or the Analysis page of the upload) to the package page."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from core.services.packages import PackageSummary, PartRow
from dashboard import formatting as fmt
from dashboard.components.tables import spreadsheet_safe

ANALYSIS_PAGE = "app_pages/analysis.py"
PACKAGE_PAGE = "app_pages/package.py"
COLUMNS = [
    "Open", "Tag", "Verdict", "Open CRITICAL", "Open MAJOR", "Findings", "Report", "Equipment",
    "Tests", "Error",
]  # fmt: skip
_TEXT_COLOUR = {
    "APPROVED": "#2e7d32", "REVIEW": "#b26a00", "REJECTED": "#c62828", "FAILED": "#c62828",
}  # fmt: skip


def verdict_mix(package: PackageSummary) -> None:
    """One metric per verdict (FAILED, QUEUED … too), in verdict order."""
    counts = package.counts
    columns = st.columns(max(len(counts), 1))
    for column, (verdict, count) in zip(columns, counts.items(), strict=False):
        column.metric(fmt.STATUS_WORDS.get(verdict, verdict.title()), count, border=True)


def part_frame(rows: Sequence[PartRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Open": f"analysis?task={row.task_id}",
                "Report": row.part,
                "Tag": row.equipment_tag or "",
                "Equipment": fmt.enum_label(row.equipment_type) if row.equipment_type else "",
                "Tests": " + ".join(fmt.enum_label(kind) for kind in row.test_types),
                "Verdict": row.verdict or fmt.STATUS_WORDS.get(row.status, row.status),
                "Open CRITICAL": row.open_critical,
                "Open MAJOR": row.open_major,
                "Findings": row.findings,
                "Error": row.error_message or "",
            }
            for row in rows
        ],
        columns=COLUMNS,
    )


def _verdict_colour(verdict: str) -> str:
    colour = _TEXT_COLOUR.get(verdict.upper())
    return f"color: {colour}; font-weight: 600" if colour else ""


def parts_table(rows: Sequence[PartRow], *, key: str = "package-parts") -> None:
    """One row per equipment report; Open ↗ opens its analysis."""
    frame = spreadsheet_safe(part_frame(rows))
    if not frame["Error"].astype(bool).any():  # the columns fit 1440 px without an empty one
        frame = frame.drop(columns=["Error"])
    st.dataframe(
        frame.style.map(_verdict_colour, subset=["Verdict"]),
        hide_index=True,
        width="stretch",
        height=min(35 * (len(frame) + 1) + 3, 720),
        key=key,
        column_config={
            "Open": st.column_config.LinkColumn("Open", display_text="Open ↗", width=62),
            "Report": st.column_config.TextColumn("Report", width=100),
            "Tag": st.column_config.TextColumn("Tag", width=90),
            "Equipment": st.column_config.TextColumn("Equipment", width=90),
            "Tests": st.column_config.TextColumn("Tests", width=250),
            "Verdict": st.column_config.TextColumn("Verdict", width=95),
            "Open CRITICAL": st.column_config.NumberColumn(
                "Open CRITICAL", width=105, help="CRITICAL findings no manager has overridden"
            ),
            "Open MAJOR": st.column_config.NumberColumn(
                "Open MAJOR", width=95, help="MAJOR findings no manager has overridden"
            ),
            "Findings": st.column_config.NumberColumn("Findings", width=70),
            "Error": st.column_config.TextColumn("Error", width="medium"),
        },
    )


def package_reports(package: PackageSummary, package_id: uuid.UUID | None = None) -> None:
    """On the Analysis page of a package upload: the mix, the table, the way to its page."""
    st.info(
        f"This upload held {package.sentence}. Each was analysed on its own; open one below, "
        "or the package page for its filter, combined PDF, CSV and share link.",
        icon=":material/folder_copy:",
    )
    if package_id is not None:
        package_link(package_id, "Open the package page")
    verdict_mix(package)
    parts_table(package.parts)


def package_link(package_id: uuid.UUID, label: str) -> None:
    st.page_link(
        PACKAGE_PAGE,
        label=label,
        icon=":material/folder_copy:",
        query_params={"id": str(package_id)},
    )


def open_package_page(package_id: uuid.UUID) -> None:
    """The Analysis page of a package upload forwards here: the package has a page of its own."""
    st.switch_page(PACKAGE_PAGE, query_params={"id": str(package_id)})


def part_caption(part: str, package_id: uuid.UUID) -> None:
    """For one report of a package: where it sits, and the way back to the whole upload."""
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(f"One equipment report of a package upload: {fmt.md_text(part)}.")
    with right:
        package_link(package_id, "All reports of this package")
