"""Tasks: the reports you may see, filtered by the URL's query parameters; a row opens it."""

import streamlit as st

from dashboard import auth, data, filters
from dashboard.components.task_table import task_table

actor = auth.current_actor()
st.title("Tasks")
chosen = filters.filter_bar(
    filters.current(), data.filter_options(actor)["sites"], key_prefix="tasks"
)
filters.write(chosen)
rows = data.task_rows(actor, chosen)
st.caption(
    f"{len(rows)} report{'s' if len(rows) != 1 else ''} · select a row to open its analysis here, "
    "or use Open ↗ for a new tab"
)
if not rows:
    st.info("No reports match these filters.", icon=":material/filter_alt_off:")
selected = task_table(rows, key="tasks-table")
if selected is not None:
    st.switch_page("app_pages/analysis.py", query_params={"task": str(selected)})
