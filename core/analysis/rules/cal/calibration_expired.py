"""CAL-001 calibration-expired: an instrument's calibration was due before the test date.

## What it checks
For each instrument with a calibration due date, that the due date is not before the date of
test (due on the test day is still in calibration).

## Why it matters
Readings from an instrument out of calibration are not traceable; the acceptance test has not
shown what it claims, whatever the numbers say.

## Thresholds
An owner profile can change each of these by key:
- `cal.expired` — the severity raised

## Remediation
Repeat the tests with an instrument in calibration, or provide the calibration certificate
covering the test date.

## References
- ANSI/NETA ATS-2025 5.3 (test instrument calibration)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, make_rule
from core.analysis.rules.cal._common import date_evidence, label, provenance

THRESHOLDS = ("cal.expired",)


def check(ctx: RuleContext) -> Iterator[Result]:
    tested = ctx.extraction.test.date
    if tested is None:
        return  # DATA-003
    condition = ctx.condition("cal.expired")
    found = provenance(ctx, "calibration_due_date")
    for instrument in ctx.extraction.instruments:
        due = instrument.calibration_due_date
        if due is None:
            continue
        if due >= tested:
            yield ctx.passed(REPORT)
            continue
        yield from ctx.fail(
            REPORT,
            severity=condition.severity,
            message=(
                f"{label(instrument)}: calibration due {due.isoformat()}, before the test "
                f"date {tested.isoformat()}"
            ),
            evidence=date_evidence(
                instrument,
                found,
                observed=due,
                limit=tested,
                comparator=">=",
                clause=condition.clause,
            ),
            remediation=(
                "Repeat the tests with a calibrated instrument, or provide a calibration "
                "certificate covering the test date."
            ),
        )


RULE = make_rule(
    id="CAL-001",
    name="calibration-expired",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
