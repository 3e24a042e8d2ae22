"""IR-001 insulation-resistance-below-minimum: a corrected reading below the table minimum.

## What it checks
For each test point, the judged insulation-resistance reading (the 1-minute one when the report
gives several), corrected to the table's reference temperature, against the minimum for the
equipment's voltage rating: Table 100.1 for switchgear, panelboards, cables, busway, breakers,
ATS, UPS and PDU; Table 100.5 for transformers (dry-type or liquid-filled column); Table 100.11
for generators and motors. Equipment rated between two rows uses the next higher row
(480 V → 600 V; 4,160 V → 5,000 V; 13.8 kV → 15,000 V). Over-range readings (`>2,200 MΩ`,
`∞`) pass when what they show, corrected, reaches the minimum; those that do not are left to
IR-004. Without an apparatus or ambient temperature the reading is compared as measured.

## Why it matters
Insulation below the acceptance minimum is likely to break down when energized: moisture,
contamination or damage in the insulation system leads to ground faults and arc flash.

## Thresholds
- `ir.table_100_1`, `ir.table_100_5`, `ir.table_100_11` — minimum resistance by rating (MΩ)
- `ir.temperature_correction`, `ir.machine_temperature_correction` — correction factors
- `ir.below_minimum` — the severity raised (default CRITICAL)

## Remediation
Do not energize. Find the cause (moisture, contamination, damaged insulation, a connected
device), dry out, clean or repair, and retest at the specified test voltage.

## References
- ANSI/NETA ATS-2025 Tables 100.1, 100.5, 100.11 (minimum insulation resistance)
- ANSI/NETA ATS-2025 Tables 100.14.1, 100.14.2 (temperature correction)
- IEEE Std 43-2013 (rotating machinery)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, make_rule, megohms
from core.analysis.rules.ir._common import (
    basis_details,
    basis_label,
    correction_note,
    judged_value,
)

THRESHOLDS = (
    "ir.table_100_1",
    "ir.table_100_5",
    "ir.table_100_11",
    "ir.temperature_correction",
    "ir.machine_temperature_correction",
    "ir.below_minimum",
)


def check(ctx: RuleContext) -> Iterator[Result]:
    basis = ctx.derived.ir_basis
    if basis is None or basis.min_resistance_mohm is None:
        return  # no threshold without a rating: DATA-004 reports it
    condition = ctx.condition("ir.below_minimum")
    minimum = basis.min_resistance_mohm
    for reading in ctx.derived.primary_ir():
        value = judged_value(reading)
        if value is None or value >= minimum:
            yield ctx.passed(reading.point)
            continue
        if reading.censored:
            continue  # shows less than the minimum but is at least that: IR-004
        measurement = ctx.extraction.measurements[reading.index]
        note = correction_note(reading, basis, ctx.derived.ir_temperature_c)
        yield from ctx.fail(
            reading.point,
            severity=condition.severity,
            message=(
                f"{reading.point}: {megohms(value)}{note} is below the "
                f"{megohms(minimum)} minimum ({basis_label(basis)})"
            ),
            evidence=evidence(
                observed=reading.measured_mohm,
                unit="MΩ",
                corrected=reading.corrected_mohm,
                limit=minimum,
                comparator=">=",
                clause=basis.clause,
                measurement=measurement,
                details=basis_details(basis, reading),
            ),
            remediation=(
                "Do not energize: find and correct the cause of the low insulation resistance "
                "(moisture, contamination, damage), then retest."
            ),
        )


RULE = make_rule(
    id="IR-001",
    name="insulation-resistance-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
