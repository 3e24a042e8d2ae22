"""DATA-002 equipment-tag-inconsistent: the equipment tag differs within the report.

## What it checks
That the equipment tag is the same wherever the report prints it (header, table, footer); the
reader flags a difference as a `tag_mismatch` warning.

## Why it matters
Two tags in one report suggest a copied template or mixed-up results: the readings may belong
to other equipment.

## Thresholds
An owner profile can change each of these by key:
- `data.tag_mismatch` — the severity raised

## Remediation
Ask the testing organization which equipment was tested and for a corrected report.

## References
- ANSI/NETA ATS-2025 5.4 (equipment identification)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.data._common import from_warnings
from core.schemas import WarningCode

THRESHOLDS = ("data.tag_mismatch",)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from from_warnings(
        ctx,
        WarningCode.TAG_MISMATCH,
        ctx.condition("data.tag_mismatch"),
        what="Equipment tag differs within the report",
        remediation="Ask which equipment was tested and for a corrected report.",
    )


RULE = make_rule(
    id="DATA-002",
    name="equipment-tag-inconsistent",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
