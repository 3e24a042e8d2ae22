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
    "Open", "Uploaded", "Tag", "Equipment", "Test", "Site", "Verdict", "Compliance", "Status",
    "File", "Owner",
]  # fmt: skip


def task_frame(rows: Sequence[TaskRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Open": f"analysis?task={row.task_id}",
                "Uploaded": row.created_at,
                "Tag": row.equipment_tag or "",
                "Equipment": fmt.enum_label(row.equipment_type) if row.equipment_type else "",
                "Test": " + ".join(fmt.enum_label(kind) for kind in row.test_types)
                or (fmt.enum_label(row.test_type) if row.test_type else ""),
                "Site": row.site or "",
                "Verdict": row.verdict or "",
                "Compliance": row.compliance_score,
                "Status": fmt.STATUS_WORDS.get(row.status, row.status),
                "File": f"{row.original_filename} — {row.part}"
                if row.part
                else row.original_filename,
                "Owner": row.owner_email,
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
                "Open", display_text="Open ↗", help="Opens the analysis in a new tab", width=70
            ),
            "Uploaded": st.column_config.DatetimeColumn("Uploaded", format="YYYY-MM-DD HH:mm"),
            "Compliance": st.column_config.NumberColumn("Compliance", format="%.1f %%"),
            "File": st.column_config.TextColumn("File", width="medium"),
        },
    )
    selected = event.selection.rows if event is not None else []
    return rows[selected[0]].task_id if selected else None
