"""DAR-003 apparatus-dielectric-absorption-ratio-below-minimum: DAR of other apparatus too low.

## What it checks
For equipment other than transformers and rotating machines, the dielectric absorption ratio
of each point against the commonly cited guidance: below 1.0 is bad (MAJOR), 1.0 up to 1.25
questionable (MINOR). Not judged from over-range readings.

## Why it matters
A low DAR on switchgear or cable insulation points to moisture or contamination.

## Thresholds
- `dar.apparatus_min` — bad below (default ≥ 1.0 passes, MAJOR)
- `dar.apparatus_recommended` — questionable below (default ≥ 1.25 passes, MINOR)

## Remediation
Clean and dry the insulation, check for moisture ingress, and repeat the timed test.

## References
- Megger, *A Stitch in Time* (DAR guidance)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules._ratio_check import equipment_class, grade
from core.analysis.rules.base import Result, RuleContext, make_rule

THRESHOLDS = ("dar.apparatus_min", "dar.apparatus_recommended")


def check(ctx: RuleContext) -> Iterator[Result]:
    if equipment_class(ctx) != "apparatus":
        return
    yield from grade(
        ctx,
        ctx.derived.dar,
        [ctx.limit("dar.apparatus_min"), ctx.limit("dar.apparatus_recommended")],
        label="DAR",
        remediation="Clean and dry the insulation, look for moisture ingress, and retest.",
    )


RULE = make_rule(
    id="DAR-003",
    name="apparatus-dielectric-absorption-ratio-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
