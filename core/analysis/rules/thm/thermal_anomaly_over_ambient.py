"""THM-002 thermal-anomaly-over-ambient: a hot spot far above ambient, no similar reference.

## What it checks
Only for components the report compares with no similar component — neither given a reference
nor serving as one (those are THM-001's): the ΔT over ambient air, from the hot spot and the
ambient temperature or the printed ΔT, against every band of `thm.ambient`. Bands are half-open
so each decimal reading falls in exactly one; below the lowest band passes. A printed ΔT that
names no reference is taken as over ambient.

## Why it matters
Without a similar component the rise over ambient is the only sign of an overheating
connection; large rises mean damage is under way. With one, the lower ambient bands would flag
healthy loaded conductors, so they apply only here.

## Thresholds
- `thm.ambient` — the bands over ambient air, each with its severity and action (its top band
  also applies to components with a similar reference, in THM-001)

## Remediation
Act as the band says, and where possible rescan with a similar component as reference to judge
the rise more precisely.

## References
- ANSI/NETA ATS-2025 Table 100.18 (thermographic survey, temperature rise over ambient)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.thm._common import ambient, judge_point

THRESHOLDS = ("thm.ambient",)


def check(ctx: RuleContext) -> Iterator[Result]:
    table = ctx.bands("thm.ambient")
    for item in ctx.derived.thermal:
        if item.has_similar:
            continue  # THM-001
        yield from judge_point(ctx, item, [ambient(item, table, top_band_only=False)])


RULE = make_rule(
    id="THM-002",
    name="thermal-anomaly-over-ambient",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
