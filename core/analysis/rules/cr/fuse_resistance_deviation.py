"""CR-003 fuse-resistance-deviation: a fuse whose resistance deviates from the others.

## What it checks
Among fuses of the same set (points named `Fuse …` or `F1`, `F2` …), the deviation of each
fuse's resistance from the lowest: (R − R_lowest) / R_lowest. An over-range reading fails.

## Why it matters
A fuse well above its companions is damaged, partly melted or poorly seated in its clips: it
heats and may open without a fault, or fail to protect as rated.

## Thresholds
An owner profile can change each of these by key:
- `cr.fuse_deviation_max` — the largest deviation from the lowest that passes, and its
  severity

## Remediation
Check the fuse and its clips (seating, corrosion, tension); replace the fuse or the clips, then
retest the set.

## References
- ANSI/NETA ATS-2025 7.5.1.1 D.4 (fuse resistance)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.cr._common import judge_deviation

THRESHOLDS = ("cr.fuse_deviation_max",)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from judge_deviation(
        ctx,
        ctx.limit("cr.fuse_deviation_max"),
        fuses=True,
        what="fuse",
        remediation="Check the fuse and its clips; replace what is faulty and retest the set.",
    )


RULE = make_rule(
    id="CR-003",
    name="fuse-resistance-deviation",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
