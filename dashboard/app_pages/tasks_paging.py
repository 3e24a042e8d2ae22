"""Tasks page paging and sorting: the sort widgets, the keyset stack in session state, the
Previous / Next buttons. The database sorts and pages (`core.services.views.list_task_page`);
this only remembers where each page shown so far starts."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import streamlit as st

from core.services.views import PAGE_SIZE, SORTS, TaskFilters, TaskPage
from dashboard import filters, state
from dashboard import formatting as fmt
from dashboard.formatting import md_text

TASKS_PAGE = "app_pages/tasks.py"


def remember_query(chosen: TaskFilters) -> None:
    """Keep the list's filters for the way back from an analysis (`back_link`)."""
    st.session_state[state.TASKS_QUERY] = filters.to_query(chosen)


def back_link_query() -> dict[str, list[str] | str]:
    """The query parameters of the Tasks list as the user last filtered it ({} before)."""
    kept = st.session_state.get(state.TASKS_QUERY)
    return dict(kept) if isinstance(kept, dict) else {}


def back_link(label: str = "Back to Tasks") -> None:
    """A link to the Tasks list as it was filtered (its page and sort are kept in the session
    too): for the Analysis page."""
    st.page_link(
        TASKS_PAGE, label=label, icon=":material/arrow_back:", query_params=back_link_query()
    )


def filters_summary(chosen: TaskFilters) -> str:
    """Markdown: the filters set, for when the expander holding them is folded ('' for none)."""
    parts: list[str] = []
    named = (
        ("Status", tuple(fmt.STATUS_WORDS.get(s, s) for s in chosen.statuses)),
        ("Verdict", chosen.verdicts),
        ("Equipment", tuple(fmt.enum_label(e) for e in chosen.equipment_types)),
        ("Test", tuple(fmt.enum_label(t) for t in chosen.test_types)),
        ("Site", tuple(filters.site_label(s) for s in chosen.sites)), ("Tag", chosen.tags),
    )  # fmt: skip
    for label, values in named:
        if values:
            parts.append(f"{label}: " + ", ".join(md_text(v) for v in values))
    if chosen.date_from or chosen.date_to:
        since = chosen.date_from.isoformat() if chosen.date_from else "…"
        until = chosen.date_to.isoformat() if chosen.date_to else "…"
        parts.append(f"Uploaded {since} – {until}")
    if chosen.search:
        parts.append(f"Search: {md_text(chosen.search)}")
    return "Filtered by " + " · ".join(parts) if parts else ""


def package_notice(chosen: TaskFilters, name_markdown: str) -> None:
    """The list is one package's reports: say which, link to its page and to every report."""
    assert chosen.package_id is not None
    with st.container(border=True):
        left, middle, right = st.columns([3, 2, 2], vertical_alignment="center")
        left.markdown(f":material/folder_copy: Reports of the package **{name_markdown}**")
        middle.page_link(
            "app_pages/package.py", label="Package page", icon=":material/open_in_new:",
            query_params={"id": str(chosen.package_id)},
        )  # fmt: skip
        everything = filters.to_query(dataclasses.replace(chosen, package_id=None))
        right.page_link(
            TASKS_PAGE, label="All reports", icon=":material/filter_alt_off:",
            query_params=everything,
        )  # fmt: skip


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
