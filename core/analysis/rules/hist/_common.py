"""Shared check for the HIST- rules: each trended reading of this report against the asset's
baseline — the first accepted (APPROVED) earlier reading of the same quantity and point.

Without a history, or a baseline for a point, nothing is checked (no finding, no check). An
over-range reading bounds the change on one side only: it is judged where the bound decides
(a pass, or a failure), and left unjudged otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from core.analysis.rules.base import Result, RuleContext, evidence, fmt
from core.analysis.trending import CHANGE_DIGITS, PERCENT, trend_readings
from core.schemas import PriorAnalysis, TrendQuantity, TrendReading

Direction = Literal["fall", "rise", "drift"]


@dataclass(frozen=True)
class Trend:
    quantity: TrendQuantity
    key: str
    """The threshold set's band table of the change."""
    direction: Direction
    """`fall`: percent below the baseline; `rise`: percent above it (or °C above it when not
    `relative`); `drift`: percent away from it either way."""
    relative: bool
    show: Callable[[float], str]
    """A value of the quantity for people, with its unit."""
    what: str
    remediation: str


@dataclass(frozen=True)
class Baseline:
    analysis: PriorAnalysis
    reading: TrendReading


def baselines(history: tuple[PriorAnalysis, ...]) -> dict[tuple[str, str, str | None], Baseline]:
    """The first accepted reading of each quantity and point, over the history oldest first."""
    found: dict[tuple[str, str, str | None], Baseline] = {}
    for analysis in history:
        if not analysis.accepted:
            continue
        for reading in analysis.readings:
            found.setdefault(reading.key, Baseline(analysis, reading))
    return found


def _values(now: TrendReading, base: TrendReading) -> tuple[float, float, str]:
    """Both readings on the same basis: at 20 °C when both are corrected, else as measured."""
    if now.corrected_20c_ohm is not None and base.corrected_20c_ohm is not None:
        return now.corrected_20c_ohm, base.corrected_20c_ohm, "corrected to 20 °C"
    return now.value, base.value, "as measured"


def _change(trend: Trend, now: float, base: float) -> float | None:
    if not trend.relative:
        return now - base
    if base <= 0:
        return None
    share = (now - base) / base * PERCENT
    if trend.direction == "fall":
        return -share
    return abs(share) if trend.direction == "drift" else share


Bound = Literal["exact", "low", "high", "none"]


def _bound(trend: Trend, now: TrendReading, base: TrendReading) -> Bound:
    """Whether the change computed is the true one (`exact`), at most the true one (`low`: the
    true change is at least it), at least it (`high`), or says nothing (`none`)."""
    if not (now.censored or base.censored):
        return "exact"
    if (now.censored and base.censored) or trend.direction == "drift":
        return "none"
    raises = now.censored == (trend.direction == "rise")  # an over-range now rises at least
    return "low" if raises else "high"


def judge_trend(ctx: RuleContext, trend: Trend) -> Iterator[Result]:
    day = ctx.extraction.test.date
    if not ctx.history or day is None:
        return
    table = ctx.bands(trend.key)
    known = baselines(ctx.history)
    current = [
        r for r in trend_readings(ctx.extraction, ctx.derived) if r.quantity is trend.quantity
    ]
    for reading in current:
        baseline = known.get(reading.key)
        if baseline is None:
            continue
        now, base, basis = _values(reading, baseline.reading)
        change = _change(trend, now, base)
        bound = _bound(trend, reading, baseline.reading)
        if change is None or bound == "none":
            continue
        band = table.band_for(change)
        if (band is None and bound == "low") or (band is not None and bound == "high"):
            continue  # the bound does not decide
        against = evidence(
            observed=round(change, CHANGE_DIGITS),
            unit=table.unit,
            limit=table.threshold,
            comparator="<=",
            clause=table.clause,
            point=reading.point,
        )
        if band is None:
            yield ctx.passed(reading.point, against=against)
            continue
        measurement = (
            ctx.extraction.measurements[reading.index] if reading.index is not None else None
        )
        then = baseline.analysis.test_date.isoformat()
        yield from ctx.fail(
            reading.point,
            severity=band.severity,
            message=(
                f"{reading.point}: {trend.what} {_shown(trend, now, reading)} on "
                f"{day.isoformat()} is {_how_far(trend, change, table.unit)} the baseline "
                f"{_shown(trend, base, baseline.reading)} of {then}, limit "
                f"{fmt(table.threshold)} {_unit(table.unit)}"
            ),
            evidence=evidence(
                observed=round(change, CHANGE_DIGITS),
                unit=table.unit,
                limit=table.threshold,
                comparator="<=",
                clause=table.clause,
                measurement=measurement,
                point=reading.point,
                details={
                    "basis": basis,
                    "action": band.action,
                    "current_date": day.isoformat(),
                    "current_value": now,
                    "baseline_date": then,
                    "baseline_value": base,
                    "baseline_task_id": baseline.analysis.task_id,
                    "value_unit": reading.unit,
                    "earlier_analyses": len(ctx.history),
                },
            ),
            remediation=trend.remediation,
        )


def _shown(trend: Trend, value: float, reading: TrendReading) -> str:
    return f">{trend.show(value)}" if reading.censored else trend.show(value)


def _unit(unit: str) -> str:
    return "°C" if unit == "delta_degC" else unit


def _how_far(trend: Trend, change: float, unit: str) -> str:
    amount = f"{fmt(round(abs(change), CHANGE_DIGITS))} {_unit(unit)}"
    if trend.direction == "drift":
        return f"{amount} away from"
    below = change < 0 if trend.direction == "rise" else change > 0
    return f"{amount} {'below' if below else 'above'}"
