"""HIST-002 contact-resistance-risen-since-baseline: a pole or joint well above its baseline.

## What it checks
For each pole or joint's contact resistance (fuses aside), the rise since the asset's baseline —
the first accepted (APPROVED) earlier reading of the same pole: (R − R_baseline) / R_baseline.
It runs only when the services pass the asset's history (earlier analyses of the same tag and
site, tested before this report); without one, or without a baseline for the pole, nothing is
checked. An over-range reading now makes the rise a lower bound (judged when it already fails).

## Why it matters
CR-001 compares the poles of one test with each other: when all three wear alike, they stay
within 50 % of each other while each has doubled. The baseline of the same pole shows it:
contacts that erode, pit or lose spring pressure rise test after test, and heat under load.

## Thresholds
An owner profile can change each of these by key:
- `hist.cr_rise` — the bands of the rise since the baseline, in %, and their severities
  (more than a quarter: MINOR; more than half: MAJOR)

## Remediation
Investigate the pole or joint: clean and re-torque connections, inspect the contacts and the
operating mechanism, repair or replace, then retest every pole.

## References
- ANSI/NETA MTS-2023 7.6.1.1 (compare with previous results and similar units)
- ANSI/NETA ATS-2025 7.6.1.1.1 D.2 (investigate deviations)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule, micro_ohms
from core.analysis.rules.hist._common import Trend, judge_trend
from core.schemas import TrendQuantity

THRESHOLDS = ("hist.cr_rise",)
TREND = Trend(
    quantity=TrendQuantity.CONTACT_RESISTANCE,
    key="hist.cr_rise",
    direction="rise",
    relative=True,
    show=micro_ohms,
    what="contact resistance",
    remediation=(
        "Investigate the pole or joint: clean and re-torque, inspect the contacts and the "
        "mechanism, repair or replace, then retest every pole."
    ),
)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from judge_trend(ctx, TREND)


RULE = make_rule(
    id="HIST-002",
    name="contact-resistance-risen-since-baseline",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
