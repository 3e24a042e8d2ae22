"""DATA-011 printed-value-mismatch: a printed result disagrees with the readings behind it.

## What it checks
That each printed ΔT agrees with the hot spot minus its reference temperature within the stated
tolerance, and whether the reader flagged any other printed result (a PI, a DAR, a total) that
disagrees with its readings (`printed_value_mismatch` warning). The rules judge the value
computed from the readings, never the printed one.

## Why it matters
A printed result that does not follow from its readings is a transcription or calculation
error: the report's own conclusions may rest on it.

## Thresholds
An owner profile can change each of these by key:
- `data.printed_value_mismatch` — the largest ΔT disagreement that passes, and the severity

## Remediation
Ask the testing organization to check the calculation and correct the report.

## References
- AuditEng's own check: no standard sets a tolerance for a printed result; the ΔT recomputed
  is that of ANSI/NETA ATS-2025 Table 100.18 (hot spot minus reference)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, degrees, evidence, make_rule
from core.analysis.rules.data._common import warnings
from core.schemas import WarningCode

THRESHOLDS = ("data.printed_value_mismatch",)
REMEDIATION = "Ask the testing organization to check the calculation and correct the report."


def check(ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.limit("data.printed_value_mismatch")
    assert limit.severity is not None
    failed = False
    for item in ctx.derived.thermal:
        if item.mismatch_c is None or limit.passes(item.mismatch_c):
            continue
        failed = True
        index = item.printed_index if item.printed_index is not None else item.index
        yield from ctx.fail(
            REPORT,
            severity=limit.severity,
            message=(
                f"{item.point}: printed ΔT {degrees(item.printed_delta_c or 0)} differs "
                f"{degrees(item.mismatch_c)} from the readings, tolerance {degrees(limit.value)}"
            ),
            evidence=evidence(
                observed=item.mismatch_c,
                unit="°C",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=ctx.extraction.measurements[index],
                printed_delta_c=item.printed_delta_c,
                hot_spot_c=item.hot_spot_c,
            ),
            remediation=REMEDIATION,
        )
    judged = {
        f"measurements.{item.printed_index}"
        for item in ctx.derived.thermal
        if item.printed_index is not None
    }
    for warning in warnings(ctx, WarningCode.PRINTED_VALUE_MISMATCH):
        if warning.field in judged:
            continue  # the ΔT cross-check above already compared this printed value
        failed = True
        yield from ctx.fail(
            REPORT,
            severity=limit.severity,
            message=f"Printed value mismatch: {warning.message}",
            evidence=evidence(
                observed=warning.raw,
                unit=None,
                clause=limit.clause,
                point=warning.field,
                source=warning.source,
                raw=warning.raw,
            ),
            remediation=REMEDIATION,
        )
    if not failed:
        yield ctx.passed(REPORT)


RULE = make_rule(
    id="DATA-011",
    name="printed-value-mismatch",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
