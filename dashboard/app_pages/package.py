"""Package (`?id=<upload task>`): an upload that held several equipment reports as one piece of
work: the verdict mix, one row per report (tag, tests, verdict, open CRITICAL/MAJOR findings)
linking to its analysis, a filter kept in the URL (`verdict`, `q`), the combined PDF audit
report, the CSV of the rows and the share link. Same access as the package's tasks: its owner
or a manager."""

import uuid

import streamlit as st

from core.services.errors import ServiceError
from core.services.packages import filter_parts
from dashboard import auth, data, formatting, state
from dashboard.app_pages import package_actions
from dashboard.components import package_view

actor = auth.current_actor()
package_id = package_actions.id_from_url()
if package_id is None:
    st.title("Package")
    st.info(
        "A package page shows an upload that held several equipment reports. Open one from "
        "the Upload page when its reports are analysed, or from a report's Analysis page.",
        icon=":material/folder_copy:",
    )
    st.page_link("app_pages/tasks.py", label="Go to Tasks", icon=":material/list_alt:")
    st.stop()
try:
    package = data.package_page(actor, package_id)
except ServiceError as error:  # NotFound, PermissionDenied, not a package: their sentence
    st.title("Package")
    st.warning(formatting.md_text(error), icon=":material/lock:")
    st.stop()
assert isinstance(package_id, uuid.UUID)

st.title(formatting.md_text(package.original_filename), anchor=False)
st.caption(package_actions.subtitle(package))
if not package.finished:
    package_actions.progress(actor, package)
package_view.verdict_mix(package)
package_actions.downloads_and_sharing(actor, package)

outcomes, text = package_actions.filter_bar(package)
rows = filter_parts(package, outcomes=outcomes, text=text)
if rows:
    st.caption(package_actions.shown_caption(len(rows), len(package.parts)))
    package_view.parts_table(rows)
else:
    st.info("No report of this package matches the filter.", icon=":material/filter_alt_off:")
st.page_link(
    "app_pages/tasks.py",
    label="These reports in Tasks",
    icon=":material/list_alt:",
    query_params={state.Q_PACKAGE: str(package_id)},
)
