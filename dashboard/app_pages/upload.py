"""Upload: drop reports; each starts its analysis at once and shows its verdict when done."""

import streamlit as st

from dashboard import auth, data, formatting, state
from dashboard.app_pages import upload_actions

actor = auth.current_actor()
settings = data.settings()
profiles = {p.id: p.title for p in data.profiles()}

st.title("Upload reports")
st.caption(
    "Drop commissioning test reports (PDF, scan, image, XLSX, CSV or JSON). Each file is "
    "analysed as soon as it arrives; its verdict appears below."
)
if data.no_worker_running():
    st.warning(
        "No analysis worker is running, so reports wait in the queue until one starts: "
        "run `python -m core worker` on a machine that shares this database and storage.",
        icon=":material/hourglass_empty:",
    )
site_column, profile_column = st.columns(2)
site = site_column.text_input(
    "Site (optional)",
    key=state.UPLOAD_SITE,
    placeholder="e.g. DC-East, Hall 2",
    help="Recorded with each file dropped from now on; otherwise the site read from the report.",
)
profile_id = profile_column.selectbox(
    "Profile",
    list(profiles),
    index=list(profiles).index(data.default_profile_id()),
    format_func=profiles.__getitem__,
    key=state.UPLOAD_PROFILE,
    help="The thresholds and rules to judge against.",
)
files = st.file_uploader(
    f"Test reports — up to {settings.max_upload_mb} MB each",
    # No extension filter: the format is read from the content, and a file AuditEng cannot
    # read gets its own failed task with a sentence saying why.
    accept_multiple_files=True,
    key=state.UPLOADER,
    max_upload_size=settings.max_upload_mb,
)
for error in upload_actions.submit_new(
    actor, files or [], site=site.strip() or None, profile_id=profile_id
):
    st.error(formatting.md_text(error))
upload_actions.status_panel(actor, files or [])
