"""HIST-005 hot-spot-rise-increased-since-baseline: a component's ΔT well above its baseline.

## What it checks
For each thermography hot spot, the increase of its ΔT since the asset's baseline — the first
accepted (APPROVED) earlier survey of the same component with the same reference (a similar
component, or ambient air): ΔT − ΔT_baseline, in °C. It runs only when the services pass the
asset's history; without one, or without a baseline for the component, nothing is checked.

## Why it matters
A connection that runs a few degrees warmer at every survey is degrading even while each survey
stays in a low band of Table 100.18. The increase against the baseline shows the trend early.

## Thresholds
An owner profile can change each of these by key:
- `hist.thm_rise` — the bands of the increase since the baseline, in °C, and their severities
  (more than 3 °C: MINOR; more than 10 °C: MAJOR)

## Remediation
Compare the loads of both surveys; if the component is hotter under similar load, inspect,
clean and re-torque the connection, and resurvey after the repair.

## References
- ANSI/NETA MTS-2023 Section 9 (thermographic survey: compare with previous surveys)
- ANSI/NETA ATS-2025 Table 100.18 (ΔT bands)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, degrees, make_rule
from core.analysis.rules.hist._common import Trend, judge_trend
from core.schemas import TrendQuantity

THRESHOLDS = ("hist.thm_rise",)
TREND = Trend(
    quantity=TrendQuantity.TEMPERATURE_RISE,
    key="hist.thm_rise",
    direction="rise",
    relative=False,
    show=degrees,
    what="ΔT",
    remediation=(
        "Compare the loads of both surveys; if the component is hotter under similar load, "
        "inspect, clean and re-torque the connection, then resurvey."
    ),
)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from judge_trend(ctx, TREND)


RULE = make_rule(
    id="HIST-005",
    name="hot-spot-rise-increased-since-baseline",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
