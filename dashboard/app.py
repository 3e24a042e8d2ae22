"""AuditEng dashboard entry point: page config, every page registered, the login gate, the page."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/, not the repository root, on sys.path.
_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import streamlit as st  # noqa: E402

from dashboard import auth, data, navigation  # noqa: E402

NOT_READY = (
    "AuditEng cannot reach its database or its schema is not up to date; the server's log says "
    "which. An administrator runs `python -m core db upgrade` or fixes DATABASE_URL."
)


def main() -> None:
    st.set_page_config(page_title="AuditEng", page_icon="⚡", layout="wide")
    # Pages first, then the gate: a deep link opened logged out lands on its page after login.
    page = navigation.register()
    status = data.start()
    if not status.ok:
        # Nobody is logged in yet: where the database is stays in the server's log.
        logging.getLogger("auditeng").error("the database is not ready: %s", status.summary)
        st.error(NOT_READY)
        st.stop()
    actor = auth.gate(data.settings(), page.url_path)
    if actor is None:
        st.stop()  # the login form or first-run setup, and nothing about the server
    navigation.sidebar(actor, status, on_logout=auth.request_logout)
    page.run()


# Streamlit runs this file as `__main__`. The analysis's child processes (forkserver) import
# the parent's main module again, as `__mp_main__`: that import must not draw the app.
if __name__ == "__main__":
    main()
