"""DATA-003 test-date-missing-or-future: no test date, or one after the upload date.

## What it checks
That the report gives the date of test, and that the date is not after the date the report
was uploaded (`as_of`).

## Why it matters
Calibration, retest intervals and warranty all hang on the test date; a missing one makes the
calibration rules impossible to apply, and a future one is a typing error or a report
prepared before the test.

## Thresholds
An owner profile can change each of these by key:
- `data.test_date_invalid` — the severity raised

## Remediation
Ask the testing organization for the actual date of test and a corrected report.

## References
- ANSI/NETA ATS-2025 5.4 (date of test)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, make_rule
from core.analysis.rules.data._common import field_evidence

THRESHOLDS = ("data.test_date_invalid",)


def check(ctx: RuleContext) -> Iterator[Result]:
    tested = ctx.extraction.test.date
    if tested is not None and tested <= ctx.as_of:
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("data.test_date_invalid")
    # The upload date is an input, never printed (DESIGN.md §1): name it, do not show it.
    if tested is None:
        message, observed = "Test date not found in the report", None
    else:
        message, observed = (
            f"Test date {tested.isoformat()} is after the upload date",
            tested.isoformat(),
        )
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message=message,
        evidence=field_evidence(
            ctx,
            "test.date",
            condition.clause,
            observed=observed,
            unit="date",
            limit="upload date",
            comparator="<=",
        ),
        remediation="Ask for the actual date of test and a corrected report.",
    )


RULE = make_rule(
    id="DATA-003",
    name="test-date-missing-or-future",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
