"""The Analysis page's inputs and actions: the task link, polling, downloads, re-run, overrides."""

from __future__ import annotations

import uuid
from pathlib import PurePath

import streamlit as st

from core.services.errors import ServiceError
from core.services.users import Actor
from core.services.views import AnalysisView
from dashboard import auth, data, formatting, state
from dashboard.components import audit_trail

POLL_S = 2.0
NO_TASK = (
    "This page shows one report's analysis: open it from Upload or Tasks, or paste a report "
    "link (…/analysis?task=…)."
)
BAD_TASK = "This report link is not valid: it should end in `?task=` and a report id."


def task_id_from_url() -> uuid.UUID:
    """The `task` query parameter as a UUID; draws a sentence and stops when it is not one."""
    raw = (st.query_params.get(state.Q_TASK) or "").strip()
    if raw:
        try:
            return uuid.UUID(raw)
        except ValueError:
            pass
    st.title("Analysis")
    if raw:
        st.warning(BAD_TASK, icon=":material/link_off:")
    else:
        st.info(NO_TASK, icon=":material/link:")
    st.page_link("app_pages/tasks.py", label="Find a report in Tasks", icon=":material/list_alt:")
    st.stop()


def load_view(actor: Actor) -> AnalysisView:
    task_id = task_id_from_url()
    try:
        view = data.analysis_view(actor, task_id)
    except ServiceError as error:  # NotFound, PermissionDenied: their sentence says it all
        st.title("Analysis")
        st.warning(formatting.md_text(error), icon=":material/lock:")
        st.stop()
    auth.note_link_opened(actor, task_id)  # the audit trail: opened from a link
    return view


def wait_until_finished(actor: Actor, task_id: uuid.UUID) -> None:
    @st.fragment(run_every=POLL_S)
    def poll() -> None:
        status, _ = data.task_status(actor, task_id)
        if status in ("COMPLETED", "FAILED"):
            st.rerun()  # the whole page now has something to show
        st.progress(0.15 if status == "QUEUED" else 0.55, text=f"{status.title()}…")

    poll()


def compliance_delta(view: AnalysisView) -> str | None:
    """Beside the score: how far overrides moved it from the machine's score."""
    machine = view.machine_compliance_score
    if machine is None or view.compliance_score is None or machine == view.compliance_score:
        return None
    return f"{view.compliance_score - machine:+.1f} vs machine {machine:.1f} %"


def subtitle(view: AnalysisView) -> str:
    """What was tested, where, and where the file came from, in one line under the title
    (markdown: the site, file name and owner escaped)."""
    parts = []
    tests = view.test_types or ((view.test_type,) if view.test_type else ())
    if view.equipment_type or tests:
        kind = [formatting.enum_label(view.equipment_type)] if view.equipment_type else []
        kind.append(" + ".join(formatting.enum_label(test) for test in tests))
        parts.append(" · ".join(part for part in kind if part))
    if view.site:
        parts.append(f"site {formatting.md_text(view.site)}")
    parts.append(
        f"{formatting.md_text(view.original_filename)}, uploaded "
        f"{formatting.when(view.created_at)} by {formatting.md_text(view.owner_email)} · "
        f"profile {formatting.md_text(view.profile_id)}"
    )
    return " — ".join(parts)


def downloads_and_sharing(actor: Actor, view: AnalysisView) -> None:
    st.markdown("**Downloads**")
    original, report, _ = st.columns([1, 1, 3])
    original.download_button(
        "Original file",
        data=lambda: data.original_file(actor, view.task_id)[1],
        file_name=view.original_filename,
        on_click="ignore",
        icon=":material/download:",
        key="download-original",
    )
    report.download_button(
        "Audit report (PDF)",
        # Rendered only when clicked; the name matches core.services.reports.audit_report_pdf.
        data=lambda: data.audit_report(actor, view.task_id)[1],
        file_name=f"{PurePath(view.original_filename).stem or 'report'}-audit.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key="download-report",
    )
    st.markdown(
        "**Share link** — whoever may see this report lands on this analysis (after logging in)"
    )
    st.code(data.share_link(view.task_id, st.context.url), language=None)


def rerun_form(actor: Actor, view: AnalysisView) -> None:
    profiles = {p.id: p.title for p in data.profiles()}
    with st.form("rerun"):
        st.markdown("**Analyse again**")
        profile_id = st.selectbox(
            "Profile",
            list(profiles),
            index=list(profiles).index(view.profile_id) if view.profile_id in profiles else 0,
            format_func=profiles.__getitem__,
            key="rerun-profile",
        )
        if st.form_submit_button("Re-run analysis", key="rerun-submit"):
            try:
                data.rerun(actor, view.task_id, profile_id)
            except ServiceError as error:
                st.error(formatting.md_text(error))
                return
            st.rerun()


def trail(actor: Actor, view: AnalysisView) -> None:
    """The report's audit trail, for whoever may see the report (its owner, managers)."""
    try:
        entries = data.audit_trail(actor, view.task_id)
    except ServiceError:
        return  # the page itself said why, had this actor no access
    audit_trail.audit_trail(entries)


def override(actor: Actor, finding_id: uuid.UUID, justification: str) -> str | None:
    try:
        data.override_finding(actor, finding_id, justification)
    except ServiceError as error:
        return str(error)
    return None


def revoke(actor: Actor, finding_id: uuid.UUID) -> str | None:
    try:
        data.revoke_override(actor, finding_id)
    except ServiceError as error:
        return str(error)
    return None
