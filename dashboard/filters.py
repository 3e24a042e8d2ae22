"""Filters kept in the URL: query parameters ⇄ TaskFilters, and widgets that start from the URL.

Tasks and Trends use the same names, so a Trends view links to the Tasks list behind it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from core.enums import EquipmentType, TaskStatus, TestType, Verdict
from core.services.views import TaskFilters
from dashboard import formatting as fmt
from dashboard import state

STATUSES = [s.value for s in TaskStatus]
VERDICTS = [v.value for v in Verdict]
EQUIPMENT_TYPES = [e.value for e in EquipmentType]
TEST_TYPES = [t.value for t in TestType]
NO_SITE = ""
"""The site filter value for reports without a site (the service matches it to NULL)."""
_LIST_PARAMS = {
    state.Q_STATUS: "statuses",
    state.Q_VERDICT: "verdicts",
    state.Q_EQUIPMENT: "equipment_types",
    state.Q_TEST: "test_types",
    state.Q_SITE: "sites",
    state.Q_TAG: "tags",
}


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None  # a hand-edited URL: ignore the bad date rather than fail the page


def _uuid(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def from_query(params: Mapping[str, Sequence[str]]) -> TaskFilters:
    """TaskFilters from query parameters (each a list of values); unknown values are dropped."""
    allowed = {
        state.Q_STATUS: STATUSES,
        state.Q_VERDICT: VERDICTS,
        state.Q_EQUIPMENT: EQUIPMENT_TYPES,
        state.Q_TEST: TEST_TYPES,
    }
    lists: dict[str, tuple[str, ...]] = {}
    for param in _LIST_PARAMS:
        values = [v for v in params.get(param, ()) if param not in allowed or v in allowed[param]]
        lists[param] = tuple(dict.fromkeys(values))
    search = next(iter(params.get(state.Q_SEARCH, ())), "")
    return TaskFilters(
        statuses=lists[state.Q_STATUS],
        verdicts=lists[state.Q_VERDICT],
        equipment_types=lists[state.Q_EQUIPMENT],
        test_types=lists[state.Q_TEST],
        sites=lists[state.Q_SITE],
        date_from=_date(next(iter(params.get(state.Q_FROM, ())), None)),
        date_to=_date(next(iter(params.get(state.Q_TO, ())), None)),
        search=search.strip(),
        tags=tuple(t.strip() for t in lists[state.Q_TAG] if t.strip()),
        package_id=_uuid(next(iter(params.get(state.Q_PACKAGE, ())), None)),
    )


def to_query(filters: TaskFilters) -> dict[str, list[str] | str]:
    """Query parameters for these filters (only the ones set), for links and the address bar."""
    query: dict[str, list[str] | str] = {}
    for param, name in _LIST_PARAMS.items():
        values = list(getattr(filters, name))
        if values:
            query[param] = values
    if filters.date_from:
        query[state.Q_FROM] = filters.date_from.isoformat()
    if filters.date_to:
        query[state.Q_TO] = filters.date_to.isoformat()
    if filters.search:
        query[state.Q_SEARCH] = filters.search
    if filters.package_id is not None:
        query[state.Q_PACKAGE] = str(filters.package_id)
    return query


def current() -> TaskFilters:
    """The filters in the page's URL."""
    return from_query({key: st.query_params.get_all(key) for key in st.query_params})


def write(filters: TaskFilters) -> None:
    """Put the filters in the address bar (only when they changed: each write is a message)."""
    if from_query({k: st.query_params.get_all(k) for k in st.query_params}) != filters:
        st.query_params.from_dict(to_query(filters))


def multiselect(
    label: str,
    key: str,
    options: Sequence[str],
    initial: Sequence[str],
    format_func: Callable[[str], str] = fmt.enum_label,
) -> tuple[str, ...]:
    """A multiselect that starts from the URL's values the first time the page draws it."""
    options = list(dict.fromkeys([*options, *initial]))
    if key not in st.session_state:
        st.session_state[key] = list(initial)
    return tuple(st.multiselect(label, options, key=key, format_func=format_func))


def date_range(label: str, key: str, start: dt.date | None, end: dt.date | None) -> tuple[
    dt.date | None, dt.date | None
]:  # fmt: skip
    if key not in st.session_state:
        st.session_state[key] = tuple(d for d in (start, end) if d is not None)
    chosen = st.date_input(label, key=key, format="YYYY-MM-DD")
    picked = list(chosen) if isinstance(chosen, tuple | list) else [chosen]
    picked = [d for d in picked if isinstance(d, dt.date)]
    if not picked:
        return None, None
    # One date picked so far (the second click pending): filter on that day onwards.
    return picked[0], picked[1] if len(picked) > 1 else None


def site_label(site: str) -> str:
    return site or "(no site)"


ALL_FIELDS = ("status", "verdict", "equipment", "test", "site", "dates", "search", "tag")


def filter_bar(
    initial: TaskFilters,
    sites: Sequence[str],
    *,
    key_prefix: str,
    fields: Sequence[str] = ALL_FIELDS,
) -> TaskFilters:
    """The filter widgets (starting from the URL's filters); returns what is chosen now."""
    present = [f for f in ALL_FIELDS if f in fields]
    slots = dict(zip(present[:4], st.columns(4), strict=False))
    if present[4:]:
        slots.update(zip(present[4:], st.columns([2, 2, 3, 2][: len(present[4:])]), strict=False))
    chosen: dict[str, object] = {}

    def key(field: str) -> str:
        return f"{key_prefix}.{field}"

    for field, column in slots.items():
        with column:
            if field == "status":
                chosen["statuses"] = multiselect("Status", key(field), STATUSES, initial.statuses)
            elif field == "verdict":
                chosen["verdicts"] = multiselect(
                    "Verdict", key(field), VERDICTS, initial.verdicts, str
                )
            elif field == "equipment":
                chosen["equipment_types"] = multiselect(
                    "Equipment type", key(field), EQUIPMENT_TYPES, initial.equipment_types
                )
            elif field == "test":
                chosen["test_types"] = multiselect(
                    "Test type", key(field), TEST_TYPES, initial.test_types
                )
            elif field == "site":
                chosen["sites"] = multiselect(
                    "Site", key(field), [*sites, NO_SITE], initial.sites, site_label
                )
            elif field == "dates":
                start, end = date_range(
                    "Uploaded between", key(field), initial.date_from, initial.date_to
                )
                chosen.update(date_from=start, date_to=end)
            elif field == "tag":
                chosen["tags"] = tag_box(key(field), initial.tags)
            else:
                chosen["search"] = search_box(key(field), initial.search)
    # The package comes from a link (the package page); no widget sets it, none drops it.
    chosen["package_id"] = initial.package_id
    return TaskFilters(**chosen)  # type: ignore[arg-type]


def search_box(key: str, initial: str) -> str:
    if key not in st.session_state:
        st.session_state[key] = initial
    text: str = st.text_input("Search tag or file name", key=key, placeholder="e.g. SWGR-1A")
    return text.strip()


def tag_box(key: str, initial: Sequence[str]) -> tuple[str, ...]:
    """Asset tags, comma-separated, each matched whole (`CB-12A, TX-3`)."""
    if key not in st.session_state:
        st.session_state[key] = ", ".join(initial)
    text: str = st.text_input("Asset tag", key=key, placeholder="e.g. CB-12A, TX-3")
    return tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
