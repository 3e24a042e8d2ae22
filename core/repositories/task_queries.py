"""The task list's SQL: filters, who may see what, one page of reports sorted in the database,
and the values present for the filter widgets. Rows come back as plain tuples of columns: no
ORM objects, no JSON columns.

Paging is by keyset, not offset: a page starts after the last row of the one before, so the
50th page costs what the first does and a report arriving meanwhile never shifts a row onto
two pages.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    String,
    exists,
    func,
    or_,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from core.enums import TestType
from core.models import Analysis, AnalysisTest, Task, User

QueryT = TypeVar("QueryT", bound=Select[*tuple[Any, ...]])
Parts = aliased(Task)
PAGE_SIZE = 50
SortKey = Literal["created_at", "compliance_score", "equipment_tag", "verdict", "status"]
SORTS: dict[str, str] = {
    "created_at": "Uploaded",
    "compliance_score": "Compliance",
    "equipment_tag": "Equipment tag",
    "verdict": "Verdict",
    "status": "Status",
}
"""Sort keys the Tasks page offers, with their labels."""


@dataclass(frozen=True)
class TaskFilters:
    statuses: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    equipment_types: tuple[str, ...] = ()
    test_types: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    search: str = ""
    """Matched against equipment tag and file name, case-insensitively."""
    mine_only: bool = False
    tags: tuple[str, ...] = ()
    """Equipment (asset) tags, matched whole and case-insensitively."""
    package_id: uuid.UUID | None = None
    """Only the equipment reports of this package upload."""


def visible(query: QueryT, owner_id: uuid.UUID | None) -> QueryT:
    """Only `owner_id`'s tasks, or everyone's when None (a manager's view)."""
    return query if owner_id is None else query.where(Task.user_id == owner_id)


def _holds_test(kind: str) -> ColumnElement[bool]:
    if kind not in set(TestType):  # a name from the URL: compared, never trusted
        return Analysis.test_type == kind
    return exists().where(AnalysisTest.analysis_id == Analysis.id, AnalysisTest.test_type == kind)


def apply_filters(query: QueryT, filters: TaskFilters) -> QueryT:
    """The filters as WHERE clauses on a query that joins tasks and analyses."""
    if filters.statuses:
        query = query.where(Task.status.in_(filters.statuses))
    if filters.verdicts:
        query = query.where(Analysis.verdict.in_(filters.verdicts))
    if filters.equipment_types:
        query = query.where(Analysis.equipment_type.in_(filters.equipment_types))
    if filters.test_types:
        query = query.where(or_(*(_holds_test(kind) for kind in filters.test_types)))
    if filters.sites:
        named = [s for s in filters.sites if s]
        clauses = [Task.site.in_(named)] if named else []
        if "" in filters.sites:
            clauses.append(Task.site.is_(None))
        query = query.where(or_(*clauses))
    if filters.date_from:
        query = query.where(Task.created_at >= start_of(filters.date_from))
    if filters.date_to:
        query = query.where(Task.created_at < start_of(filters.date_to + dt.timedelta(days=1)))
    if filters.tags:
        wanted = sorted({tag.strip().lower() for tag in filters.tags if tag.strip()})
        query = query.where(func.lower(Analysis.equipment_tag).in_(wanted))
    if filters.package_id is not None:
        query = query.where(Task.parent_id == filters.package_id)
    if filters.search.strip():
        pattern = f"%{_escaped(filters.search.strip().lower())}%"
        query = query.where(
            or_(
                func.lower(Analysis.equipment_tag).like(pattern, escape="\\"),
                func.lower(Task.original_filename).like(pattern, escape="\\"),
            )
        )
    return query


def _escaped(text: str) -> str:
    """A search word matched as typed: `%` and `_` are no wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


TASK_COLUMNS = (
    Task.id,
    Task.created_at,
    Task.original_filename,
    Task.status,
    User.email,
    Task.site,
    Analysis.equipment_tag,
    Analysis.equipment_type,
    Analysis.test_type,
    Analysis.verdict,
    Analysis.compliance_score,
    Analysis.confidence_score,
    Task.error_message,
    Task.part,
    Task.part_number,
    Analysis.id.label("analysis_id"),
    Analysis.critical_open,
)


def _sort_column(key: str) -> Any:
    return {
        "created_at": Task.created_at,
        "compliance_score": func.coalesce(Analysis.compliance_score, -1.0),
        "equipment_tag": func.coalesce(Analysis.equipment_tag, ""),
        "verdict": func.coalesce(Analysis.verdict, ""),
        "status": Task.status,
    }.get(key, Task.created_at)


def task_page(
    *,
    session: Session,
    filters: TaskFilters,
    owner_id: uuid.UUID | None,
    sort: str = "created_at",
    descending: bool = True,
    after: tuple[Any, ...] | None = None,
    size: int = PAGE_SIZE,
) -> list[Row[Any]]:
    """One page of reports (a package shows as its reports): `size` rows after the keyset
    `after` (the `page_key` of the previous page's last row), sorted by `sort` then id."""
    column = _sort_column(sort)
    if session.get_bind().dialect.name == "sqlite":
        # The stored text, compared as stored: a timestamp written by CURRENT_TIMESTAMP has no
        # fraction, and one bound back from Python would, which breaks ties between pages.
        column = type_coerce(column, String)
    key = tuple_(column, Task.id)
    query = (
        select(*TASK_COLUMNS, Analysis.test_date, column.label("sort_value"))
        .join(User, User.id == Task.user_id)
        .outerjoin(Analysis, Analysis.task_id == Task.id)
        .where(~exists().where(Parts.parent_id == Task.id))
    )
    query = apply_filters(visible(query, owner_id), filters)
    if after is not None:
        query = query.where(key < tuple_(*after) if descending else key > tuple_(*after))
    order = (column.desc(), Task.id.desc()) if descending else (column.asc(), Task.id.asc())
    return list(session.execute(query.order_by(*order).limit(size)))


def page_key(row: Row[Any]) -> tuple[Any, Any]:
    """Where the page after `row` starts."""
    return (row.sort_value, row.id)


def count_tasks(*, session: Session, filters: TaskFilters, owner_id: uuid.UUID | None) -> int:
    query = (
        select(func.count())
        .select_from(Task)
        .outerjoin(Analysis, Analysis.task_id == Task.id)
        .where(~exists().where(Parts.parent_id == Task.id))
    )
    return int(session.scalar(apply_filters(visible(query, owner_id), filters)) or 0)


def tests_of(*, session: Session, analysis_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """Every test of each analysis in the enum's order, as the Outcome lists them (for the
    page's 50 analyses, never all of them)."""
    tests: dict[uuid.UUID, list[str]] = {}
    if not analysis_ids:
        return tests
    rows = session.execute(
        select(AnalysisTest.analysis_id, AnalysisTest.test_type)
        .where(AnalysisTest.analysis_id.in_(list(analysis_ids)))
        .order_by(AnalysisTest.analysis_id, AnalysisTest.test_type)
    )
    for analysis_id, kind in rows:
        tests.setdefault(analysis_id, []).append(kind)
    order = {kind.value: index for index, kind in enumerate(TestType)}
    return {
        key: sorted(kinds, key=lambda k: order.get(k, len(order))) for key, kinds in tests.items()
    }


def filter_values(*, session: Session, owner_id: uuid.UUID | None) -> dict[str, list[str]]:
    """Sites, equipment types and tests present among the tasks `owner_id` sees (all: None)."""
    tasks = visible(select(Task.id), owner_id).scalar_subquery()
    analyses = select(Analysis.id).where(Analysis.task_id.in_(tasks)).scalar_subquery()
    sites = session.scalars(
        select(Task.site).where(Task.id.in_(tasks), Task.site.is_not(None)).distinct()
    )
    equipment = session.scalars(
        select(Analysis.equipment_type).where(Analysis.task_id.in_(tasks)).distinct()
    )
    kinds = session.scalars(
        select(AnalysisTest.test_type).where(AnalysisTest.analysis_id.in_(analyses)).distinct()
    )
    return {
        "sites": sorted(s for s in sites if s),
        "equipment_types": sorted(e for e in equipment if e),
        "test_types": sorted(k for k in kinds if k),
    }


__all__ = [
    "PAGE_SIZE",
    "SORTS",
    "TaskFilters",
    "apply_filters",
    "count_tasks",
    "filter_values",
    "page_key",
    "task_page",
    "tests_of",
    "visible",
]
