"""DATA-006 impossible-value-dropped: a reading that cannot be physical was left out.

## What it checks
Whether the reader dropped a value that cannot be a real reading — NaN, infinite where a number
belongs, a negative resistance — and raised an `impossible_value` warning for it.

## Why it matters
The dropped reading is a hole in the test data: whatever it should have been, it was not
judged, and the typo or instrument fault behind it may hide a failing value.

## Thresholds
An owner profile can change each of these by key:
- `data.impossible_value` — the severity raised

## Remediation
Ask the testing organization for the correct value (or retest that point) and audit again.

## References
- ANSI/NETA ATS-2025 5.4 (test data)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.data._common import from_warnings
from core.schemas import WarningCode

THRESHOLDS = ("data.impossible_value",)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from from_warnings(
        ctx,
        WarningCode.IMPOSSIBLE_VALUE,
        ctx.condition("data.impossible_value"),
        what="Impossible value dropped",
        remediation="Ask for the correct value or a retest of that point, then audit again.",
    )


RULE = make_rule(
    id="DATA-006",
    name="impossible-value-dropped",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
