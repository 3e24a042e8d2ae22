"""Assets: equipment followed over the years by tag and site — the list with each asset's
latest verdict, one asset's analyses and trended readings against its baseline, and the history
the HIST- rules read when a report of that asset is analysed.

Who sees what mirrors the task list: an engineer the assets of their own reports, a manager
everyone's. The history the engine reads is the asset's, whoever uploaded the earlier reports.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol
from urllib.parse import urlencode

from pydantic import ValidationError
from sqlalchemy.orm import Session

from core.analysis.derived import compute_derived
from core.analysis.trending import PERCENT, trend_readings
from core.enums import Role, Verdict
from core.repositories import assets as repo
from core.schemas import AssetHistory, ExtractionResult, PriorAnalysis, TrendQuantity, TrendReading
from core.services.clock import as_utc
from core.services.context import ServiceContext
from core.services.users import Actor
from core.standards import DEFAULT_PROFILE_ID, ThresholdSet, load_profile
from core.standards.loader import UnknownStandardError

log = logging.getLogger(__name__)

ASSET_PAGE_SIZE = repo.ASSET_PAGE_SIZE
AssetQuery = repo.AssetQuery
QUANTITY_LABELS: dict[TrendQuantity, str] = {
    TrendQuantity.INSULATION_RESISTANCE: "Insulation resistance at 20 °C",
    TrendQuantity.CONTACT_RESISTANCE: "Contact resistance",
    TrendQuantity.GROUND_RESISTANCE: "Ground resistance",
    TrendQuantity.TURNS_RATIO: "Turns-ratio deviation",
    TrendQuantity.TEMPERATURE_RISE: "Hot-spot ΔT",
}
CHART_UNITS: dict[TrendQuantity, tuple[str, float]] = {
    TrendQuantity.INSULATION_RESISTANCE: ("MΩ", 1e-6),
    TrendQuantity.CONTACT_RESISTANCE: ("µΩ", 1e6),
    TrendQuantity.GROUND_RESISTANCE: ("Ω", 1.0),
    TrendQuantity.TURNS_RATIO: ("%", 1.0),
    TrendQuantity.TEMPERATURE_RISE: ("°C", 1.0),
}
"""How each quantity is charted: (unit shown, factor from the stored SI value)."""


class _HasAsset(Protocol):
    @property
    def equipment_tag(self) -> str | None: ...

    @property
    def site(self) -> str | None: ...


def asset_path(tag: str, site: str | None = None) -> str:
    """The Assets page of one asset, as a relative link: `assets?tag=CB-1&site=Plant+A`."""
    params = {"tag": tag, **({"site": site} if site else {})}
    return f"assets?{urlencode(params)}"


def asset_query(view: _HasAsset) -> dict[str, str] | None:
    """The Assets page's query parameters for an analysis's asset (`st.page_link(
    "app_pages/assets.py", query_params=…)`); None for a report without a tag."""
    tag = (view.equipment_tag or "").strip()
    if not tag:
        return None
    return {"tag": tag, **({"site": view.site} if view.site else {})}


def asset_link(view: _HasAsset) -> str | None:
    """The link from an analysis (anything with `equipment_tag` and `site`, e.g. the Analysis
    page's `AnalysisView`) to its asset's page; None for a report without a tag."""
    tag = (view.equipment_tag or "").strip()
    return asset_path(tag, view.site) if tag else None


# --- the list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssetRow:
    tag: str
    site: str | None
    equipment_type: str | None
    analyses: int
    latest_verdict: str | None
    latest_task_id: uuid.UUID
    latest_test_date: dt.date | None
    latest_uploaded: dt.datetime
    first_uploaded: dt.datetime
    open_critical: int
    trend_findings: int
    """HIST- findings of the latest analysis no manager overrode: the asset is drifting."""

    @property
    def link(self) -> str:
        return asset_path(self.tag, self.site)


@dataclass(frozen=True)
class AssetPage:
    rows: list[AssetRow]
    total: int
    """Tags the query selects (assets, with a latest-verdict filter), on every page."""
    offset: int
    size: int
    counts: str = "tags"
    """What `total` counts: `tags` (a page is `size` tags; a tag at two sites is two rows), or
    `assets` with a latest-verdict or equipment filter."""

    @property
    def has_next(self) -> bool:
        return self.offset + (self.size if self.counts == "tags" else len(self.rows)) < self.total


def _owner(actor: Actor) -> uuid.UUID | None:
    return None if actor.can(Role.MANAGER) else actor.id


def list_assets(
    ctx: ServiceContext,
    actor: Actor,
    query: AssetQuery | None = None,
    *,
    offset: int = 0,
    size: int = ASSET_PAGE_SIZE,
) -> AssetPage:
    """One page of the assets the actor sees, by tag then site: each with its latest analysis
    (latest upload), how many analyses it has, and its open CRITICAL and trend findings."""
    query = query or AssetQuery()
    with ctx.session() as session:
        rows, total = repo.asset_page(
            session=session, owner_id=_owner(actor), query=query, offset=offset, size=size
        )
        ids = [row.analysis_id for row in rows]
        trends = repo.trend_findings_count(session=session, analysis_ids=ids)
    assets = [
        AssetRow(
            tag=row.equipment_tag,
            site=row.site,
            equipment_type=row.equipment_type,
            analyses=int(row.analyses),
            latest_verdict=row.verdict,
            latest_task_id=row.task_id,
            latest_test_date=_date(row.test_date),
            latest_uploaded=as_utc(row.created_at),
            first_uploaded=as_utc(row.first_uploaded),
            open_critical=int(row.critical_open or 0),
            trend_findings=trends.get(row.analysis_id, 0),
        )
        for row in rows
    ]
    counts = "assets" if query.verdicts or query.equipment_types else "tags"
    return AssetPage(rows=assets, total=total, offset=offset, size=size, counts=counts)


def asset_sites(ctx: ServiceContext, actor: Actor) -> list[str]:
    with ctx.session() as session:
        return repo.asset_sites(session=session, owner_id=_owner(actor))


# --- one asset -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssetAnalysis:
    task_id: uuid.UUID
    test_date: dt.date | None
    uploaded: dt.datetime
    verdict: str | None
    machine_verdict: str | None
    compliance_score: float | None
    open_critical: int
    file_name: str
    part: str | None
    owner_email: str
    trend_findings: tuple[tuple[str, str, str], ...] = ()
    """(rule id, severity, message) of its HIST- findings no manager overrode."""

    @property
    def accepted(self) -> bool:
        return self.verdict == Verdict.APPROVED.value

    @property
    def link(self) -> str:
        return f"analysis?task={self.task_id}"


@dataclass(frozen=True)
class TrendPoint:
    task_id: uuid.UUID
    test_date: dt.date
    verdict: str | None
    value: float
    """In the chart's unit (`CHART_UNITS`)."""
    censored: bool
    baseline: bool
    """The first accepted reading of this quantity and point."""
    change_pct: float | None
    """From the baseline, in %; for a ΔT or a turns-ratio deviation, the difference in the
    chart's unit. None before (or without) a baseline."""


@dataclass(frozen=True)
class TrendSeries:
    quantity: TrendQuantity
    point: str
    unit: str
    points: tuple[TrendPoint, ...]
    """Oldest first."""

    @property
    def label(self) -> str:
        return QUANTITY_LABELS[self.quantity]

    @property
    def baseline(self) -> TrendPoint | None:
        return next((p for p in self.points if p.baseline), None)

    @property
    def relative(self) -> bool:
        """Whether the change is a share of the baseline (resistances) or a difference."""
        return self.quantity not in (TrendQuantity.TEMPERATURE_RISE, TrendQuantity.TURNS_RATIO)


@dataclass(frozen=True)
class AssetDetail:
    tag: str
    site: str | None
    equipment_type: str | None
    analyses: list[AssetAnalysis]
    """Oldest test first (undated ones last)."""
    series: list[TrendSeries] = field(default_factory=list)

    @property
    def latest(self) -> AssetAnalysis | None:
        return self.analyses[-1] if self.analyses else None

    def by_quantity(self) -> dict[TrendQuantity, list[TrendSeries]]:
        grouped: dict[TrendQuantity, list[TrendSeries]] = {}
        for series in self.series:
            grouped.setdefault(series.quantity, []).append(series)
        return grouped


def asset_detail(
    ctx: ServiceContext, actor: Actor, tag: str, site: str | None = None
) -> AssetDetail | None:
    """Every analysis of one asset the actor sees, oldest test first, and a series per
    quantity and point with its baseline; None when the actor sees no analysis of it."""
    tag = (tag or "").strip()
    if not tag:
        return None
    with ctx.session() as session:
        rows = repo.asset_analyses(
            session=session, owner_id=_owner(actor), tag=tag, site=(site or "").strip() or None
        )
        trend_rows = repo.asset_trend_findings(
            session=session, analysis_ids=[row.analysis_id for row in rows]
        )
    if not rows:
        return None
    trends: dict[uuid.UUID, list[tuple[str, str, str]]] = {}
    for finding in trend_rows:
        if finding.overridden_at is None:
            trends.setdefault(finding.analysis_id, []).append(
                (finding.rule_id, finding.severity, finding.message)
            )
    ordered = sorted(rows, key=_chronological)
    analyses = [
        AssetAnalysis(
            task_id=row.task_id,
            test_date=_date(row.test_date),
            uploaded=as_utc(row.created_at),
            verdict=row.verdict,
            machine_verdict=row.machine_verdict,
            compliance_score=row.compliance_score,
            open_critical=int(row.critical_open or 0),
            file_name=row.original_filename,
            part=row.part,
            owner_email=row.email,
            trend_findings=tuple(trends.get(row.analysis_id, ())),
        )
        for row in ordered
    ]
    priors = [p for p in (_prior(row) for row in ordered) if p is not None]
    newest = ordered[-1]
    return AssetDetail(
        tag=newest.equipment_tag,
        site=newest.site,
        equipment_type=newest.equipment_type,
        analyses=analyses,
        series=trend_series(priors),
    )


def _chronological(row: Any) -> tuple[int, str, dt.datetime]:
    day = row.test_date or ""
    return (0 if day else 1, day, as_utc(row.created_at))


def trend_series(analyses: Iterable[PriorAnalysis]) -> list[TrendSeries]:
    """A series per quantity and point over the analyses (oldest first), each reading with its
    change from the baseline — the first accepted reading — as the HIST- rules compute it."""
    grouped: dict[tuple[str, str, str | None], list[tuple[PriorAnalysis, TrendReading]]] = {}
    for analysis in analyses:
        for reading in analysis.readings:
            grouped.setdefault(reading.key, []).append((analysis, reading))
    order = {quantity: index for index, quantity in enumerate(TrendQuantity)}
    series = [
        _series(members)
        for _, members in sorted(
            grouped.items(), key=lambda item: (order[item[1][0][1].quantity], item[0])
        )
    ]
    return [s for s in series if s.points]


def _series(members: list[tuple[PriorAnalysis, TrendReading]]) -> TrendSeries:
    quantity = members[0][1].quantity
    unit, factor = CHART_UNITS[quantity]
    base_value: float | None = None
    points = []
    for analysis, reading in members:
        value = _charted(reading, factor)
        if value is None:
            continue
        is_base = base_value is None and analysis.accepted
        if is_base:
            base_value = value
        points.append(
            TrendPoint(
                task_id=uuid.UUID(analysis.task_id),
                test_date=analysis.test_date,
                verdict=analysis.verdict,
                value=value,
                censored=reading.censored,
                baseline=is_base,
                change_pct=_change(quantity, value, base_value),
            )
        )
    point = members[0][1].point
    if quantity == TrendQuantity.TEMPERATURE_RISE and members[0][1].reference:
        point = f"{point} (to {members[0][1].reference})"
    return TrendSeries(quantity=quantity, point=point, unit=unit, points=tuple(points))


def _charted(reading: TrendReading, factor: float) -> float | None:
    if reading.quantity == TrendQuantity.TURNS_RATIO:
        return reading.deviation_pct  # the deviation from the calculated ratio, when known
    return reading.trend_value * factor


def _change(quantity: TrendQuantity, value: float, base: float | None) -> float | None:
    if base is None:
        return None
    if quantity in (TrendQuantity.TEMPERATURE_RISE, TrendQuantity.TURNS_RATIO):
        return value - base
    return (value - base) / base * PERCENT if base else None


# --- the history the engine reads ----------------------------------------------------------


def history_for(
    session: Session,
    *,
    tag: str | None,
    site: str | None,
    test_date: dt.date | None,
    exclude_task_id: uuid.UUID | None = None,
) -> AssetHistory | None:
    """The asset's earlier completed analyses (tested before `test_date`), oldest first, their
    readings normalised; None without a tag, a test date or any earlier analysis."""
    tag = (tag or "").strip()
    if not tag or test_date is None:
        return None
    site = (site or "").strip() or None
    rows = repo.earlier_analyses(
        session=session,
        tag=tag,
        site=site,
        before=test_date,
        exclude_task_id=exclude_task_id,
    )
    analyses = tuple(p for p in (_prior(row) for row in rows) if p is not None)
    return AssetHistory(tag=tag, site=site, analyses=analyses) if analyses else None


def _prior(row: Any) -> PriorAnalysis | None:
    """A stored analysis as the engine reads it; None when it has no usable test date or its
    stored extraction no longer reads (an older schema): it is left out of the history."""
    day = _date(row.test_date)
    if day is None or not row.extraction_result:
        return None
    try:
        extraction = ExtractionResult.model_validate(row.extraction_result)
    except ValidationError:
        log.warning("analysis of task %s left out of its asset's history", row.task_id)
        return None
    derived = compute_derived(extraction, _thresholds(row.profile_id or DEFAULT_PROFILE_ID))
    return PriorAnalysis(
        task_id=str(row.task_id),
        test_date=day,
        verdict=_verdict(row.verdict),
        machine_verdict=_verdict(row.machine_verdict),
        readings=trend_readings(extraction, derived),
    )


@cache
def _thresholds(profile_id: str) -> ThresholdSet:
    try:
        return load_profile(profile_id).thresholds
    except UnknownStandardError:  # a profile since removed: the default's corrections
        return load_profile(DEFAULT_PROFILE_ID).thresholds


def _verdict(text: str | None) -> Verdict | None:
    return Verdict(text) if text in set(Verdict) else None


def _date(value: dt.date | str | None) -> dt.date | None:
    if isinstance(value, dt.date) or value is None:
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
