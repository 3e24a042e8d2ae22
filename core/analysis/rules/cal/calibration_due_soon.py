"""CAL-004 calibration-due-soon: an instrument's calibration fell due shortly after the test.

## What it checks
For each instrument with a calibration due date on or after the test date, whether it was due
within the stated number of days after the test.

## Why it matters
Not a defect of this report — the instrument was in calibration — but a prompt to confirm it
was recalibrated before the next job, and a point to check if it is later found out of
tolerance (as-found calibration data).

## Thresholds
An owner profile can change each of these by key:
- `cal.due_soon` — how many days after the test the due date must be to pass, and the
  severity

## Remediation
Confirm the instrument was recalibrated on time and that its as-found calibration data were in
tolerance.

## References
- AuditEng's own check (a reminder): no clause sets a notice period before the due date;
  ANSI/NETA ATS-2025 5.3 requires the calibration in force on the test date (CAL-001, CAL-002)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule
from core.analysis.rules.cal._common import label, provenance

THRESHOLDS = ("cal.due_soon",)


def check(ctx: RuleContext) -> Iterator[Result]:
    tested = ctx.extraction.test.date
    if tested is None:
        return
    limit = ctx.limit("cal.due_soon")
    assert limit.severity is not None
    found = provenance(ctx, "calibration_due_date")
    for instrument in ctx.extraction.instruments:
        due = instrument.calibration_due_date
        if due is None or due < tested:
            continue  # expired: CAL-001
        days = (due - tested).days
        if limit.passes(days):
            yield ctx.passed(REPORT)
            continue
        yield from ctx.fail(
            REPORT,
            severity=limit.severity,
            message=(
                f"{label(instrument)}: calibration due {due.isoformat()}, {days} days after "
                f"the test; within {int(limit.value)} days"
            ),
            evidence=evidence(
                observed=days,
                unit="day",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                point=label(instrument),
                source=found.source if found else None,
                raw=found.raw if found else None,
            ),
            remediation=(
                "Confirm the instrument was recalibrated on time with as-found data in tolerance."
            ),
        )


RULE = make_rule(
    id="CAL-004",
    name="calibration-due-soon",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
