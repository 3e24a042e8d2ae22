"""HIST-001 insulation-resistance-fallen-since-baseline: insulation resistance below its baseline.

## What it checks
For each point's judged insulation-resistance reading (the 1-minute one), the fall since the
asset's baseline — the first accepted (APPROVED) earlier reading of the same point:
(R_baseline − R) / R_baseline. Both readings are compared at 20 °C when the engine corrects
both (Table 100.14.1), otherwise as measured. It runs only when the services pass the asset's
history (earlier analyses of the same tag and site, tested before this report); without one,
or without a baseline for the point, nothing is checked. An over-range baseline makes the fall
a lower bound (judged when it already fails); an over-range reading now is judged when it
already passes.

## Why it matters
A reading can still clear the Table 100.1 minimum while the insulation is ageing fast:
moisture, contamination or a damaged cable show as a steady fall between tests long before the
minimum is reached. Trending against the baseline is how maintenance testing catches it.

## Thresholds
An owner profile can change each of these by key:
- `hist.ir_decline` — the bands of the fall since the baseline, in %, and their severities
  (more than a quarter: MINOR; more than half: MAJOR)

## Remediation
Find out why the insulation weakened: inspect for moisture, contamination and damage, dry and
clean, compare with the readings of similar equipment, and retest; plan repair or replacement
when the fall continues.

## References
- ANSI/NETA ATS-2025 Table 100.1 note 4 (compare with previous results)
- ANSI/NETA MTS-2023 (maintenance testing: trend results against the baseline)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule, megohms, to_megohms
from core.analysis.rules.hist._common import Trend, judge_trend
from core.schemas import TrendQuantity

THRESHOLDS = ("hist.ir_decline",)
TREND = Trend(
    quantity=TrendQuantity.INSULATION_RESISTANCE,
    key="hist.ir_decline",
    direction="fall",
    relative=True,
    show=lambda ohm: megohms(to_megohms(ohm)),
    what="insulation resistance",
    remediation=(
        "Find out why the insulation weakened: inspect for moisture, contamination and damage, "
        "dry and clean, then retest; plan repair if the fall continues."
    ),
)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from judge_trend(ctx, TREND)


RULE = make_rule(
    id="HIST-001",
    name="insulation-resistance-fallen-since-baseline",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
