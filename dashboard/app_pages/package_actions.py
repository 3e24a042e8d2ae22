"""Package page helpers: the id in the URL, the subtitle, progress while reports run, the
downloads (built only when clicked) and share link, and the filter kept in the URL."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pandas as pd
import streamlit as st

from core.services.packages import CSV_COLUMNS, PackageSummary, csv_rows, filter_parts
from core.services.users import Actor
from dashboard import data, state
from dashboard import formatting as fmt
from dashboard.components.tables import to_safe_csv

Q_ID = "id"
POLL_S = 1.0
FILTER_VERDICT = "package.verdict"
FILTER_TEXT = "package.q"


def id_from_url() -> uuid.UUID | None:
    text = st.query_params.get(Q_ID)
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def subtitle(package: PackageSummary) -> str:
    """Markdown: site, who uploaded it and when, how many reports."""
    parts = [f"Site: {fmt.md_text(package.site)}"] if package.site else []
    parts.append(f"uploaded by {fmt.md_text(package.owner_email)}")
    if package.created_at is not None:
        parts.append(fmt.when(package.created_at))
    parts.append(f"{len(package.parts)} equipment reports")
    return " · ".join(parts)


def progress_text(package: PackageSummary) -> str:
    return f"{package.analysed} of {len(package.parts)} reports analysed"


def progress(actor: Actor, package: PackageSummary) -> None:
    """One bar for the whole package, refreshed until every report has been analysed."""
    assert package.task_id is not None
    package_id = package.task_id

    @st.fragment(run_every=POLL_S)
    def poll() -> None:
        now = data.package_page(actor, package_id)
        if now.finished:
            st.rerun()
        st.progress(now.analysed / max(len(now.parts), 1), text=progress_text(now))

    poll()


def csv_bytes(package: PackageSummary) -> bytes:
    rows = filter_parts(package)
    return to_safe_csv(pd.DataFrame(csv_rows(rows), columns=list(CSV_COLUMNS)))


def _pdf(actor: Actor, package_id: uuid.UUID, link: str) -> Callable[[], bytes]:
    return lambda: data.package_audit_pdf(actor, package_id, link)[1]


def downloads_and_sharing(actor: Actor, package: PackageSummary) -> None:
    """The combined PDF and the CSV (each built when its button is clicked), the share link."""
    assert package.task_id is not None
    link = data.package_share_link(package.task_id, st.context.url)
    stem = (package.original_filename.rsplit(".", 1)[0] or "package").replace(" ", "_")
    pdf, csv, _ = st.columns([1, 1, 2], vertical_alignment="bottom")
    pdf.download_button(
        "Audit report (PDF)",
        _pdf(actor, package.task_id, link),
        f"{stem}-package-audit.pdf",
        "application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        disabled=not package.finished,
        help="Every report's audit report in one PDF, after a cover page listing them",
        key="package-pdf",
    )
    csv.download_button(
        "Reports (CSV)",
        lambda: csv_bytes(package),
        f"{stem}-reports.csv",
        "text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="package-csv",
    )
    st.caption("Share link: the recipient logs in; the package's owner or a manager may open it")
    st.code(link, language=None)


def _outcome_label(outcome: str) -> str:
    return fmt.STATUS_WORDS.get(outcome, outcome.title())


def filter_bar(package: PackageSummary) -> tuple[tuple[str, ...], str]:
    """Verdict and text, starting from the URL (`verdict`, `q`) and written back to it."""
    present = list(package.counts)
    if FILTER_VERDICT not in st.session_state:
        st.session_state[FILTER_VERDICT] = [
            v for v in st.query_params.get_all(state.Q_VERDICT) if v in present
        ]
    if FILTER_TEXT not in st.session_state:
        st.session_state[FILTER_TEXT] = st.query_params.get(state.Q_SEARCH, "")
    left, right = st.columns([1, 1])
    outcomes = tuple(
        left.multiselect(
            "Verdict", present, key=FILTER_VERDICT, format_func=_outcome_label,
            placeholder="Every verdict",
        )
    )  # fmt: skip
    text = right.text_input(
        "Search report, tag or test", key=FILTER_TEXT, placeholder="e.g. CB-2 or contact"
    ).strip()
    wanted: dict[str, str | list[str]] = {Q_ID: str(package.task_id)}
    if outcomes:
        wanted[state.Q_VERDICT] = list(outcomes)
    if text:
        wanted[state.Q_SEARCH] = text
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    as_lists = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    if current != as_lists:
        st.query_params.from_dict(wanted)
    return outcomes, text


def shown_caption(shown: int, total: int) -> str:
    noun = "report" if total == 1 else "reports"
    return f"{shown} of {total} {noun}" if shown != total else f"{total} {noun}"
