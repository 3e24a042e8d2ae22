"""Derived insulation-resistance values: each reading with its basis and correction, PI, DAR,
imbalance.

Part of the derived values (see `derived.py`); the row each reading is judged by comes from
`derived_basis.py`. Each reading is corrected from the apparatus temperature, else the ambient,
else not at all. PI and DAR come from timed readings (or the printed value) and are not judged
from over-range readings, nor — for rotating machines only (IEEE Std 43) — PI with a 1-minute
reading above the limit.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, ConfigDict

from core.analysis.derived_basis import ROTATING, IrBasis, correction_factor, ir_basis
from core.analysis.derived_comparisons import clean
from core.analysis.point_names import insulation_group, normalize
from core.schemas import ExtractionResult, Measurement, Quantity
from core.standards import ThresholdSet

OHMS_PER_MEGOHM = 1e6
ONE_MINUTE_S, THIRTY_S, TEN_MINUTES_S = 60, 30, 600


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IrReading(_Frozen):
    index: int
    point: str
    group: str
    duration_s: int | None
    test_voltage_v: float | None
    measured_mohm: float | None
    """None for `∞`/`OL`: beyond the instrument's range."""
    censored: bool
    factor: float | None
    corrected_mohm: float | None
    primary: bool
    """The reading judged for its point (the 1-minute one when there are several)."""
    basis: IrBasis
    manufacturer_min_mohm: float | None = None
    """Cables: the manufacturer's minimum printed in the report."""


class RatioIndex(_Frozen):
    """A PI (R10min/R1min) or DAR (R60s/R30s) for one point."""

    point: str
    index: int
    value: float | None
    source: Literal["timed", "reported"]
    judged: bool
    reason: str | None = None
    reported: float | None = None


class Imbalance(_Frozen):
    index: int
    point: str
    group: str
    value_mohm: float
    highest_mohm: float
    highest_point: str
    ratio: float


def _preference(measurement: Measurement) -> tuple[int, int]:
    """Which reading of a point is judged (lowest first): the 1-minute one, then an untimed
    one, then the longest timed one."""
    if measurement.duration_s == ONE_MINUTE_S:
        return (0, 0)
    if measurement.duration_s is None:
        return (1, 0)
    return (2, -measurement.duration_s)


def ir_readings(
    extraction: ExtractionResult, ts: ThresholdSet, temperature_c: float | None
) -> tuple[IrReading, ...]:
    indexed = [
        (i, m)
        for i, m in enumerate(extraction.measurements)
        if m.quantity == Quantity.INSULATION_RESISTANCE
    ]
    best: dict[str, tuple[tuple[int, int], int]] = {}
    for i, m in indexed:
        rank = (_preference(m), i)
        best[normalize(m.point)] = min(best.get(normalize(m.point), rank), rank)
    readings = []
    for i, m in indexed:
        basis = ir_basis(extraction, ts, m)
        factor = correction_factor(ts, basis, temperature_c)
        mohm = clean(m.value / OHMS_PER_MEGOHM) if m.value is not None else None
        minimum = m.manufacturer_min_ohm
        readings.append(
            IrReading(
                index=i,
                point=m.point,
                group=insulation_group(m.point),
                duration_s=m.duration_s,
                test_voltage_v=m.test_voltage_v,
                measured_mohm=mohm,
                censored=m.censored is not None or m.value is None,
                factor=factor,
                corrected_mohm=clean(mohm * factor) if mohm is not None and factor else None,
                primary=best[normalize(m.point)][1] == i,
                basis=basis,
                manufacturer_min_mohm=clean(minimum / OHMS_PER_MEGOHM) if minimum else None,
            )
        )
    return tuple(readings)


def _timed(readings: tuple[IrReading, ...]) -> dict[str, dict[int, IrReading]]:
    by_point: dict[str, dict[int, IrReading]] = defaultdict(dict)
    for reading in readings:
        if reading.duration_s is not None:
            by_point[normalize(reading.point)].setdefault(reading.duration_s, reading)
    return by_point


def ratio_indexes(
    extraction: ExtractionResult,
    ts: ThresholdSet,
    readings: tuple[IrReading, ...],
    quantity: Quantity,
) -> tuple[RatioIndex, ...]:
    is_pi = quantity == Quantity.POLARIZATION_INDEX
    machine = extraction.equipment.type in ROTATING
    long_s, short_s = (TEN_MINUTES_S, ONE_MINUTE_S) if is_pi else (ONE_MINUTE_S, THIRTY_S)
    timed = _timed(readings)
    reported = {
        normalize(m.point): (i, m)
        for i, m in reversed(list(enumerate(extraction.measurements)))
        if m.quantity == quantity
    }
    results = []
    for key in sorted({*reported, *(k for k, t in timed.items() if {long_s, short_s} <= {*t})}):
        long, short = timed.get(key, {}).get(long_s), timed.get(key, {}).get(short_s)
        printed = reported.get(key)
        printed_value = printed[1].value if printed else None
        one_minute = timed.get(key, {}).get(ONE_MINUTE_S)
        reason = None
        if long is not None and short is not None:
            value = None
            if long.measured_mohm is not None and short.measured_mohm:
                value = clean(long.measured_mohm / short.measured_mohm)
            if long.censored or short.censored:
                reason = "computed from an over-range reading"
            point, index, source = long.point, long.index, "timed"
        else:
            assert printed is not None
            value, point, index, source = printed_value, printed[1].point, printed[0], "reported"
            if printed[1].censored is not None or value is None:
                reason = "reported as an over-range value"
        too_high = (
            machine
            and one_minute is not None
            and one_minute.measured_mohm is not None
            and not ts.pi.machine_max_one_minute.passes(one_minute.measured_mohm)
        )
        if is_pi and reason is None and too_high:
            reason = "rotating machine with a 1-minute reading above the IEEE 43 limit for PI"
        results.append(
            RatioIndex(
                point=point,
                index=index,
                value=value,
                source=source,
                judged=reason is None and value is not None,
                reason=reason,
                reported=printed_value,
            )
        )
    return tuple(results)


def imbalance(readings: tuple[IrReading, ...]) -> tuple[Imbalance, ...]:
    groups: dict[str, list[IrReading]] = defaultdict(list)
    for reading in readings:
        if reading.primary and reading.measured_mohm is not None:
            groups[reading.group].append(reading)
    results = []
    for group, members in groups.items():
        if len(members) < 2:  # an imbalance needs two points
            continue
        highest = max(members, key=lambda r: (r.measured_mohm or 0, -r.index))
        for reading in members:
            # A censored reading is at least what it shows: it cannot be shown to be low.
            if reading.censored or not highest.measured_mohm:
                continue
            value = reading.measured_mohm or 0
            results.append(
                Imbalance(
                    index=reading.index,
                    point=reading.point,
                    group=group,
                    value_mohm=value,
                    highest_mohm=highest.measured_mohm,
                    highest_point=highest.point,
                    ratio=clean(value / highest.measured_mohm),
                )
            )
    return tuple(results)
