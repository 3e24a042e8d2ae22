"""DATA-007 unit-assumed: a value printed without a unit, read with an assumed one.

## What it checks
Whether any reading (or field) had no unit in the report — neither beside the value nor in its
label or column header — so the reader assumed the usual unit (`unit_assumed` on the
measurement, or a `unit_assumed` warning).

## Why it matters
A bare `2.5` could be 2.5 MΩ or 2.5 GΩ; an assumed unit can move a reading across a limit by a
factor of a thousand.

## Thresholds
An owner profile can change each of these by key:
- `data.unit_assumed` — the severity raised

## Remediation
Confirm the unit with the testing organization and ask that reports state units for every
reading.

## References
- ANSI/NETA ATS-2025 5.4 (test data)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule
from core.analysis.rules.data._common import warnings
from core.schemas import WarningCode

THRESHOLDS = ("data.unit_assumed",)
REMEDIATION = "Confirm the unit with the testing organization."


def check(ctx: RuleContext) -> Iterator[Result]:
    condition = ctx.condition("data.unit_assumed")
    flagged = warnings(ctx, WarningCode.UNIT_ASSUMED)
    seen = {(str(w.source), w.raw) for w in flagged}
    failed = False
    for warning in flagged:
        failed = True
        yield from ctx.fail(
            REPORT,
            severity=condition.severity,
            message=f"Unit assumed: {warning.message}",
            evidence=evidence(
                observed=warning.raw,
                unit=None,
                clause=condition.clause,
                point=warning.field,
                source=warning.source,
                raw=warning.raw,
            ),
            remediation=REMEDIATION,
        )
    for m in ctx.extraction.measurements:
        if not m.unit_assumed or (str(m.source), m.raw or None) in seen:
            continue  # the reader's warning already reported this one
        failed = True
        yield from ctx.fail(
            REPORT,
            severity=condition.severity,
            message=f"{m.point}: no unit printed for {m.raw or m.value!s}; {m.unit} assumed",
            evidence=evidence(
                observed=m.value, unit=m.unit, clause=condition.clause, measurement=m
            ),
            remediation=REMEDIATION,
        )
    if not failed:
        yield ctx.passed(REPORT)


RULE = make_rule(
    id="DATA-007",
    name="unit-assumed",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
