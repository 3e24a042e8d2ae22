"""CAL-005 calibration-dated-after-test: an instrument's calibration is dated after the test.

## What it checks
For each instrument with a calibration date, that the date is not after the date of test
(calibrated on the test day is fine).

## Why it matters
An instrument cannot have been calibrated after it was used and still vouch for the readings:
the record is impossible. Either a date was mistyped or misread (test date, calibration date,
day and month swapped), or the certificate is for a later calibration and says nothing of the
instrument's state on the test day. The calibration interval (CAL-002) cannot be judged from it.

## Thresholds
An owner profile can change each of these by key:
- `cal.dated_after_test` — the severity raised

## Remediation
Ask the testing organization to check the test and calibration dates, and to provide the
calibration certificate in force on the test date.

## References
- ANSI/NETA ATS-2025 5.3 (test instrument calibration, dated calibration labels)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, make_rule
from core.analysis.rules.cal._common import date_evidence, label, provenance

THRESHOLDS = ("cal.dated_after_test",)


def check(ctx: RuleContext) -> Iterator[Result]:
    tested = ctx.extraction.test.date
    if tested is None:
        return  # DATA-003
    condition = ctx.condition("cal.dated_after_test")
    found = provenance(ctx, "calibration_date")
    for instrument in ctx.extraction.instruments:
        calibrated = instrument.calibration_date
        if calibrated is None:
            continue
        if calibrated <= tested:
            yield ctx.passed(REPORT)
            continue
        yield from ctx.fail(
            REPORT,
            severity=condition.severity,
            message=(
                f"{label(instrument)}: calibrated {calibrated.isoformat()}, after the test "
                f"date {tested.isoformat()}; a calibration cannot postdate the test it covers"
            ),
            evidence=date_evidence(
                instrument,
                found,
                observed=calibrated,
                limit=tested,
                comparator="<=",
                clause=condition.clause,
            ),
            remediation=(
                "Ask the testing organization to check the test and calibration dates and to "
                "provide the calibration certificate in force on the test date."
            ),
        )


RULE = make_rule(
    id="CAL-005",
    name="calibration-dated-after-test",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
