"""THM-002 thermal-anomaly-over-ambient: a hot spot far above ambient, no similar reference.

## What it checks
Only for components the report gives no similar reference for (a loaded conductor is normally
warmer than the air, so ambient bands alone would flag healthy equipment): the ΔT over ambient
air — from the hot spot and the ambient temperature, or the printed ΔT — against the ambient
bands of Table 100.18, half-open: [1, 11) °C MINOR, [11, 40] °C MAJOR (repair as time permits,
then monitor continuously from 21 °C), above 40 °C CRITICAL. A component that serves as the
reference for another is not judged against ambient. A printed ΔT that names no reference is
taken as over ambient.

## Why it matters
Without a similar component the rise over ambient is the only sign of an overheating
connection; large rises mean damage is under way.

## Thresholds
- `thm.ambient` — Table 100.18 bands over ambient air, with severity and action

## Remediation
Act as the band says, and where possible rescan with a similar component as reference to judge
the rise more precisely.

## References
- ANSI/NETA ATS-2025 Table 100.18 (thermographic survey, temperature rise over ambient)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.thm._common import judge_delta

THRESHOLDS = ("thm.ambient",)


def check(ctx: RuleContext) -> Iterator[Result]:
    table = ctx.bands("thm.ambient")
    for item in ctx.derived.thermal:
        if item.similar_delta_c is not None or item.is_reference or item.ambient_delta_c is None:
            continue
        yield from judge_delta(ctx, item, item.ambient_delta_c, table, over="ambient air")


RULE = make_rule(
    id="THM-002",
    name="thermal-anomaly-over-ambient",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
