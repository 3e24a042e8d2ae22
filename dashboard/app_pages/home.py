"""Home: what AuditEng does and where things stand."""

import streamlit as st

from dashboard import data

st.title("AuditEng")
st.write(
    "Automated review of electrical commissioning test reports — insulation resistance, "
    "grounding, thermography, contact resistance and turns ratio — against NETA ATS and IEEE "
    "thresholds."
)
status = data.database_status()
if status.ok:
    st.success(f"Database ready — {status.summary}.")
else:
    st.error(status.summary)
st.markdown("From a shell in the repository: `python -m core --help` lists the commands.")
