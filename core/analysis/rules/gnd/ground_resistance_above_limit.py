"""GND-001 ground-resistance-above-limit: grounding system resistance above the limit.

## What it checks
The resistance of the grounding electrode system to remote earth against the system limit
(5 Ω for large commercial and industrial systems unless the owner specifies otherwise; a
data-center owner profile may set 1 Ω). When fall-of-potential readings at several probe
positions are given, the reading at about 62 % of the current-probe distance is the one judged
(GND-003 checks the plateau around it); a single reading is judged as printed, with or without
its probe position, so documenting the position never makes a report fare worse. An over-range
or open (`OL`) reading fails. Reports of a single rod, pipe or plate electrode are judged by
GND-002 instead.

## Why it matters
A high-resistance ground raises touch and step voltages during a fault, slows protective
devices and lets transients damage sensitive equipment.

## Thresholds
An owner profile can change each of these by key:
- `gnd.system_max` — the largest system resistance that passes, and its severity
- `gnd.fall_of_potential` — which position of a series is judged, and the position tolerance

## Remediation
Improve the grounding system (additional electrodes, deeper rods, ground enhancement material,
bonding to other electrodes) and remeasure by fall-of-potential.

## References
- ANSI/NETA ATS-2025 7.13 D.2
- IEEE Std 142-2007 (recommended values), IEEE Std 81-2012 (fall-of-potential method)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.gnd._common import judge_ground

THRESHOLDS = ("gnd.system_max", "gnd.fall_of_potential")


def check(ctx: RuleContext) -> Iterator[Result]:
    if ctx.extraction.equipment.single_electrode:
        return  # one electrode, not a system: GND-002
    yield from judge_ground(
        ctx,
        ctx.limit("gnd.system_max"),
        what="a grounding system",
        remediation=(
            "Improve the grounding system (more or deeper electrodes, ground enhancement, "
            "bonding) and remeasure by fall-of-potential."
        ),
    )


RULE = make_rule(
    id="GND-001",
    name="ground-resistance-above-limit",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
