"""AuditEng dashboard entry point: page config, every page registered, the login gate, the page."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/, not the repository root, on sys.path.
_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import streamlit as st  # noqa: E402

from dashboard import auth, data, navigation  # noqa: E402


def main() -> None:
    st.set_page_config(page_title="AuditEng", page_icon="⚡", layout="wide")
    # Pages first, then the gate: a deep link opened logged out lands on its page after login.
    page = navigation.register()
    status = data.start()
    if not status.ok:
        st.error(f"The database is not ready. {status.summary}")
        st.stop()
    actor = auth.gate(data.settings())
    if actor is None:
        with st.sidebar:
            navigation.database_line(status)
        st.stop()
    navigation.sidebar(actor, status, on_logout=auth.request_logout)
    page.run()


# Streamlit runs this file as `__main__`. The analysis's child processes (forkserver) import
# the parent's main module again, as `__mp_main__`: that import must not draw the app.
if __name__ == "__main__":
    main()
