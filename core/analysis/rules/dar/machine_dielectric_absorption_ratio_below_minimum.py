"""DAR-002 machine-dielectric-absorption-ratio-below-minimum: a generator or motor DAR too low.

## What it checks
For generators and motors, the dielectric absorption ratio of each point (R60s / R30s, or the
printed DAR): below 1.0 is CRITICAL; a motor below 1.4, or an engine generator not above 1.0,
is MAJOR. Not judged from over-range readings.

## Why it matters
A low DAR on a machine winding is an early sign of moisture and contamination, found in
30 seconds of the test, before the winding is started.

## Thresholds
- `dar.machine_min` — absolute minimum (default ≥ 1.0, CRITICAL)
- `dar.motor_recommended` — motors (default ≥ 1.4, MAJOR)
- `dar.generator_recommended` — engine generators (default > 1.0, MAJOR)

## Remediation
Clean and dry the winding and repeat the timed test before starting the machine.

## References
- ANSI/NETA ATS-2025 7.15 (motors), 7.22.1 (engine generators)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules._ratio_check import equipment_class, grade
from core.analysis.rules.base import Result, RuleContext, make_rule
from core.enums import EquipmentType

THRESHOLDS = ("dar.machine_min", "dar.motor_recommended", "dar.generator_recommended")


def check(ctx: RuleContext) -> Iterator[Result]:
    if equipment_class(ctx) != "machine":
        return
    motor = ctx.extraction.equipment.type == EquipmentType.MOTOR
    recommended = "dar.motor_recommended" if motor else "dar.generator_recommended"
    yield from grade(
        ctx,
        ctx.derived.dar,
        [ctx.limit("dar.machine_min"), ctx.limit(recommended)],
        label="DAR",
        remediation="Clean and dry the winding, then repeat the timed insulation test.",
    )


RULE = make_rule(
    id="DAR-002",
    name="machine-dielectric-absorption-ratio-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
