"""DATA-008 personnel-missing: the technician or the testing organization is not named.

## What it checks
That the report names the technician who performed the test and the testing organization.

## Why it matters
Accountability and qualification: an acceptance test report must show who performed the work
so their qualification (ATS-2025 4.2) can be checked and questions can be asked.

## Thresholds
An owner profile can change each of these by key:
- `data.personnel_missing` — the severity raised

## Remediation
Ask for a report that names the technician and the testing organization.

## References
- ANSI/NETA ATS-2025 5.4 (testing organization, technician)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule

THRESHOLDS = ("data.personnel_missing",)


def check(ctx: RuleContext) -> Iterator[Result]:
    test = ctx.extraction.test
    missing = [
        name
        for name, value in (("technician", test.technician), ("testing organization", test.company))
        if not value
    ]
    if not missing:
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("data.personnel_missing")
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message=f"Not named in the report: {' and '.join(missing)}",
        evidence=evidence(observed=None, unit=None, clause=condition.clause, missing=missing),
        remediation="Ask for a report naming the technician and the testing organization.",
    )


RULE = make_rule(
    id="DATA-008",
    name="personnel-missing",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
