"""The accounts table and the recent audit events, for administrators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from core.services.audit import AuditEntry
from core.services.users import UserRow
from dashboard.components.tables import spreadsheet_safe


def _moment(value: dt.datetime | None) -> str:
    """A time as the table shows it, blank (not `None`) when there is none."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def users_table(rows: Sequence[UserRow]) -> None:
    frame = pd.DataFrame(
        [
            {
                "Email": u.email,
                "Name": u.full_name or "",
                "Role": u.role.value,
                "Active": u.is_active,
                "Locked": u.locked,
                "Failed logins": u.failed_logins,
                "Locked until": _moment(u.locked_until),
                "Last login": _moment(u.last_login_at),
                "Created": u.created_at,
            }
            for u in rows
        ]
    )
    st.dataframe(
        spreadsheet_safe(frame),
        hide_index=True,
        width="stretch",
        column_config={
            "Failed logins": st.column_config.NumberColumn(
                "Failed logins", help="Wrong passwords since the last successful login"
            ),
            "Locked until": st.column_config.TextColumn("Locked until", help="Blank: not locked"),
            "Last login": st.column_config.TextColumn("Last login", help="Blank: never"),
            "Created": st.column_config.DatetimeColumn("Created", format="YYYY-MM-DD"),
        },
    )


def _details(entry: AuditEntry) -> str:
    """The event's details as `key: value` pairs (reasons, verdicts, roles …)."""
    return " · ".join(
        f"{key.replace('_', ' ')}: {value}"
        for key, value in entry.details.items()
        if value not in (None, "", [], {})
    )


def events_table(entries: Sequence[AuditEntry]) -> None:
    """Newest first: when, who, what, which report (a link), the details."""
    frame = pd.DataFrame(
        [
            {
                "When": entry.at,
                "Who": entry.who,
                "What": entry.label,
                "Report": f"analysis?task={entry.task_id}" if entry.task_id else "",
                "Details": _details(entry),
            }
            for entry in entries
        ],
        columns=["When", "Who", "What", "Report", "Details"],
    )
    st.dataframe(
        spreadsheet_safe(frame),
        hide_index=True,
        width="stretch",
        column_config={
            "When": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm:ss"),
            "Report": st.column_config.LinkColumn("Report", display_text="Open ↗", width=80),
            "Details": st.column_config.TextColumn("Details", width="large"),
        },
    )
