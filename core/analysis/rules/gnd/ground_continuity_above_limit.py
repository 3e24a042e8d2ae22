"""GND-004 ground-continuity-above-limit: point-to-point ground continuity above the limit.

## What it checks
Each two-point continuity reading between the main grounding system and an equipment frame,
enclosure or system neutral, against the maximum (ATS-2025 7.13 D.3 investigates values above
0.5 Ω). An over-range or open (`OL`) reading fails.

## Why it matters
A poor bond between the grounding system and an equipment frame leaves the frame at a
dangerous voltage during a fault and can keep the protective device from clearing it.

## Thresholds
An owner profile can change each of these by key:
- `gnd.continuity_max` — the largest resistance that passes, and its severity

## Remediation
Investigate the bond: clean, tighten or replace the grounding conductor and its connections,
then remeasure.

## References
- ANSI/NETA ATS-2025 7.13 D.3
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, make_rule, ohms, shown
from core.schemas import Quantity

THRESHOLDS = ("gnd.continuity_max",)


def check(ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.limit("gnd.continuity_max")
    assert limit.severity is not None
    for _, m in ctx.measurements(Quantity.CONTINUITY_RESISTANCE):
        if m.value is not None and m.censored is None and limit.passes(m.value):
            yield ctx.passed(m.point)
            continue
        yield from ctx.fail(
            m.point,
            severity=limit.severity,
            message=(
                f"{m.point}: {shown(m, ohms(m.value or 0))} is above the "
                f"{ohms(limit.value)} continuity maximum"
            ),
            evidence=evidence(
                observed=m.value,
                unit="Ω",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=m,
                censored=m.censored,
            ),
            remediation="Clean, tighten or replace the bonding conductor and remeasure.",
        )


RULE = make_rule(
    id="GND-004",
    name="ground-continuity-above-limit",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
