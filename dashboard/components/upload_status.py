"""Per-file progress on the Upload page: status, then the verdict word and a link to it."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import formatting as fmt

ANALYSIS_PAGE = "app_pages/analysis.py"
PACKAGE_PAGE = "app_pages/package.py"
_PROGRESS = {"QUEUED": 0.15, "PROCESSING": 0.55, "COMPLETED": 1.0, "FAILED": 1.0}


@dataclass(frozen=True)
class FileStatus:
    file_id: str
    filename: str
    task_id: uuid.UUID
    status: str
    verdict: str | None = None
    error: str | None = None
    duplicate: bool = False
    """The same user had already analysed these bytes: that analysis is offered."""
    package: str | None = None
    """For an upload holding several equipment reports: '3 equipment reports: 2 APPROVED, …'."""
    reports_done: int = 0
    reports: int = 0
    """A package's equipment reports: how many have been analysed, of how many."""

    @property
    def finished(self) -> bool:
        if self.duplicate:
            return True
        return self.status in ("COMPLETED", "FAILED") and self.reports_done >= self.reports

    @property
    def progress(self) -> float:
        if self.finished:
            return 1.0
        if self.reports:  # a package: split, its reports analysed one job each
            return 0.3 + 0.7 * self.reports_done / self.reports
        return _PROGRESS.get(self.status, 0.1)


def overall_progress(statuses: Sequence[FileStatus]) -> None:
    done = sum(s.finished for s in statuses)
    total = len(statuses)
    text = f"{done} of {total} file{'s' if total != 1 else ''} done"
    if done == total:
        st.caption(text)
        return
    fraction = sum(s.progress for s in statuses)
    st.progress(fraction / max(total, 1), text=text)


def file_status(status: FileStatus, on_analyse_again: Callable[[FileStatus], None]) -> None:
    with st.container(border=True):
        name, result, action = st.columns([3, 3, 2], vertical_alignment="center")
        name.markdown(f"**{fmt.md_text(status.filename)}**")
        if status.duplicate:
            earlier = (
                _result_text(status) if status.verdict or status.package else status.status.title()
            )
            result.markdown(f"You analysed this file before: {earlier}")
            _open_link(action, status.task_id, "Already analysed — open it")
            if st.button("Analyse again anyway", key=f"again-{status.file_id}"):
                on_analyse_again(status)
        elif status.status == "FAILED":
            result.markdown(":red[**FAILED**]")
            _open_link(action, status.task_id, "Details")
            st.error(fmt.md_text(status.error or "The analysis failed."), icon=":material/error:")
        elif status.status == "COMPLETED" and not status.finished:
            # A package: one bar for all its reports, each analysed in a job of its own.
            result.progress(status.progress, text=package_progress_text(status))
        elif status.status == "COMPLETED" and status.package:
            result.markdown(_result_text(status))
            action.page_link(
                PACKAGE_PAGE, label="Open the package", icon=":material/folder_copy:",
                query_params={"id": str(status.task_id)},
            )  # fmt: skip
        elif status.status == "COMPLETED":
            result.markdown(_result_text(status))
            _open_link(action, status.task_id, "Open analysis")
        else:
            word = fmt.STATUS_WORDS.get(status.status, status.status)
            result.progress(status.progress, text=f"{word}…")


def package_progress_text(status: FileStatus) -> str:
    """'12 of 40 reports analysed'."""
    return f"{status.reports_done} of {status.reports} reports analysed"


def _result_text(status: FileStatus) -> str:
    """Markdown: the verdict word, or a package's count per verdict (its words coloured)."""
    if not status.package:
        return fmt.verdict_word(status.verdict)
    count, _, mix = status.package.partition(": ")
    words = [part.split(" ", 1) for part in mix.split(", ") if " " in part]
    return f"{count}: " + ", ".join(f"{n} {fmt.verdict_word(v)}" for n, v in words)


def _open_link(container: DeltaGenerator, task_id: uuid.UUID, label: str) -> None:
    container.page_link(
        ANALYSIS_PAGE,
        label=label,
        icon=":material/open_in_new:",
        query_params={"task": str(task_id)},
    )
