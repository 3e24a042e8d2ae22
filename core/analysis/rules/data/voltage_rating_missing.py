"""DATA-004 voltage-rating-missing: no voltage rating where a threshold depends on it.

## What it checks
When the report has insulation-resistance readings, that it gives the equipment's voltage
rating: the minimum resistance and the minimum test voltage are chosen by rating.

## Why it matters
Without the rating the insulation readings cannot be judged at all (Table 100.1 ranges from
25 MΩ to 100,000 MΩ), so a failing reading could be approved by default.

## Thresholds
An owner profile can change each of these by key:
- `data.voltage_rating_missing` — the severity raised

## Remediation
Add the nameplate voltage rating (or enter it in a corrected JSON extraction) and audit again.

## References
- ANSI/NETA ATS-2025 5.4 (nameplate data); Tables 100.1, 100.5, 100.11 (keyed by rating)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.derived import rating_needed
from core.analysis.rules.base import REPORT, Result, RuleContext, make_rule
from core.analysis.rules.data._common import field_evidence

THRESHOLDS = ("data.voltage_rating_missing",)


def check(ctx: RuleContext) -> Iterator[Result]:
    if not rating_needed(ctx.extraction):
        return
    if ctx.extraction.equipment.voltage_rating_v is not None:
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("data.voltage_rating_missing")
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message="Voltage rating not found; the insulation-resistance minimum cannot be chosen",
        evidence=field_evidence(ctx, "equipment.voltage_rating_v", condition.clause, unit="V"),
        remediation="Add the nameplate voltage rating and audit the report again.",
    )


RULE = make_rule(
    id="DATA-004",
    name="voltage-rating-missing",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
