"""DAR-002 machine-dielectric-absorption-ratio-below-minimum: a motor or generator DAR too low.

## What it checks
For motors and engine generators, the dielectric absorption ratio of each point (R60s / R30s,
or the printed DAR) against the acceptance criterion of the machine's clause: motors 1.4 or
more (7.15), engine generators above 1.0 (7.22.1). These are "shall" criteria, so a DAR below
them fails. Not judged from over-range readings.

## Why it matters
A low DAR on a machine winding is an early sign of moisture and contamination, found in
30 seconds of the test, before the winding is started.

## Thresholds
An owner profile can change each of these by key:
- `dar.motor_min` — motors: minimum DAR and its severity
- `dar.generator_min` — engine generators: minimum DAR (a strict comparison) and its severity

## Remediation
Do not start the machine: clean and dry the winding and repeat the timed test.

## References
- ANSI/NETA ATS-2025 7.15 (motors), 7.22.1 (engine generators)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules._ratio_check import equipment_class, grade
from core.analysis.rules.base import Result, RuleContext, make_rule
from core.enums import EquipmentType

THRESHOLDS = ("dar.motor_min", "dar.generator_min")


def check(ctx: RuleContext) -> Iterator[Result]:
    if equipment_class(ctx) != "machine":
        return
    motor = ctx.extraction.equipment.type == EquipmentType.MOTOR
    yield from grade(
        ctx,
        ctx.derived.dar,
        [ctx.limit("dar.motor_min" if motor else "dar.generator_min")],
        label="DAR",
        remediation="Do not start the machine: clean and dry the winding, then repeat the "
        "timed insulation test.",
    )


RULE = make_rule(
    id="DAR-002",
    name="machine-dielectric-absorption-ratio-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
