"""The task list as a table whose rows link to their analysis."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from core.services.views import TaskRow
from dashboard import formatting as fmt
from dashboard.components.tables import spreadsheet_safe

_TEXT_COLOUR = {"APPROVED": "#2e7d32", "REVIEW": "#b26a00", "REJECTED": "#c62828"}
COLUMNS = [
    "Open", "Tag", "Verdict", "Test", "Tested", "Open critical", "File", "Owner", "Status",
    "Site", "Uploaded", "Compliance",
]  # fmt: skip
"""File and Owner before the wide-but-rarely-read columns: both in view at 1440 px."""


def status_text(row: TaskRow) -> str:
    """The status word; a failed row says why (its error), never an empty or `None` cell."""
    word = fmt.STATUS_WORDS.get(row.status, row.status)
    if row.status == "FAILED":
        return f"{word}: {row.error_message}" if row.error_message else word
    return word


def task_frame(rows: Sequence[TaskRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Open": f"analysis?task={row.task_id}",
                "Tag": row.equipment_tag or "",
                "Test": " + ".join(fmt.enum_label(kind) for kind in row.test_types)
                or (fmt.enum_label(row.test_type) if row.test_type else ""),
                "Tested": row.test_date.isoformat() if row.test_date else "",
                "Verdict": row.verdict or "",
                "Open critical": row.critical_open,
                "Status": status_text(row),
                "File": f"{row.original_filename} — {row.part}"
                if row.part
                else row.original_filename,
                "Owner": row.owner_email,
                "Site": row.site or "",
                "Uploaded": row.created_at,
                "Compliance": row.compliance_score,
            }
            for row in rows
        ],
        columns=COLUMNS,
    )


def _verdict_colour(verdict: str) -> str:
    colour = _TEXT_COLOUR.get(verdict)
    return f"color: {colour}; font-weight: 600" if colour else ""


def task_table(rows: Sequence[TaskRow], *, key: str) -> uuid.UUID | None:
    """Draw the table; returns the task whose row was just selected (to open it here)."""
    frame = spreadsheet_safe(task_frame(rows))  # its toolbar downloads what it shows
    event = st.dataframe(
        frame.style.map(_verdict_colour, subset=["Verdict"]),
        hide_index=True,
        width="stretch",
        height=min(35 * (len(frame) + 1) + 3, 640),
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "Open": st.column_config.LinkColumn(
                "Open", display_text="Open ↗", help="Opens the analysis in a new tab", width=58
            ),
            "Tag": st.column_config.TextColumn("Tag", width=85),
            "Test": st.column_config.TextColumn("Test", width=140),
            "Tested": st.column_config.TextColumn(
                "Tested", width=88, help="The test date the report gives"
            ),
            "Verdict": st.column_config.TextColumn("Verdict", width=88),
            "Open critical": st.column_config.NumberColumn(
                "Open critical", width=92, help="CRITICAL findings no manager has overridden"
            ),
            "Status": st.column_config.TextColumn("Status", width=160),
            "File": st.column_config.TextColumn("File", width=205),
            "Owner": st.column_config.TextColumn("Owner", width=165),
            "Site": st.column_config.TextColumn("Site", width=100),
            "Uploaded": st.column_config.DatetimeColumn(
                "Uploaded", format="YYYY-MM-DD HH:mm", width=130
            ),
            "Compliance": st.column_config.NumberColumn("Compliance", format="%.1f %%", width=95),
        },
    )
    selected = event.selection.rows if event is not None else []
    return rows[selected[0]].task_id if selected else None
