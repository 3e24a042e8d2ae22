"""Tasks: the reports you may see, filtered by the URL's query parameters (asset `tag` and
`package` among them), sorted and paged by the database (50 a page); a row opens it. The
filters fold into an expander (a phone's screen is the table's); the list's query is kept in
the session so an analysis's Back link returns to it."""

import streamlit as st

from core.services.errors import ServiceError
from dashboard import auth, data, filters, formatting
from dashboard.app_pages import tasks_paging
from dashboard.components.task_table import task_table

actor = auth.current_actor()
st.title("Tasks")
initial = filters.current()
with st.expander("Filters", icon=":material/filter_list:"):
    chosen = filters.filter_bar(initial, data.filter_options(actor)["sites"], key_prefix="tasks")
filters.write(chosen)
if summary := tasks_paging.filters_summary(chosen):
    st.caption(summary)
tasks_paging.remember_query(chosen)
if chosen.package_id is not None:
    try:
        package = data.package_page(actor, chosen.package_id)
        name = package.original_filename
    except ServiceError as error:
        name = str(error)
    tasks_paging.package_notice(chosen, formatting.md_text(name))
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
