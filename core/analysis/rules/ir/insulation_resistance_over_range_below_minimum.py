"""IR-004 insulation-resistance-over-range-below-minimum: an over-range reading left unjudged.

## What it checks
For each over-range (censored) reading such as `>2,200 MΩ`, whether the number shown,
corrected to the reference temperature, reaches the minimum that applies to it (IR-001's row;
for a transformer of unstated insulation the dry-type value, for a cable the manufacturer's
minimum when printed). When it does, the reading
passes (the true value is at least that). When it does not, the reading can be neither passed
nor failed: the instrument's range was below the minimum. `∞`/`OL` readings without a number
are beyond any range and pass.

## Why it matters
An over-range reading below the minimum says only that the resistance is above what the
instrument could show on that range; accepting it would approve insulation nobody measured,
rejecting it would fail insulation that may be sound. Either way a person must decide, so the
verdict is at least REVIEW.

## Thresholds
An owner profile can change each of these by key:
- `ir.table_100_1`, `ir.table_100_5`, `ir.table_100_11` — minimum resistance by rating
- `ir.temperature_correction`, `ir.machine_temperature_correction` — correction factors
- `ir.over_range_below_minimum` — the severity raised (MAJOR; never make it CRITICAL: the
  reading is not known to be low)

## Remediation
Retest on a higher range (or with an instrument whose range reaches the minimum) and record the
actual value.

## References
- ANSI/NETA ATS-2025 Tables 100.1, 100.5, 100.11, 100.14.1
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
from core.analysis.scoring import UNJUDGED

THRESHOLDS = (
    "ir.table_100_1",
    "ir.table_100_5",
    "ir.table_100_11",
    "ir.temperature_correction",
    "ir.machine_temperature_correction",
    "ir.over_range_below_minimum",
)


def check(ctx: RuleContext) -> Iterator[Result]:
    condition = ctx.condition("ir.over_range_below_minimum")
    for reading in ctx.derived.primary_ir():
        basis = reading.basis
        minimum = reading.manufacturer_min_mohm or basis.strictest_mohm
        if not reading.censored or minimum is None:
            continue
        value = judged_value(reading)
        if value is None or value >= minimum:
            yield ctx.passed(reading.point)
            continue
        note = correction_note(reading, ctx.derived.ir_temperature_c)
        yield from ctx.fail(
            reading.point,
            severity=condition.severity,
            message=(
                f"{reading.point}: over-range reading >{megohms(value)}{note} cannot be judged "
                f"against the {megohms(minimum)} minimum ({basis_label(basis)})"
            ),
            evidence=evidence(
                observed=reading.measured_mohm,
                unit="MΩ",
                corrected=reading.corrected_mohm,
                limit=minimum,
                comparator=">=",
                clause=basis.clause,
                measurement=ctx.extraction.measurements[reading.index],
                censored=">",
                details={UNJUDGED: True, **basis_details(basis, reading)},
            ),
            remediation="Retest on a higher range and record the actual value.",
        )


RULE = make_rule(
    id="IR-004",
    name="insulation-resistance-over-range-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
