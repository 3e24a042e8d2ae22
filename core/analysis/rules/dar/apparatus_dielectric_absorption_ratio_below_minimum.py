"""DAR-003 apparatus-dielectric-absorption-ratio-below-minimum: DAR of other apparatus too low.

## What it checks
For equipment other than transformers and rotating machines, the dielectric absorption ratio
of each point against the commonly cited guidance: below 1.0 is bad, 1.0 up to 1.25
questionable. Not judged from over-range readings.

## Why it matters
A low DAR on switchgear or cable insulation points to moisture or contamination.

## Thresholds
An owner profile can change each of these by key:
- `dar.apparatus_min` — "bad" below it, and its severity
- `dar.apparatus_recommended` — "questionable" below it, and its severity

## Remediation
Clean and dry the insulation, check for moisture ingress, and repeat the timed test.

## References
- Megger, *A Stitch in Time* (DAR guidance; no ATS-2025 criterion for this apparatus)
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
