"""PI-002 machine-polarization-index-below-minimum: a generator or motor winding's PI too low.

## What it checks
For generators and motors, the polarization index of each point (R10min / R1min, or the printed
PI) against two limits: below the absolute minimum (1.0) is CRITICAL, below the recommended
minimum (2.0; an owner with class A insulation may set 1.5 in a profile) is MAJOR. A PI from an
over-range reading, or with a 1-minute reading above the IEEE 43 limit, is not judged.

## Why it matters
Rotating-machine windings with a low PI are wet, dirty or aged: they may fail on start-up or
during a high-potential test, and the damage to a stator is costly.

## Thresholds
- `pi.machine_min` — absolute minimum (default ≥ 1.0, CRITICAL)
- `pi.machine_recommended` — recommended minimum (default ≥ 2.0, MAJOR)

## Remediation
Clean and dry the winding (heaters, low-voltage drying current) and repeat the timed test; below
1.0 do not start the machine.

## References
- ANSI/NETA ATS-2025 7.15 (motors), 7.22.1 (engine generators)
- IEEE Std 43-2013 (class A machines, PI above 5,000 MΩ)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules._ratio_check import equipment_class, grade
from core.analysis.rules.base import Result, RuleContext, make_rule

THRESHOLDS = ("pi.machine_min", "pi.machine_recommended")


def check(ctx: RuleContext) -> Iterator[Result]:
    if equipment_class(ctx) != "machine":
        return
    yield from grade(
        ctx,
        ctx.derived.pi,
        [ctx.limit("pi.machine_min"), ctx.limit("pi.machine_recommended")],
        label="PI",
        remediation="Clean and dry the winding, then repeat the timed insulation test.",
    )


RULE = make_rule(
    id="PI-002",
    name="machine-polarization-index-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
