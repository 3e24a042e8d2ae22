"""AuditEng dashboard entry point: page config, database readiness, navigation."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repository root.
_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import streamlit as st  # noqa: E402

from dashboard import data  # noqa: E402

st.set_page_config(page_title="AuditEng", page_icon="⚡", layout="wide")

status = data.database_status()
with st.sidebar:
    if status.ok:
        st.caption(f"Database: {status.summary}")
    else:
        st.error(f"Database: {status.summary}")

pages = [st.Page("app_pages/home.py", title="Home", icon="🏠", url_path="home", default=True)]
st.navigation(pages).run()
