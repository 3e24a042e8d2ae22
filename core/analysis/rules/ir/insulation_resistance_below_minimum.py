"""IR-001 insulation-resistance-below-minimum: a corrected reading below the table minimum.

## What it checks
For each test point, the judged insulation-resistance reading (the 1-minute one when the report
gives several), corrected to the table's reference temperature, against the minimum of the row
that applies to it:
- Table 100.1 for switchgear, panelboards, busway, breakers, ATS, UPS and PDU, by the
  equipment's rating; a rating between two rows takes the next higher row (480 V → 600 V).
- Cables: the Table 100.1 values are representative only (note 6). Below the manufacturer's
  minimum printed in the report is a failure; below the Table 100.1 value with no manufacturer's
  figure goes to review ("compare with the cable manufacturer's data").
- Transformers, Table 100.5, by the coil rating of the winding under test: H–G readings by the
  high-voltage winding, X–G by the low-voltage one, winding-to-winding (H–X) by the higher.
  A point that names no winding is judged at the highest winding (said in the evidence). When
  the report does not say dry-type or liquid-filled, a reading below the liquid-filled value
  fails and one between the liquid-filled and the dry-type value goes to review: never a guess.
- Generators and motors, Table 100.11: windings below 1 kV 5 MΩ, 1 kV and above 100 MΩ, kV + 1
  when the report says the winding was built before 1970 or is a field winding.

Over-range readings (`>2,200 MΩ`, `∞`) pass when what they show, corrected, reaches the
minimum; those that do not are left to IR-004. Without an apparatus or ambient temperature,
or at one outside the correction table (DATA-014), the reading is compared as measured.

## Why it matters
Insulation below the acceptance minimum is likely to break down when energized: moisture,
contamination or damage in the insulation system leads to ground faults and arc flash.

## Thresholds
An owner profile can change each of these by key:
- `ir.table_100_1`, `ir.table_100_5`, `ir.table_100_11` — the minimums by rating (MΩ)
- `ir.temperature_correction`, `ir.machine_temperature_correction` — correction factors
- `ir.below_minimum` — severity below the minimum
- `ir.insulation_type_unknown` — severity between the liquid-filled and dry-type minimums when
  the transformer's insulation is not stated
- `ir.cable_below_representative` — severity of a cable below the Table 100.1 value
- `ir.cable_below_manufacturer_minimum` — severity of a cable below its manufacturer's minimum

## Remediation
Do not energize. Find the cause (moisture, contamination, damaged insulation, a connected
device), dry out, clean or repair, and retest at the specified test voltage. For a cable below
the representative value, compare with the manufacturer's data for its length and insulation.

## References
- ANSI/NETA ATS-2025 Tables 100.1 (note 6 for cables), 100.5, 100.11
- ANSI/NETA ATS-2025 Tables 100.14.1, 100.14.2 (temperature correction)
- IEEE Std 43-2013 (rotating machinery)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from core.analysis.derived import IrReading
from core.analysis.rules.base import Result, RuleContext, evidence, make_rule, megohms
from core.analysis.rules.ir._common import (
    basis_details,
    basis_label,
    correction_note,
    judged_value,
)
from core.standards import Condition

THRESHOLDS = (
    "ir.table_100_1",
    "ir.table_100_5",
    "ir.table_100_11",
    "ir.temperature_correction",
    "ir.machine_temperature_correction",
    "ir.below_minimum",
    "ir.insulation_type_unknown",
    "ir.cable_below_representative",
    "ir.cable_below_manufacturer_minimum",
)
REMEDIATION = (
    "Do not energize: find and correct the cause of the low insulation resistance "
    "(moisture, contamination, damage), then retest."
)


@dataclass(frozen=True)
class _Failure:
    condition: Condition
    limit: float
    why: str
    clause: str


def _failure(ctx: RuleContext, reading: IrReading, value: float) -> _Failure | None:
    """The first limit the value fails, or None when it passes."""
    basis = reading.basis
    minimum = basis.min_resistance_mohm
    if basis.representative:
        if reading.manufacturer_min_mohm is not None:
            if value >= reading.manufacturer_min_mohm:
                return None
            condition = ctx.condition("ir.cable_below_manufacturer_minimum")
            why = "the cable manufacturer's minimum"
            return _Failure(condition, reading.manufacturer_min_mohm, why, condition.clause)
        if minimum is None or value >= minimum:
            return None
        condition = ctx.condition("ir.cable_below_representative")
        why = (
            f"NETA's representative value, {basis_label(basis)}; compare with the cable "
            "manufacturer's data"
        )
        return _Failure(condition, minimum, why, condition.clause)
    review = basis.review_below_mohm
    if minimum is not None and value < minimum:
        condition = ctx.condition("ir.below_minimum")
        why = basis_label(basis)
        if review is not None:
            why += "; insulation type not stated, and below even the liquid-filled minimum"
        return _Failure(condition, minimum, why, basis.clause)
    if review is not None and value < review:
        condition = ctx.condition("ir.insulation_type_unknown")
        why = (
            f"{basis_label(basis)}; insulation type not stated: below the dry-type minimum, "
            f"at or above the {megohms(minimum or 0)} liquid-filled one"
        )
        return _Failure(condition, review, why, condition.clause)
    return None


def _applied_minimum(reading: IrReading) -> float | None:
    """The minimum a passing reading met: the manufacturer's or NETA's for a cable, else the
    dry-type minimum when the insulation type was unknown, else the table's."""
    basis = reading.basis
    if basis.representative and reading.manufacturer_min_mohm is not None:
        return float(reading.manufacturer_min_mohm)
    if not basis.representative and basis.review_below_mohm is not None:
        return float(basis.review_below_mohm)
    return basis.min_resistance_mohm


def check(ctx: RuleContext) -> Iterator[Result]:
    for reading in ctx.derived.primary_ir():
        basis = reading.basis
        if basis.min_resistance_mohm is None and reading.manufacturer_min_mohm is None:
            continue  # no threshold without a rating: DATA-004 reports it
        value = judged_value(reading)
        if value is None:
            yield ctx.passed(reading.point)  # ∞ / OL: beyond any range
            continue
        failure = _failure(ctx, reading, value)
        if failure is None:
            met = _applied_minimum(reading)
            yield ctx.passed(
                reading.point,
                index=reading.index,
                against=evidence(
                    observed=reading.measured_mohm,
                    unit="MΩ",
                    corrected=reading.corrected_mohm,
                    limit=met,
                    comparator=">=",
                    clause=basis.clause,
                ),
            )
            continue
        if reading.censored:
            continue  # shows less than the minimum but is at least that: IR-004
        measurement = ctx.extraction.measurements[reading.index]
        note = correction_note(reading, ctx.derived.ir_temperature_c)
        yield from ctx.fail(
            reading.point,
            severity=failure.condition.severity,
            message=f"{reading.point}: {megohms(value)}{note} is below the "
            f"{megohms(failure.limit)} minimum ({failure.why})",
            evidence=evidence(
                observed=reading.measured_mohm,
                unit="MΩ",
                corrected=reading.corrected_mohm,
                limit=failure.limit,
                comparator=">=",
                clause=failure.clause,
                measurement=measurement,
                details=basis_details(basis, reading),
            ),
            remediation=REMEDIATION,
            index=reading.index,
        )


RULE = make_rule(
    id="IR-001",
    name="insulation-resistance-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
