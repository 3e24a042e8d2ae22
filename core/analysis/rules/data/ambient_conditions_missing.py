"""DATA-009 ambient-conditions-missing: ambient temperature or humidity not recorded.

## What it checks
That the report records the ambient temperature and the relative humidity at the time of test.

## Why it matters
Insulation readings depend strongly on temperature and surface moisture; without them the
readings cannot be corrected or compared with later tests (trending).

## Thresholds
An owner profile can change each of these by key:
- `data.ambient_missing` — the severity raised

## Remediation
Record ambient temperature and humidity (and apparatus temperature for insulation tests) in
future reports.

## References
- ANSI/NETA ATS-2025 5.4 (ambient conditions)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule

THRESHOLDS = ("data.ambient_missing",)


def check(ctx: RuleContext) -> Iterator[Result]:
    test = ctx.extraction.test
    missing = [
        name
        for name, value in (
            ("ambient temperature", test.ambient_temperature_c),
            ("humidity", test.humidity_pct),
        )
        if value is None
    ]
    if not missing:
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("data.ambient_missing")
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message=f"Not recorded in the report: {' and '.join(missing)}",
        evidence=evidence(observed=None, unit=None, clause=condition.clause, missing=missing),
        remediation="Record ambient temperature and humidity at the time of test.",
    )


RULE = make_rule(
    id="DATA-009",
    name="ambient-conditions-missing",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
