"""CAL-003 calibration-information-missing: no calibration date for a test instrument.

## What it checks
That the report names its test instrument and gives, for each instrument, a calibration date or
a calibration due date.

## Why it matters
Without calibration information nobody can show the readings are traceable to national
standards; the results cannot be relied on.

## Thresholds
An owner profile can change each of these by key:
- `cal.missing` — the severity raised

## Remediation
Ask the testing organization for the instrument's model, serial number and calibration
certificate (calibration and due dates).

## References
- ANSI/NETA ATS-2025 5.3 (calibration, dated labels), 5.4 (report contents)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule
from core.analysis.rules.cal._common import label

THRESHOLDS = ("cal.missing",)
REMEDIATION = (
    "Ask the testing organization for the instrument's model, serial number and calibration "
    "certificate."
)


def check(ctx: RuleContext) -> Iterator[Result]:
    condition = ctx.condition("cal.missing")
    instruments = ctx.extraction.instruments
    if not instruments:
        yield from ctx.fail(
            REPORT,
            severity=condition.severity,
            message="No test instrument or calibration information found in the report",
            evidence=evidence(observed=None, unit=None, clause=condition.clause),
            remediation=REMEDIATION,
        )
        return
    for instrument in instruments:
        if instrument.calibration_date or instrument.calibration_due_date:
            yield ctx.passed(REPORT)
            continue
        yield from ctx.fail(
            REPORT,
            severity=condition.severity,
            message=f"{label(instrument)}: no calibration date or due date could be read",
            evidence=evidence(
                observed=None, unit=None, clause=condition.clause, point=label(instrument)
            ),
            remediation=REMEDIATION,
        )


RULE = make_rule(
    id="CAL-003",
    name="calibration-information-missing",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
