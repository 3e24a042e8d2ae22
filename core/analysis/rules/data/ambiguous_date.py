"""DATA-010 ambiguous-date: a numeric date that could be read two ways.

## What it checks
Whether the reader found a date such as `03/04/2026` that the document's other dates could not
settle as day-month or month-day, and flagged it (`ambiguous_date` warning) instead of guessing.

## Why it matters
The test and calibration dates decide the calibration rules and the retest schedule; reading
3 April as 4 March can turn an expired calibration into a valid one.

## Thresholds
An owner profile can change each of these by key:
- `data.ambiguous_date` — the severity raised

## Remediation
Confirm the date with the testing organization; ask for ISO dates (YYYY-MM-DD) in reports.

## References
- ANSI/NETA ATS-2025 5.4 (date of test), 5.3 (calibration dates)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.data._common import from_warnings
from core.schemas import WarningCode

THRESHOLDS = ("data.ambiguous_date",)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from from_warnings(
        ctx,
        WarningCode.AMBIGUOUS_DATE,
        ctx.condition("data.ambiguous_date"),
        what="Ambiguous date",
        remediation="Confirm the date with the testing organization.",
    )


RULE = make_rule(
    id="DATA-010",
    name="ambiguous-date",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
