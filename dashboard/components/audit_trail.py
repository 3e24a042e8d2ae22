"""A report's audit trail on the Analysis page: who did what and when, newest first, as text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from core.services.audit import AuditEntry
from dashboard.components.tables import spreadsheet_safe


def details_text(details: Mapping[str, Any]) -> str:
    """`{"verdict": "REJECTED", "profile_id": "x"}` → `verdict REJECTED · profile id x`."""
    return " · ".join(
        f"{key.replace('_', ' ')} {value}"
        for key, value in details.items()
        if value is not None and value != ""
    )


def audit_trail(entries: Sequence[AuditEntry]) -> None:
    """An expander listing the events (the table draws cells as text, never markdown)."""
    count = len(entries)
    with st.expander(f"Audit trail ({count} event{'s' if count != 1 else ''})"):
        if not entries:
            st.caption("Nothing has been recorded for this report yet.")
            return
        newest_first = list(reversed(sorted(entries, key=lambda entry: entry.at)))
        frame = pd.DataFrame(
            [
                {
                    "When": entry.at,
                    "Who": entry.who,
                    "What": entry.label,
                    "Details": details_text(entry.details),
                }
                for entry in newest_first
            ],
            columns=["When", "Who", "What", "Details"],
        )
        st.dataframe(
            spreadsheet_safe(frame),
            hide_index=True,
            width="stretch",
            column_config={
                "When": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm:ss"),
                "Details": st.column_config.TextColumn("Details", width="large"),
            },
        )
