"""The Analysis page's inputs and actions: the task link, polling, downloads, re-run, overrides."""

from __future__ import annotations

import uuid
from pathlib import PurePath

import streamlit as st

from core.services.errors import ServiceError
from core.services.users import Actor
from core.services.views import AnalysisView, TaskFilters
from dashboard import auth, data, formatting, state
from dashboard.components import audit_trail

POLL_S = 2.0
NO_TASK = (
    "This page shows one report's analysis: open it from Upload or Tasks, or paste a report "
    "link (…/analysis?task=…)."
)
BAD_TASK = "This report link is not valid: it should end in `?task=` and a report id."


RECENT = 10
"""Reports listed when the page is opened without one."""


def task_id_from_url(actor: Actor) -> uuid.UUID:
    """The `task` query parameter as a UUID; without one, the user's recent reports (a link
    each) and a stop; with a malformed one, a sentence and a stop."""
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
        recent_reports(actor)
    st.page_link("app_pages/tasks.py", label="Find a report in Tasks", icon=":material/list_alt:")
    st.stop()


def recent_reports(actor: Actor) -> None:
    """The newest reports this user may open, each a link to its analysis."""
    page = data.task_page(actor, TaskFilters(), sort="created_at", descending=True, after=None)
    if not page.rows:
        st.info(NO_TASK, icon=":material/link:")
        return
    st.markdown("**Your recent reports** — open one, or find any report in Tasks.")
    for row in page.rows[:RECENT]:
        verdict = row.verdict or formatting.STATUS_WORDS.get(row.status, row.status)
        name = row.equipment_tag or row.original_filename
        st.page_link(
            "app_pages/analysis.py",
            label=f"{formatting.md_text(name)} — {verdict.title()} · "
            f"{formatting.when(row.created_at)}",
            query_params={state.Q_TASK: str(row.task_id)},
            icon=formatting.verdict_icon(row.verdict)
            if row.verdict
            else ":material/hourglass_top:",
        )


def load_view(actor: Actor) -> AnalysisView:
    task_id = task_id_from_url(actor)
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


def open_counts(view: AnalysisView) -> dict[str, int]:
    """Findings no manager has overridden, per severity (every severity present, in order)."""
    counts = {severity: 0 for severity in ("CRITICAL", "MAJOR", "MINOR", "INFO")}
    for finding in view.findings:
        if not finding.overridden:
            counts[str(finding.severity)] += 1
    return counts


def headline(view: AnalysisView) -> None:
    """The open deficiencies beside the verdict: critical and major first; the compliance score
    as a caption (beside REJECTED a big 66 % would read as 'nearly passing')."""
    counts = open_counts(view)
    columns = st.columns(4)
    columns[0].metric("Open critical", counts["CRITICAL"], border=True)
    columns[1].metric("Open major", counts["MAJOR"], border=True)
    columns[2].metric("Minor", counts["MINOR"], border=True)
    columns[3].metric(
        "Confidence", formatting.percent((view.confidence_score or 0) * 100), border=True
    )
    notes = [
        f"Compliance score {formatting.percent(view.compliance_score)}: the weighted share of "
        "checks passed; the verdict follows the worst open finding, not the score."
    ]
    delta = compliance_delta(view)
    if delta:
        notes.append(f"Overrides moved it {delta}.")
    if counts["INFO"]:
        notes.append(f"{counts['INFO']} informational note{'s' if counts['INFO'] != 1 else ''}.")
    st.caption(" ".join(notes))


def rerun_helps(view: AnalysisView) -> bool:
    """A re-run cannot make an empty upload readable: it needs a new upload."""
    return not (view.status == "FAILED" and view.file_size == 0)


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
    """The original, the audit report and the share link in one row, near the top."""
    original, report, share, _ = st.columns([1, 1.2, 1, 2])
    original.download_button(
        "Original file",
        data=lambda: data.original_file(actor, view.task_id)[1],
        file_name=view.original_filename,
        on_click="ignore",
        icon=":material/download:",
        key="download-original",
    )
    if view.status == "COMPLETED":
        report.download_button(
            "Audit report (PDF)",
            # Rendered only when clicked; the name matches reports.audit_report_pdf.
            data=lambda: data.audit_report(actor, view.task_id, st.context.url)[1],
            file_name=f"{PurePath(view.original_filename).stem or 'report'}-audit.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
            key="download-report",
        )
    with share.popover("Share link", icon=":material/share:"):
        st.markdown("Whoever may see this report lands on this analysis (after logging in):")
        st.code(data.share_link(view.task_id, st.context.url), language=None)


def rerun_form(actor: Actor, view: AnalysisView) -> None:
    if not rerun_helps(view):
        st.caption("Upload the report again: a re-run reads the same empty file.")
        return
    profiles = {p.id: p.title for p in data.profiles()}
    with st.expander("Analyse again", icon=":material/replay:"), st.form("rerun"):
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
