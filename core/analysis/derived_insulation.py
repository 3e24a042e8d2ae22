"""Derived insulation-resistance values: table row, temperature correction, PI, DAR, imbalance.

Part of the derived values (see `derived.py`). The row is chosen by equipment type and rating
(Table 100.1, 100.5 dry/liquid, 100.11); each reading is corrected to the table's reference
temperature (Table 100.14.1 to 20 °C; rotating machines Table 100.14.2 to 40 °C) from the
apparatus temperature, else the ambient, else not at all. PI and DAR come from timed readings
(or the printed value) and are not judged from over-range readings, nor PI above the IEEE 43
1-minute limit.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, ConfigDict

from core.analysis.derived_comparisons import clean
from core.analysis.point_names import insulation_group, normalize
from core.enums import EquipmentType
from core.schemas import ExtractionResult, Measurement, Quantity
from core.standards import ThresholdSet, select_row

OHMS_PER_MEGOHM = 1e6
VOLTS_PER_KV = 1e3
ONE_MINUTE_S, THIRTY_S, TEN_MINUTES_S = 60, 30, 600
ROTATING = (EquipmentType.GENERATOR, EquipmentType.MOTOR)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IrBasis(_Frozen):
    """Which table row an IR reading is judged against, and why."""

    table: Literal["100.1", "100.5", "100.11"]
    clause: str
    row: str | None
    min_resistance_mohm: float | None
    min_test_voltage_v: float | None
    reference_c: float
    column: Literal["oil", "solid"]
    rating_missing: bool
    insulation_assumed: bool = False
    notes: tuple[str, ...] = ()


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


def _machine_minimum(ts: ThresholdSet, extraction: ExtractionResult) -> tuple[float | None, str]:
    table, equipment = ts.ir.table_100_11, extraction.equipment
    rating = equipment.voltage_rating_v
    year = equipment.manufactured_year
    if year is not None and year < table.older_windings_before_year:
        if rating is None:
            return None, "winding built before the table year: kV + 1 needs the rating"
        kv = rating / VOLTS_PER_KV
        minimum = kv * table.older_windings_per_kv_mohm + table.older_windings_offset_mohm
        return minimum, "kV + 1 (winding built before the table year)"
    if equipment.winding == "random_wound":
        return table.random_wound_min_mohm, "random-wound winding"
    low_voltage = rating is not None and rating < table.low_voltage_below_v
    if equipment.winding == "form_wound" and low_voltage:
        return table.random_wound_min_mohm, "form-wound winding rated below 1 kV"
    return table.form_wound_min_mohm, "form-wound winding (default)"


def ir_basis(extraction: ExtractionResult, ts: ThresholdSet) -> IrBasis:
    """The table, row, minimum resistance and minimum test voltage for this equipment."""
    equipment = extraction.equipment
    rating = equipment.voltage_rating_v
    if equipment.type == EquipmentType.TRANSFORMER:
        t5 = ts.ir.table_100_5
        liquid = equipment.insulation == "liquid"
        notes = () if equipment.insulation else ("insulation not stated: dry-type column used",)
        row5 = select_row(t5.rows, rating) if rating is not None else None
        return IrBasis(
            table="100.5",
            clause=t5.clause,
            row=f"{row5.label}, {'liquid-filled' if liquid else 'dry-type'}" if row5 else None,
            min_resistance_mohm=(row5.liquid_min_mohm if liquid else row5.dry_min_mohm)
            if row5
            else None,
            min_test_voltage_v=row5.min_test_voltage_v if row5 else None,
            reference_c=t5.reference_temperature_c,
            column="oil" if liquid else "solid",
            rating_missing=rating is None,
            insulation_assumed=equipment.insulation is None,
            notes=notes,
        )
    if equipment.type in ROTATING:
        t11 = ts.ir.table_100_11
        minimum, why = _machine_minimum(ts, extraction)
        row11 = select_row(t11.test_voltage_rows, rating) if rating is not None else None
        return IrBasis(
            table="100.11",
            clause=t11.clause,
            row=f"{row11.label}; {why}" if row11 else why,
            min_resistance_mohm=minimum,
            min_test_voltage_v=row11.min_test_voltage_v if row11 else None,
            reference_c=t11.reference_temperature_c,
            column="solid",
            rating_missing=rating is None,
        )
    t1 = ts.ir.table_100_1
    row1 = select_row(t1.rows, rating) if rating is not None else None
    return IrBasis(
        table="100.1",
        clause=t1.clause,
        row=row1.label if row1 else None,
        min_resistance_mohm=row1.min_resistance_mohm if row1 else None,
        min_test_voltage_v=row1.min_test_voltage_v if row1 else None,
        reference_c=t1.reference_temperature_c,
        column="solid",
        rating_missing=rating is None,
        notes=() if equipment.type else ("equipment type not stated: Table 100.1 used",),
    )


def correction(
    extraction: ExtractionResult, ts: ThresholdSet, basis: IrBasis
) -> tuple[float | None, Literal["apparatus", "ambient"] | None, float | None, bool]:
    """(temperature, its source, K, clamped) for this report's IR readings."""
    test = extraction.test
    source: Literal["apparatus", "ambient"]
    if test.apparatus_temperature_c is not None:
        temperature, source = test.apparatus_temperature_c, "apparatus"
    elif test.ambient_temperature_c is not None:
        temperature, source = test.ambient_temperature_c, "ambient"
    else:
        return None, None, None, False
    if basis.table == "100.11":
        factor = ts.ir.machine_temperature_correction.factor(temperature, basis.column)
        return temperature, source, clean(factor), False
    factor, clamped = ts.ir.temperature_correction.factor(temperature, basis.column)
    return temperature, source, clean(factor), clamped


def _preference(measurement: Measurement) -> tuple[int, int]:
    """Which reading of a point is judged (lowest first): the 1-minute one, then an untimed
    one, then the longest timed one."""
    if measurement.duration_s == ONE_MINUTE_S:
        return (0, 0)
    if measurement.duration_s is None:
        return (1, 0)
    return (2, -measurement.duration_s)


def ir_readings(extraction: ExtractionResult, factor: float | None) -> tuple[IrReading, ...]:
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
        mohm = clean(m.value / OHMS_PER_MEGOHM) if m.value is not None else None
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
            one_minute is not None
            and one_minute.measured_mohm is not None
            and not ts.pi.max_one_minute.passes(one_minute.measured_mohm)
        )
        if is_pi and reason is None and too_high:
            reason = "1-minute reading above the IEEE 43 limit for judging PI"
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
