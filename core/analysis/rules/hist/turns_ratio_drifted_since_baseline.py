"""HIST-004 turns-ratio-drifted-since-baseline: a phase's turns ratio moved away from its baseline.

## What it checks
For each phase and tap's measured turns ratio, the change since the asset's baseline — the
first accepted (APPROVED) earlier reading of the same phase and tap: |r − r_baseline| /
r_baseline, either way. It runs only when the services pass the asset's history; without one,
or without a baseline for the phase and tap, nothing is checked.

## Why it matters
A transformer's ratio does not change in service. A phase that drifts from its own earlier
reading, even within 0.5 % of the nameplate, points at shorted turns, a damaged tap changer
contact or a winding movement, and should be explained before it becomes a failure.

## Thresholds
An owner profile can change each of these by key:
- `hist.ttr_drift` — the bands of the change since the baseline, in %, and their severities
  (more than 0.25 %: MINOR; more than 0.5 %: MAJOR)

## Remediation
Retest the phase at the same tap; if the drift holds, measure excitation current and winding
resistance, inspect the tap changer, and have the winding assessed.

## References
- ANSI/NETA MTS-2023 7.2.1 (compare with previous results)
- ANSI/NETA ATS-2025 7.2.1.1 D.3 (0.5 % ratio tolerance)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule, ratio
from core.analysis.rules.hist._common import Trend, judge_trend
from core.schemas import TrendQuantity

THRESHOLDS = ("hist.ttr_drift",)
TREND = Trend(
    quantity=TrendQuantity.TURNS_RATIO,
    key="hist.ttr_drift",
    direction="drift",
    relative=True,
    show=ratio,
    what="turns ratio",
    remediation=(
        "Retest the phase at the same tap; if the drift holds, measure excitation current and "
        "winding resistance and inspect the tap changer."
    ),
)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from judge_trend(ctx, TREND)


RULE = make_rule(
    id="HIST-004",
    name="turns-ratio-drifted-since-baseline",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
