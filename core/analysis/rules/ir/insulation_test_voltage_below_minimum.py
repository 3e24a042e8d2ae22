"""IR-002 insulation-test-voltage-below-minimum: a reading taken below the table's test voltage.

## What it checks
For each test point that states its DC test voltage, that the voltage reaches the minimum test
voltage of the row that applies to it: Table 100.1 by the equipment's rating (next higher row
between rows); low-voltage cable by 7.3.2 B.1 (500 V for 300 V cable, 1,000 V for 600 V cable);
transformers by Table 100.5 for the winding under test (a 13.8 kV–480 V unit: 5,000 V on H,
1,000 V on X, the higher winding's for H–X); machines by Table 100.11.

## Why it matters
A megohmmeter reading at too low a voltage does not stress the insulation as the acceptance
test intends: weaknesses that show at the proper voltage stay hidden, and the reading is not
comparable with the table minimum.

## Thresholds
An owner profile can change each of these by key:
- `ir.table_100_1`, `ir.table_100_5`, `ir.table_100_11` — minimum DC test voltage by rating
- `ir.cable_test_voltage` — low-voltage cable test voltages
- `ir.test_voltage_below_minimum` — the severity raised

## Remediation
Retest at no less than the table's minimum DC test voltage for the equipment's rating (and
within the manufacturer's limits).

## References
- ANSI/NETA ATS-2025 Tables 100.1, 100.5, 100.11 (minimum DC test voltage)
- ANSI/NETA ATS-2025 7.3.2 B.1 (low-voltage cable), 7.3.3 B.1 (medium-voltage cable)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, make_rule
from core.analysis.rules.ir._common import basis_details, basis_label

THRESHOLDS = (
    "ir.table_100_1",
    "ir.table_100_5",
    "ir.table_100_11",
    "ir.cable_test_voltage",
    "ir.test_voltage_below_minimum",
)


def check(ctx: RuleContext) -> Iterator[Result]:
    condition = ctx.condition("ir.test_voltage_below_minimum")
    for reading in ctx.derived.primary_ir():
        basis = reading.basis
        minimum = basis.min_test_voltage_v
        if reading.test_voltage_v is None or minimum is None:
            continue
        if reading.test_voltage_v >= minimum:
            yield ctx.passed(reading.point)
            continue
        yield from ctx.fail(
            reading.point,
            severity=condition.severity,
            message=(
                f"{reading.point}: tested at {fmt(reading.test_voltage_v)} V, below the "
                f"{fmt(minimum)} V minimum test voltage ({basis_label(basis)})"
            ),
            evidence=evidence(
                observed=reading.test_voltage_v,
                unit="V",
                limit=minimum,
                comparator=">=",
                clause=basis.clause,
                measurement=ctx.extraction.measurements[reading.index],
                details=basis_details(basis, reading),
            ),
            remediation=(
                "Retest at no less than the table's minimum DC test voltage for the "
                "equipment's rating."
            ),
        )


RULE = make_rule(
    id="IR-002",
    name="insulation-test-voltage-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
