"""Tasks page paging and sorting: the sort widgets, the keyset stack in session state, the
Previous / Next buttons. The database sorts and pages (`core.services.views.list_task_page`);
this only remembers where each page shown so far starts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from core.services.views import PAGE_SIZE, SORTS, TaskFilters, TaskPage
from dashboard import state


def sort_bar() -> tuple[str, bool]:
    """(sort key, descending) as chosen above the table; newest first by default."""
    left, right = st.columns([3, 2])
    sort = left.selectbox("Sort by", list(SORTS), format_func=SORTS.__getitem__, key="tasks-sort")
    order = right.segmented_control(
        "Order", ["desc", "asc"], default="desc", key="tasks-order",
        format_func={"desc": "Descending", "asc": "Ascending"}.__getitem__,
    )  # fmt: skip
    return sort or "created_at", order != "asc"


@dataclass
class Paging:
    """The keysets of the pages shown so far under one filter and sort."""

    signature: tuple[Any, ...]
    starts: list[tuple[Any, ...] | None]

    @property
    def number(self) -> int:
        return len(self.starts)

    @property
    def after(self) -> tuple[Any, ...] | None:
        return self.starts[-1]

    @classmethod
    def current(cls, chosen: TaskFilters, sort: str, descending: bool) -> Paging:
        signature = (chosen, sort, descending)
        kept = st.session_state.get(state.TASK_PAGES)
        if not isinstance(kept, Paging) or kept.signature != signature:
            kept = cls(signature, [None])  # new filters or sort: back to page 1
            st.session_state[state.TASK_PAGES] = kept
        return kept


def caption(page: TaskPage, paging: Paging) -> str:
    first = (paging.number - 1) * PAGE_SIZE + 1
    shown = f"{first}–{first + len(page.rows) - 1} of " if page.total > len(page.rows) else ""
    plural = "s" if page.total != 1 else ""
    return (
        f"{shown}{page.total} report{plural} · select a row to open its analysis here, "
        "or use Open ↗ for a new tab"
    )


def _previous(paging: Paging) -> None:
    if len(paging.starts) > 1:
        paging.starts.pop()


def _next(paging: Paging, key: tuple[Any, ...]) -> None:
    paging.starts.append(key)


def pager(paging: Paging, page: TaskPage) -> None:
    """Previous / Next under the table, when there is more than one page."""
    if paging.number == 1 and page.next_key is None:
        return
    left, middle, right = st.columns([1, 2, 1])
    left.button(
        "Previous", icon=":material/chevron_left:", disabled=paging.number == 1,
        on_click=_previous, args=(paging,), key="tasks-previous",
    )  # fmt: skip
    middle.caption(f"Page {paging.number}")
    right.button(
        "Next", icon=":material/chevron_right:", disabled=page.next_key is None,
        on_click=_next, args=(paging, page.next_key), key="tasks-next",
    )  # fmt: skip
