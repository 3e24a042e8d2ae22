"""Upload bookkeeping: each dropped file is submitted once, then polled until its verdict.

Streamlit keeps the uploader's files across reruns, so submitted files are remembered by the
uploader's `file_id` in session state; the status list polls in a fragment while anything runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import streamlit as st

from core.enums import TaskStatus
from core.services.errors import ServiceError
from core.services.users import Actor
from dashboard import data, formatting, state
from dashboard.components.upload_status import FileStatus, file_status, overall_progress

POLL_S = 0.5


class UploadedFile(Protocol):
    file_id: str
    name: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True)
class UploadEntry:
    file_id: str
    filename: str
    task_id: uuid.UUID
    duplicate: bool


def _entries() -> dict[str, UploadEntry]:
    entries: dict[str, UploadEntry] = st.session_state.setdefault(state.UPLOADS, {})
    return entries


def submit_new(
    actor: Actor, files: Sequence[UploadedFile], *, site: str | None, profile_id: str | None
) -> list[str]:
    """Submit the files not submitted yet (no extra click); returns error sentences, if any."""
    entries = _entries()
    errors = []
    stored = []
    for file in files:
        if file.file_id in entries:
            continue
        try:
            submission = data.submit(
                actor,
                filename=file.name,
                content=file.getvalue(),
                site=site,
                profile_id=profile_id,
                start=False,
            )
        except ServiceError as error:
            errors.append(f"{file.name}: {error}")
            continue
        entries[file.file_id] = UploadEntry(
            file.file_id, file.name, submission.task_id, submission.duplicate
        )
        if not submission.duplicate:
            stored.append(submission.task_id)
    data.start_tasks(stored)  # once the whole drop is stored
    return errors


def analyse_again(actor: Actor, status: FileStatus, content: bytes | None) -> None:
    """The user wants a fresh analysis of a file they had already analysed."""
    entries = _entries()
    entry = entries.get(status.file_id)
    if entry is None or content is None:
        st.warning("Drop the file again to analyse it anew.")
        return
    submission = data.submit(
        actor,
        filename=entry.filename,
        content=content,
        site=st.session_state.get(state.UPLOAD_SITE) or None,
        profile_id=st.session_state.get(state.UPLOAD_PROFILE),
        allow_duplicate=True,
    )
    entries[status.file_id] = replace(entry, task_id=submission.task_id, duplicate=False)


def statuses(actor: Actor) -> list[FileStatus]:
    """In the order dropped (as the uploader lists them), each as the database says now."""
    result = []
    for entry in _entries().values():
        try:
            status, detail = data.task_status(actor, entry.task_id)
        except ServiceError as error:
            status, detail = TaskStatus.FAILED.value, str(error)
        failed = status == TaskStatus.FAILED
        package, done, reports = None, 0, 0
        if status == TaskStatus.COMPLETED and detail is None:
            summary = data.package_of(actor, entry.task_id)
            if summary is not None:
                package, done, reports = summary.sentence, summary.analysed, len(summary.parts)
        result.append(
            FileStatus(
                file_id=entry.file_id,
                filename=entry.filename,
                task_id=entry.task_id,
                status=str(status),
                verdict=None if failed else detail,
                error=detail if failed else None,
                duplicate=entry.duplicate,
                package=package,
                reports_done=done,
                reports=reports,
            )
        )
    return result


def status_panel(actor: Actor, files: Sequence[UploadedFile]) -> None:
    """The per-file list; it refreshes itself every POLL_S seconds while a file is running."""
    if not _entries():
        return
    polling = not all(s.finished for s in statuses(actor))
    content = {f.file_id: f for f in files}

    def again(status: FileStatus) -> None:
        upload = content.get(status.file_id)
        try:
            analyse_again(actor, status, upload.getvalue() if upload else None)
        except ServiceError as error:
            st.error(formatting.md_text(error))
            return
        st.rerun()  # a full run starts polling for the new task

    @st.fragment(run_every=POLL_S if polling else None)
    def panel() -> None:
        current = statuses(actor)
        overall_progress(current)
        for status in current:
            file_status(status, on_analyse_again=again)
        if polling and all(s.finished for s in current):
            st.rerun()  # stop polling: a full run draws the panel without a timer

    panel()
