"""DATA-001 equipment-tag-missing: the report does not identify the equipment by its tag.

## What it checks
That the report gives the equipment's tag (equipment ID, asset tag, device designation).

## Why it matters
Results that cannot be tied to a piece of equipment cannot be accepted for it: the owner
cannot tell which breaker, panel or transformer passed.

## Thresholds
An owner profile can change each of these by key:
- `data.tag_missing` — the severity raised

## Remediation
Ask the testing organization to identify the equipment by its tag as used on the drawings and
in the equipment schedule.

## References
- ANSI/NETA ATS-2025 5.4 (equipment identification)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, make_rule
from core.analysis.rules.data._common import field_evidence

THRESHOLDS = ("data.tag_missing",)


def check(ctx: RuleContext) -> Iterator[Result]:
    if ctx.extraction.equipment.tag:
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("data.tag_missing")
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message="Equipment tag not found in the report",
        evidence=field_evidence(ctx, "equipment.tag", condition.clause),
        remediation="Ask for a report that identifies the equipment by its tag.",
    )


RULE = make_rule(
    id="DATA-001",
    name="equipment-tag-missing",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
