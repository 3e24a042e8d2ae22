"""Shared for the THM- rules: judge a ΔT against Table 100.18 bands; which reports are surveys."""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.derived import ThermalDelta
from core.analysis.rules.base import Result, RuleContext, degrees, evidence
from core.enums import TestType
from core.schemas import Quantity
from core.standards import BandTable


def is_survey(ctx: RuleContext) -> bool:
    """A thermographic survey: so stated, or carrying hot-spot or ΔT readings."""
    if ctx.extraction.test.type == TestType.THERMOGRAPHY:
        return True
    return bool(ctx.measurements(Quantity.TEMPERATURE, Quantity.TEMPERATURE_RISE))


def judge_delta(
    ctx: RuleContext, item: ThermalDelta, delta_c: float, table: BandTable, *, over: str
) -> Iterator[Result]:
    band = table.band_for(delta_c)
    if band is None:
        yield ctx.passed(item.point)
        return
    index = item.index if item.hot_spot_c is not None else item.printed_index
    measurement = ctx.extraction.measurements[index] if index is not None else None
    yield from ctx.fail(
        item.point,
        severity=band.severity,
        message=(
            f"{item.point}: ΔT {degrees(delta_c)} over {over}, in the "
            f"{band.describe('°C')} band of Table 100.18 ({band.action})"
        ),
        evidence=evidence(
            observed=delta_c,
            unit="°C",
            limit=table.threshold,
            comparator="<",
            clause=table.clause,
            measurement=measurement,
            band=band.describe("°C"),
            hot_spot_c=item.hot_spot_c,
            reference_point=item.reference_point,
            reference_c=item.reference_c,
            ambient_c=item.ambient_c,
            printed_delta_c=item.printed_delta_c,
            reference_assumed=item.reference_assumed or None,
        ),
        remediation=(
            f"{band.action[0].upper()}{band.action[1:]}: de-energize when safe, inspect the "
            "connection (torque, contact surfaces, conductor), repair, and rescan under load."
        ),
    )
