"""Assets: equipment followed by tag (and site) across its analyses. The asset list is one
windowed aggregate over plain columns (no JSON) and a page of rows; an asset's own analyses,
with their stored extraction, are read only for that asset — or, for the history rules, only
the earlier analyses of the report being judged.

An asset is a tag, case and spacing aside, at one site (a report without a site is its own
asset): `CB-1` at Plant A and `CB-1` at Plant B are two breakers.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, func, or_, select
from sqlalchemy.orm import Session

from core.enums import TaskStatus
from core.models import Analysis, Finding, Task, User
from core.repositories.task_queries import visible

ASSET_PAGE_SIZE = 50
HISTORY_LIMIT = 200
"""Earlier analyses of one asset read for the history rules (two centuries of yearly tests)."""
ASSET_ANALYSES_LIMIT = 500
"""Analyses of one asset its page reads, most recent kept."""
TREND_RULE_PREFIX = "HIST-"


def tag_key() -> ColumnElement[Any]:
    """The tag as assets are told apart: lower case (ix_analyses_equipment_tag_lower)."""
    return func.lower(Analysis.equipment_tag)


def site_key() -> ColumnElement[Any]:
    return func.coalesce(func.lower(Task.site), "")


def normalise(text: str | None) -> str:
    return (text or "").strip().lower()


def _the_asset(tag: str, site: str | None) -> ColumnElement[bool]:
    site_clause = (
        func.lower(Task.site) == normalise(site) if normalise(site) else Task.site.is_(None)
    )
    return and_(tag_key() == normalise(tag), site_clause)


def _completed() -> ColumnElement[bool]:
    return and_(Task.status == TaskStatus.COMPLETED, Analysis.equipment_tag.is_not(None))


@dataclass(frozen=True)
class AssetQuery:
    search: str = ""
    """Part of the tag, case aside."""
    sites: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    """The latest analysis's verdict."""
    equipment_types: tuple[str, ...] = ()


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _ranked(owner_id: uuid.UUID | None, query: AssetQuery) -> Any:
    """Every analysed asset's analyses numbered newest upload first (one window pass)."""
    order = (Task.created_at.desc(), Task.id.desc())
    stmt = (
        select(
            *_ROW_COLUMNS,
            func.row_number()
            .over(partition_by=(tag_key(), site_key()), order_by=order)
            .label("newest"),
        )
        .join(Task, Task.id == Analysis.task_id)
        .where(_completed())
    )
    stmt = visible(stmt, owner_id)
    if query.search.strip():
        pattern = f"%{_escaped(normalise(query.search))}%"
        stmt = stmt.where(tag_key().like(pattern, escape="\\"))
    if query.sites:
        stmt = stmt.where(_sites(query.sites))
    return stmt.subquery("ranked")


def asset_page(
    *,
    session: Session,
    owner_id: uuid.UUID | None,
    query: AssetQuery,
    offset: int = 0,
    size: int = ASSET_PAGE_SIZE,
) -> tuple[list[Row[Any]], int]:
    """One page of assets sorted by tag then site — the newest analysis of each, with the
    asset's count — and how many tags the query selects. A page is `size` tags (a tag at two
    sites is two rows), found on the tag index alone; only the page's analyses are joined to
    their tasks. The latest-verdict filter needs every asset's latest analysis: that query
    numbers them all (`_filtered_by_latest`)."""
    if query.verdicts or query.equipment_types:
        return _filtered_by_latest(session, owner_id, query, offset, size)
    chosen = [tag_key().is_not(None)]  # the tag index alone
    if owner_id is not None:
        chosen.append(Analysis.task_id.in_(select(Task.id).where(Task.user_id == owner_id)))
    if query.search.strip():
        pattern = f"%{_escaped(normalise(query.search))}%"
        chosen.append(tag_key().like(pattern, escape="\\"))
    if query.sites:
        chosen.append(Analysis.task_id.in_(select(Task.id).where(_sites(query.sites))))
    total = int(session.scalar(select(func.count(tag_key().distinct())).where(*chosen)) or 0)
    keys = select(tag_key()).where(*chosen).group_by(tag_key()).order_by(tag_key())
    page_keys = list(session.scalars(keys.offset(max(offset, 0)).limit(size)))
    if not page_keys:
        return [], total
    stmt = (
        select(*_ROW_COLUMNS)
        .join(Task, Task.id == Analysis.task_id)
        .where(_completed(), tag_key().in_(page_keys))
    )
    if query.sites:
        stmt = stmt.where(_sites(query.sites))
    rows = session.execute(visible(stmt, owner_id)).all()
    return _latest_per_asset(rows), total


_ROW_COLUMNS = (
    tag_key().label("tag_key"),
    site_key().label("site_key"),
    Analysis.id.label("analysis_id"),
    Analysis.task_id,
    Analysis.equipment_tag,
    Analysis.equipment_type,
    Analysis.verdict,
    Analysis.critical_open,
    Analysis.test_date,
    Task.site,
    Task.created_at,
)


_ROW_NAMES = tuple(column.name for column in _ROW_COLUMNS)


@dataclass(frozen=True)
class _AssetRow:
    tag_key: str
    site_key: str
    analysis_id: uuid.UUID
    task_id: uuid.UUID
    equipment_tag: str
    equipment_type: str | None
    verdict: str | None
    critical_open: int | None
    test_date: dt.date | None
    site: str | None
    created_at: dt.datetime
    analyses: int
    first_uploaded: dt.datetime


def _latest_per_asset(rows: Sequence[Row[Any]]) -> list[Any]:
    grouped: dict[tuple[str, str], list[Row[Any]]] = {}
    for row in rows:
        grouped.setdefault((row.tag_key, row.site_key), []).append(row)
    found = []
    for key in sorted(grouped):
        members = grouped[key]
        newest = max(members, key=lambda r: (r.created_at, str(r.task_id)))
        found.append(
            _AssetRow(
                **{name: getattr(newest, name) for name in newest._fields},
                analyses=len(members),
                first_uploaded=min(r.created_at for r in members),
            )
        )
    return found


def _sites(sites: Sequence[str]) -> ColumnElement[bool]:
    named = [normalise(s) for s in sites if s]
    clauses = [func.lower(Task.site).in_(named)] if named else []
    if "" in sites:
        clauses.append(Task.site.is_(None))
    return or_(*clauses)


def _filtered_by_latest(
    session: Session, owner_id: uuid.UUID | None, query: AssetQuery, offset: int, size: int
) -> tuple[list[Any], int]:
    """The page of assets whose latest analysis passes the filters, and how many do: one pass
    numbers every asset's analyses (the total rides on the page's rows); each page asset's
    analysis count and first upload then come from the tag index."""
    ranked = _ranked(owner_id, query)
    latest = select(ranked, func.count().over().label("total")).where(ranked.c.newest == 1)
    if query.verdicts:
        latest = latest.where(ranked.c.verdict.in_(query.verdicts))
    if query.equipment_types:
        latest = latest.where(ranked.c.equipment_type.in_(query.equipment_types))
    rows = session.execute(
        latest.order_by(ranked.c.tag_key, ranked.c.site_key).offset(max(offset, 0)).limit(size)
    ).all()
    if not rows:
        total = 0 if offset <= 0 else _count_latest(session, latest)
        return [], total
    stats = _asset_counts(session, owner_id, rows)
    found = [
        _AssetRow(
            **{name: getattr(row, name) for name in _ROW_NAMES},
            analyses=stats[(row.tag_key, row.site_key)][0],
            first_uploaded=stats[(row.tag_key, row.site_key)][1],
        )
        for row in rows
    ]
    return found, int(rows[0].total)


def _count_latest(session: Session, latest: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(latest.subquery())) or 0)


def _asset_counts(
    session: Session, owner_id: uuid.UUID | None, rows: Sequence[Row[Any]]
) -> dict[tuple[str, str], tuple[int, dt.datetime]]:
    """(analyses, first upload) of each page row's asset, from the tag index."""
    site, tag = site_key().label("site_key"), tag_key().label("tag_key")
    stmt = (
        select(site, tag, func.count(), func.min(Task.created_at))
        .join(Task, Task.id == Analysis.task_id)
        .where(_completed(), tag_key().in_({row.tag_key for row in rows}))
        .group_by(tag, site)  # by the labels: PostgreSQL sees the same expressions
    )
    return {
        (tag_name, site_name): (int(n), first)
        for site_name, tag_name, n, first in session.execute(visible(stmt, owner_id))
    }


def trend_findings_count(
    *, session: Session, analysis_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """HIST- findings no manager overrode, per analysis (ix_findings_analysis_id_rule_id)."""
    if not analysis_ids:
        return {}
    rows = session.execute(
        select(Finding.analysis_id, func.count())
        .where(
            Finding.analysis_id.in_(list(analysis_ids)),
            Finding.rule_id.like(f"{TREND_RULE_PREFIX}%"),
            Finding.overridden_at.is_(None),
        )
        .group_by(Finding.analysis_id)
    )
    return {analysis_id: int(count) for analysis_id, count in rows}


def asset_sites(*, session: Session, owner_id: uuid.UUID | None) -> list[str]:
    """Sites of the analysed assets the owner sees, for the filter."""
    stmt = (
        select(Task.site)
        .join(Analysis, Analysis.task_id == Task.id)
        .where(_completed(), Task.site.is_not(None))
        .distinct()
    )
    return sorted(site for site in session.scalars(visible(stmt, owner_id)) if site)


def asset_analyses(
    *,
    session: Session,
    owner_id: uuid.UUID | None,
    tag: str,
    site: str | None,
    limit: int = ASSET_ANALYSES_LIMIT,
) -> list[Row[Any]]:
    """Every completed analysis of one asset the owner sees, with its stored extraction and
    its test date, latest test first (at most `limit`)."""
    stmt = (
        select(
            Analysis.id.label("analysis_id"),
            Analysis.task_id,
            Analysis.equipment_tag,
            Analysis.equipment_type,
            Analysis.verdict,
            Analysis.machine_verdict,
            Analysis.compliance_score,
            Analysis.critical_open,
            Analysis.profile_id,
            Analysis.extraction_result,
            Task.site,
            Task.created_at,
            Task.original_filename,
            Task.part,
            User.email,
            Analysis.test_date,
        )
        .join(Task, Task.id == Analysis.task_id)
        .join(User, User.id == Task.user_id)
        .where(_completed(), _the_asset(tag, site))
        # By the test date, not `created_at`: ordering by an indexed column would tempt the
        # planner to walk every task in upload order instead of this tag's few analyses.
        .order_by(Analysis.test_date.desc(), Task.id.desc())
        .limit(limit)
    )
    return list(session.execute(visible(stmt, owner_id)))


def asset_trend_findings(*, session: Session, analysis_ids: Sequence[uuid.UUID]) -> list[Row[Any]]:
    """The HIST- findings of these analyses (one asset's), for its page."""
    if not analysis_ids:
        return []
    stmt = (
        select(
            Finding.analysis_id,
            Finding.rule_id,
            Finding.severity,
            Finding.message,
            Finding.overridden_at,
        )
        .where(
            Finding.analysis_id.in_(list(analysis_ids)),
            Finding.rule_id.like(f"{TREND_RULE_PREFIX}%"),
        )
        .order_by(Finding.analysis_id, Finding.rule_id, Finding.message)
    )
    return list(session.execute(stmt))


def earlier_analyses(
    *,
    session: Session,
    tag: str,
    site: str | None,
    before: dt.date,
    exclude_task_id: uuid.UUID | None = None,
    limit: int = HISTORY_LIMIT,
) -> list[Row[Any]]:
    """The completed analyses of one asset tested before `before`, oldest first, whoever
    uploaded them (an asset's history is the organisation's): what the history rules read."""
    day = Analysis.test_date
    stmt = (
        select(
            Analysis.task_id,
            Analysis.verdict,
            Analysis.machine_verdict,
            Analysis.profile_id,
            Analysis.extraction_result,
            day.label("test_date"),
        )
        .join(Task, Task.id == Analysis.task_id)
        .where(_completed(), _the_asset(tag, site), day < before)
        .order_by(day, Task.id)
        .limit(limit)
    )
    if exclude_task_id is not None:
        stmt = stmt.where(Task.id != exclude_task_id)
    return list(session.execute(stmt))


__all__ = [
    "ASSET_PAGE_SIZE",
    "AssetQuery",
    "asset_analyses",
    "asset_page",
    "asset_sites",
    "asset_trend_findings",
    "earlier_analyses",
    "trend_findings_count",
]
