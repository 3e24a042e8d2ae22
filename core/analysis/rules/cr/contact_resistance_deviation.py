"""CR-001 contact-resistance-deviation: a pole or joint far above its similar ones.

## What it checks
Among similar contacts — the poles of one breaker or switch, or like bolted joints (points
named alike apart from their pole or phase) — the deviation of each reading from the lowest:
(R − R_lowest) / R_lowest. Fuses are judged by CR-003. An over-range reading fails.

## Why it matters
Contact resistance well above the other poles means worn, pitted or misaligned contacts or a
loose connection: under load it heats, and the heating accelerates the damage.

## Thresholds
An owner profile can change each of these by key:
- `cr.deviation_max` — the largest deviation from the lowest that passes, and its severity

## Remediation
Investigate the high pole or joint: clean and re-torque connections, inspect contacts and
operating mechanism, repair or replace, then retest all poles.

## References
- ANSI/NETA ATS-2025 7.6.1.1.1 D.2 (circuit breakers), 7.1.1 D.1 (bolted connections)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.cr._common import judge_deviation

THRESHOLDS = ("cr.deviation_max",)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from judge_deviation(
        ctx,
        ctx.limit("cr.deviation_max"),
        fuses=False,
        what="pole or joint",
        remediation=(
            "Investigate the high pole or joint: clean and re-torque, inspect the contacts, "
            "repair or replace, then retest all poles."
        ),
    )


RULE = make_rule(
    id="CR-001",
    name="contact-resistance-deviation",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
