"""Shared for the THM- rules: judge a point's ΔTs against Table 100.18; which reports are surveys.

A point is judged once, by one rule: THM-001 when it is compared with a similar component (the
similar bands, and the top over-ambient band), THM-002 otherwise (every over-ambient band).
`judge_point` turns the judgements of one point into one finding carrying the worse of them,
with every ΔT and the band each fell in as evidence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from core.analysis.derived import ThermalDelta
from core.analysis.rules.base import Result, RuleContext, degrees, evidence
from core.enums import TestType
from core.schemas import Quantity
from core.standards import Band, BandTable

Column = Literal["similar", "ambient"]
UNIT = "°C"


@dataclass(frozen=True)
class Judgement:
    """One ΔT of a point against one column of Table 100.18."""

    column: Column
    over: str
    """What the ΔT is over, for the message: `ambient air`, `the similar component (A)`."""
    delta_c: float
    table: BandTable
    band: Band | None
    """The band the ΔT falls in among those applied; None: no finding from this column."""
    limit: float
    comparator: str
    """How a ΔT relates to `limit` to raise nothing from this column."""


def is_survey(ctx: RuleContext) -> bool:
    """A thermographic survey: so stated, or carrying hot-spot or ΔT readings."""
    if ctx.extraction.test.type == TestType.THERMOGRAPHY:
        return True
    return bool(ctx.measurements(Quantity.TEMPERATURE, Quantity.TEMPERATURE_RISE))


def similar(item: ThermalDelta, table: BandTable) -> Judgement | None:
    """The ΔT to the similar component against every similar band."""
    if item.similar_delta_c is None:
        return None
    named = f" ({item.reference_point})" if item.reference_point else ""
    return Judgement(
        column="similar",
        over=f"the similar component{named}",
        delta_c=item.similar_delta_c,
        table=table,
        band=table.band_for(item.similar_delta_c),
        limit=table.threshold,
        comparator="<",
    )


def ambient(item: ThermalDelta, table: BandTable, *, top_band_only: bool) -> Judgement | None:
    """The ΔT over ambient air against every ambient band, or against the top one only."""
    if item.ambient_delta_c is None:
        return None
    delta = item.ambient_delta_c
    if not top_band_only:
        band, limit, comparator = table.band_for(delta), table.threshold, "<"
    else:
        top = table.bands[-1]  # bands ascend (BandTable validates it)
        band = top if top.contains(delta) else None
        limit, comparator = top.lower, "<" if top.lower_inclusive else "<="
    return Judgement(
        column="ambient",
        over="ambient air",
        delta_c=delta,
        table=table,
        band=band,
        limit=limit,
        comparator=comparator,
    )


def judge_point(
    ctx: RuleContext, item: ThermalDelta, judgements: Sequence[Judgement | None]
) -> Iterator[Result]:
    """One check for the point and, when any band applies, one finding with the worse one
    (on a tie the first judgement given: the similar comparison)."""
    made = [j for j in judgements if j is not None]
    applied = [(j, j.band) for j in made if j.band is not None]
    if not made:
        return
    if not applied:
        yield ctx.passed(item.point)
        return
    primary, band = min(applied, key=lambda pair: pair[1].severity.rank)
    others = "".join(
        f"; ΔT {degrees(j.delta_c)} over {j.over} is in the {b.describe(UNIT)} band "
        f"({b.severity.value})"
        for j, b in applied
        if j is not primary
    )
    index = _evidence_index(item, primary)
    bands: dict[str, Any] = {}
    for j, b in applied:
        bands[f"{j.column}_band"] = b.describe(UNIT)
        bands[f"{j.column}_severity"] = b.severity.value
    yield from ctx.fail(
        item.point,
        severity=band.severity,
        message=(
            f"{item.point}: ΔT {degrees(primary.delta_c)} over {primary.over}, in the "
            f"{band.describe(UNIT)} band of Table 100.18 ({band.action}){others}"
        ),
        evidence=evidence(
            observed=primary.delta_c,
            unit=UNIT,
            limit=primary.limit,
            comparator=primary.comparator,
            clause=primary.table.clause,
            measurement=ctx.extraction.measurements[index] if index is not None else None,
            details=bands,
            band=band.describe(UNIT),
            similar_delta_c=item.similar_delta_c,
            ambient_delta_c=item.ambient_delta_c,
            hot_spot_c=item.hot_spot_c,
            reference_point=item.reference_point,
            reference_c=item.reference_c,
            ambient_c=item.ambient_c,
            printed_delta_c=item.printed_delta_c,
            reference_assumed=item.reference_assumed or None,
            load_pct=ctx.extraction.test.load_pct,
        ),
        remediation=(
            f"{band.action[0].upper()}{band.action[1:]}: de-energize when safe, "
            "inspect the connection (torque, contact surfaces, conductor), repair, and rescan "
            "under load."
        ),
    )


def _evidence_index(item: ThermalDelta, primary: Judgement) -> int | None:
    """The reading the finding points at: the printed ΔT it judged when the report prints
    that ΔT (the reviewer checks the number the finding quotes), else the hot spot."""
    printed_column = "ambient" if item.reference_assumed else item.printed_reference
    if item.printed_index is not None and printed_column == primary.column:
        return item.printed_index
    return item.index if item.hot_spot_c is not None else item.printed_index
