"""The accounts table for administrators."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from core.services.users import UserRow
from dashboard.components.tables import spreadsheet_safe


def users_table(rows: Sequence[UserRow]) -> None:
    frame = pd.DataFrame(
        [
            {
                "Email": u.email,
                "Name": u.full_name or "",
                "Role": u.role.value,
                "Active": u.is_active,
                "Locked": u.locked,
                "Last login": u.last_login_at,
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
            "Last login": st.column_config.DatetimeColumn("Last login", format="YYYY-MM-DD HH:mm"),
            "Created": st.column_config.DatetimeColumn("Created", format="YYYY-MM-DD"),
        },
    )
