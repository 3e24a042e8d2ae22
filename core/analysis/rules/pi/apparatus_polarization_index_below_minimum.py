"""PI-003 apparatus-polarization-index-below-minimum: PI of other apparatus bad or questionable.

## What it checks
For equipment other than transformers and rotating machines (switchgear, cables, busway …),
the polarization index of each point against the commonly cited guidance: below 1.0 is bad
(MAJOR), 1.0 up to 2.0 questionable (MINOR). Not judged from over-range readings. (The
IEEE Std 43 exemption for very high 1-minute readings is for rotating machines only.)

## Why it matters
A low PI on switchgear or cable insulation points to moisture or surface contamination that
the one-minute reading alone may not reveal.

## Thresholds
An owner profile can change each of these by key:
- `pi.apparatus_min` — "bad" below it, and its severity
- `pi.apparatus_recommended` — "questionable" below it, and its severity

## Remediation
Clean and dry the insulation, check for moisture ingress, and repeat the timed test.

## References
- Megger, *A Stitch in Time* (PI guidance; no ATS-2025 criterion for this apparatus)
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
