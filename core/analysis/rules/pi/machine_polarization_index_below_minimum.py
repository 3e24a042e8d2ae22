"""PI-002 machine-polarization-index-below-minimum: a motor or generator winding's PI too low.

## What it checks
For motors and engine generators, the polarization index of each point (R10min / R1min, or the
printed PI) against the acceptance criterion of the machine's clause — motors (7.15) and engine
generators (7.22.1) alike require 2.0. These are "shall" criteria, so a PI below them fails.
A PI from an over-range reading is not judged, nor one whose 1-minute reading is above the
IEEE Std 43 limit (the exemption is for rotating machines only: very high resistance makes the
ratio meaningless there).

## Why it matters
Rotating-machine windings with a low PI are wet, dirty or aged: they may fail on start-up or
during a high-potential test, and the damage to a stator is costly.

## Thresholds
An owner profile can change each of these by key (an owner with class A insulation may set the
IEEE Std 43 value 1.5):
- `pi.motor_min` — motors: minimum PI and its severity
- `pi.generator_min` — engine generators: minimum PI and its severity
- `pi.machine_max_one_minute` — above this 1-minute reading PI is not judged

## Remediation
Do not start the machine: clean and dry the winding (space heaters, low-voltage drying current)
and repeat the timed test.

## References
- ANSI/NETA ATS-2025 7.15 (motors), 7.22.1 (engine generators)
- IEEE Std 43-2013 (PI not judged above 5,000 MΩ at one minute; class A machines)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules._ratio_check import equipment_class, grade
from core.analysis.rules.base import Result, RuleContext, make_rule
from core.enums import EquipmentType

THRESHOLDS = ("pi.motor_min", "pi.generator_min", "pi.machine_max_one_minute")


def check(ctx: RuleContext) -> Iterator[Result]:
    if equipment_class(ctx) != "machine":
        return
    motor = ctx.extraction.equipment.type == EquipmentType.MOTOR
    yield from grade(
        ctx,
        ctx.derived.pi,
        [ctx.limit("pi.motor_min" if motor else "pi.generator_min")],
        label="PI",
        remediation="Do not start the machine: clean and dry the winding, then repeat the "
        "timed insulation test.",
    )


RULE = make_rule(
    id="PI-002",
    name="machine-polarization-index-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
