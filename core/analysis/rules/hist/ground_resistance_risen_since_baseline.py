"""HIST-003 ground-resistance-risen-since-baseline: grounding resistance well above its baseline.

## What it checks
For each judged grounding-resistance reading (the 62 % reading of a fall-of-potential test, or
the single reading), the rise since the asset's baseline — the first accepted (APPROVED) earlier
reading of the same electrode or point: (R − R_baseline) / R_baseline. It runs only when the
services pass the asset's history; without one, or without a baseline for the point, nothing is
checked.

## Why it matters
Soil moisture and temperature move a grounding resistance by tens of percent between seasons,
but a doubling points at corroded electrodes, a broken conductor or a loosened connection —
while the reading may still sit under the 5 Ω limit.

## Thresholds
An owner profile can change each of these by key:
- `hist.gnd_rise` — the bands of the rise since the baseline, in %, and their severities
  (more than a half: MINOR; more than doubled: MAJOR)

## Remediation
Retest in the same season and soil conditions as the baseline; if the rise holds, inspect the
electrodes, conductors and bonds, repair, and retest.

## References
- ANSI/NETA MTS-2023 7.13 (compare with previous results)
- IEEE Std 81 (fall-of-potential method; seasonal variation)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule, ohms
from core.analysis.rules.hist._common import Trend, judge_trend
from core.schemas import TrendQuantity

THRESHOLDS = ("hist.gnd_rise",)
TREND = Trend(
    quantity=TrendQuantity.GROUND_RESISTANCE,
    key="hist.gnd_rise",
    direction="rise",
    relative=True,
    show=ohms,
    what="ground resistance",
    remediation=(
        "Retest in the same season as the baseline; if the rise holds, inspect the electrodes, "
        "conductors and bonds, repair and retest."
    ),
)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from judge_trend(ctx, TREND)


RULE = make_rule(
    id="HIST-003",
    name="ground-resistance-risen-since-baseline",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
