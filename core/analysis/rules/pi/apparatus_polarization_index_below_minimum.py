"""PI-003 apparatus-polarization-index-below-minimum: PI of other apparatus bad or questionable.

## What it checks
For equipment other than transformers and rotating machines (switchgear, cables, busway …),
the polarization index of each point against the commonly cited guidance: below 1.0 is bad
(MAJOR), 1.0 up to 2.0 questionable (MINOR). Not judged from over-range readings or with a
1-minute reading above the IEEE 43 limit.

## Why it matters
A low PI on switchgear or cable insulation points to moisture or surface contamination that
the one-minute reading alone may not reveal.

## Thresholds
- `pi.apparatus_min` — bad below (default ≥ 1.0 passes, MAJOR)
- `pi.apparatus_recommended` — questionable below (default ≥ 2.0 passes, MINOR)

## Remediation
Clean and dry the insulation, check for moisture ingress, and repeat the timed test.

## References
- Megger, *A Stitch in Time* (PI guidance)
- IEEE Std 43-2013
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules._ratio_check import equipment_class, grade
from core.analysis.rules.base import Result, RuleContext, make_rule

THRESHOLDS = ("pi.apparatus_min", "pi.apparatus_recommended")


def check(ctx: RuleContext) -> Iterator[Result]:
    if equipment_class(ctx) != "apparatus":
        return
    yield from grade(
        ctx,
        ctx.derived.pi,
        [ctx.limit("pi.apparatus_min"), ctx.limit("pi.apparatus_recommended")],
        label="PI",
        remediation="Clean and dry the insulation, look for moisture ingress, and retest.",
    )


RULE = make_rule(
    id="PI-003",
    name="apparatus-polarization-index-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
