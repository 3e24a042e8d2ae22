"""IR-002 insulation-test-voltage-below-minimum: a reading taken below the table's test voltage.

## What it checks
For each test point that states its DC test voltage, that the voltage reaches the minimum test
voltage of the table row for the equipment's rating (Table 100.1, 100.5 or 100.11, next higher
row for ratings between rows).

## Why it matters
A megohmmeter reading at too low a voltage does not stress the insulation as the acceptance
test intends: weaknesses that show at the proper voltage stay hidden, and the reading is not
comparable with the table minimum.

## Thresholds
- `ir.table_100_1`, `ir.table_100_5`, `ir.table_100_11` — minimum DC test voltage by rating (V)
- `ir.test_voltage_below_minimum` — the severity raised (default MAJOR)

## Remediation
Retest at no less than the table's minimum DC test voltage for the equipment's rating (and
within the manufacturer's limits).

## References
- ANSI/NETA ATS-2025 Tables 100.1, 100.5, 100.11 (minimum DC test voltage)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, make_rule
from core.analysis.rules.ir._common import basis_details, basis_label

THRESHOLDS = (
    "ir.table_100_1",
    "ir.table_100_5",
    "ir.table_100_11",
    "ir.test_voltage_below_minimum",
)


def check(ctx: RuleContext) -> Iterator[Result]:
    basis = ctx.derived.ir_basis
    if basis is None or basis.min_test_voltage_v is None:
        return
    condition = ctx.condition("ir.test_voltage_below_minimum")
    minimum = basis.min_test_voltage_v
    for reading in ctx.derived.primary_ir():
        if reading.test_voltage_v is None:
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
