"""GND-002 single-electrode-resistance-above-limit: a single electrode above the NEC limit.

## What it checks
When the report covers a single rod, pipe or plate electrode (not a grounding system), its
resistance to earth against the NEC limit (25 Ω, 250.53(A)(2)) above which a supplemental
electrode is required.
The 62 % reading is judged when fall-of-potential readings at several probe positions are
given; a single reading is judged as printed, with or without its probe position.

## Why it matters
A single electrode above the limit does not meet the NEC on its own; without the supplemental
electrode the installation is not code-compliant.

## Thresholds
An owner profile can change each of these by key:
- `gnd.single_electrode_max` — the largest resistance that passes, and its severity
- `gnd.fall_of_potential` — which position of a series is judged, and the position tolerance

## Remediation
Install a supplemental electrode (at least 6 ft / 1.8 m away, bonded) or show by measurement
that the electrode meets the limit.

## References
- NFPA 70 (NEC) 250.53(A)(2)
- IEEE Std 81-2012 (fall-of-potential method)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.gnd._common import judge_ground

THRESHOLDS = ("gnd.single_electrode_max", "gnd.fall_of_potential")


def check(ctx: RuleContext) -> Iterator[Result]:
    if not ctx.extraction.equipment.single_electrode:
        return
    yield from judge_ground(
        ctx,
        ctx.limit("gnd.single_electrode_max"),
        what="a single electrode",
        remediation="Install a bonded supplemental electrode, then remeasure.",
    )


RULE = make_rule(
    id="GND-002",
    name="single-electrode-resistance-above-limit",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
