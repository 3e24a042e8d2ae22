"""Analysis (`?task=<uuid>`): the verdict and the open deficiencies first, downloads and the
share link beside them, then findings, measurements (each with its limit and margin), report
data and warnings; re-run and the report's audit trail at the bottom. Without a task: the
user's recent reports. Report and user text is drawn through `formatting.md_text`."""

import streamlit as st

from core.services import assets
from dashboard import auth, data, formatting
from dashboard.app_pages import analysis_actions, tasks_paging
from dashboard.components import findings, package_view, report_data, verdict_banner

actor = auth.current_actor()
view = analysis_actions.load_view(actor)  # draws why and stops when the link is not usable

st.title(formatting.md_text(view.equipment_tag or view.original_filename), anchor=False)
st.caption(analysis_actions.subtitle(view))
links = st.columns([1, 1, 3])
with links[0]:
    tasks_paging.back_link()
asset = assets.asset_query(view)
if asset is not None:
    links[1].page_link(
        "app_pages/assets.py",
        label="Asset history",
        query_params=asset,
        icon=":material/timeline:",
    )
if view.part and view.package_id:
    package_view.part_caption(view.part, view.package_id)
if not view.is_finished:
    verdict_banner.pending_banner(view.status)
    analysis_actions.wait_until_finished(actor, view.task_id)
    st.stop()
if view.status == "FAILED":
    verdict_banner.failed_banner(view.error_message)
    analysis_actions.downloads_and_sharing(actor, view)
    analysis_actions.rerun_form(actor, view)
    analysis_actions.trail(actor, view)
    st.stop()
if view.package is not None:
    package_view.package_reports(view.package, view.task_id)
    analysis_actions.rerun_form(actor, view)
    analysis_actions.trail(actor, view)
    st.stop()

verdict_banner.verdict_banner(view.verdict, view.machine_verdict)
analysis_actions.headline(view)
analysis_actions.downloads_and_sharing(actor, view)
extraction = view.extraction
report_data.not_understood_notice(
    extraction.not_understood if extraction else [],
    lambda index: data.region_evidence(actor, view.task_id, index),
)

tab_findings, tab_measurements, tab_data, tab_warnings = st.tabs(
    ["Findings", "Measurements", "Equipment & test", "Warnings"]
)
with tab_findings:
    findings.findings_list(
        view.findings,
        can_override=data.may_override(actor),
        on_override=lambda finding_id, why: analysis_actions.override(actor, finding_id, why),
        on_revoke=lambda finding_id: analysis_actions.revoke(actor, finding_id),
        load_evidence=lambda finding_id: data.finding_evidence(actor, view.task_id, finding_id),
        profile_id=view.profile_id,
    )
with tab_measurements:
    report_data.measurements_table(
        extraction.measurements if extraction else [],
        view.validation.checks if view.validation else [],
    )
with tab_data:
    if extraction is not None:
        report_data.equipment_and_test(extraction, view.site)
with tab_warnings:
    report_data.warnings_list(
        extraction.warnings if extraction else [],
        view.validation.engine_errors if view.validation else [],
    )
analysis_actions.rerun_form(actor, view)
analysis_actions.trail(actor, view)
