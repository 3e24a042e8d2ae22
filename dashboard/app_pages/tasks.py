"""Tasks: the reports you may see, filtered by the URL's query parameters, sorted and paged by
the database (50 a page); a row opens it."""

import streamlit as st

from dashboard import auth, data, filters
from dashboard.app_pages import tasks_paging
from dashboard.components.task_table import task_table

actor = auth.current_actor()
st.title("Tasks")
chosen = filters.filter_bar(
    filters.current(), data.filter_options(actor)["sites"], key_prefix="tasks"
)
filters.write(chosen)
sort, descending = tasks_paging.sort_bar()
paging = tasks_paging.Paging.current(chosen, sort, descending)
page = data.task_page(actor, chosen, sort=sort, descending=descending, after=paging.after)
st.caption(tasks_paging.caption(page, paging))
if not page.rows:
    st.info("No reports match these filters.", icon=":material/filter_alt_off:")
selected = task_table(page.rows, key=f"tasks-table-{paging.number}")
tasks_paging.pager(paging, page)
if selected is not None:
    st.switch_page("app_pages/analysis.py", query_params={"task": str(selected)})
