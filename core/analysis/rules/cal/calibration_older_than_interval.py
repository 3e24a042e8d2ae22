"""CAL-002 calibration-older-than-interval: an instrument calibrated too long before the test.

## What it checks
For each instrument with a calibration date, that the test date is within the calibration
interval after it (12 months in ATS-2025 5.3: calibrated 2025-03-15 covers tests up to
2026-03-15).
A calibration dated after the test is not judged here (it would pass as "recent"): CAL-005
reports it as an impossible record.

## Why it matters
The standard requires every test instrument to be calibrated within the interval before the
test; an older calibration is not traceable even if no due date is printed.

## Thresholds
An owner profile can change each of these by key:
- `cal.max_age` — the interval in months, and its severity

## Remediation
Repeat the tests with an instrument calibrated within the interval, or provide a newer
calibration certificate.

## References
- ANSI/NETA ATS-2025 5.3 (calibrated within 12 months of the test)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, add_months, make_rule
from core.analysis.rules.cal._common import date_evidence, label, provenance

THRESHOLDS = ("cal.max_age",)


def check(ctx: RuleContext) -> Iterator[Result]:
    tested = ctx.extraction.test.date
    if tested is None:
        return
    limit = ctx.limit("cal.max_age")
    assert limit.severity is not None
    found = provenance(ctx, "calibration_date")
    for instrument in ctx.extraction.instruments:
        calibrated = instrument.calibration_date
        if calibrated is None or calibrated > tested:
            continue  # dated after the test, an impossible record: CAL-005
        covered_until = add_months(calibrated, int(limit.value))
        if tested <= covered_until:
            yield ctx.passed(REPORT)
            continue
        yield from ctx.fail(
            REPORT,
            severity=limit.severity,
            message=(
                f"{label(instrument)}: calibrated {calibrated.isoformat()}, more than "
                f"{int(limit.value)} months before the test date {tested.isoformat()}"
            ),
            evidence=date_evidence(
                instrument,
                found,
                observed=calibrated,
                limit=covered_until,
                comparator="test date <=",
                clause=limit.clause,
                interval_months=int(limit.value),
            ),
            remediation=(
                "Repeat the tests with an instrument calibrated within the interval, or provide "
                "a newer calibration certificate."
            ),
        )


RULE = make_rule(
    id="CAL-002",
    name="calibration-older-than-interval",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
