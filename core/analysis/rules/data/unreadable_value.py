"""DATA-012 unreadable-value: a value in the report could not be read.

## What it checks
Whether the reader met a value it could not read — smudged scan, OCR noise it could not repair,
a cell with text where a number belongs — and flagged it (`unreadable_value` warning) rather
than guess.

## Why it matters
An unreadable reading is not judged; if it was the failing one, the audit would miss it.

## Thresholds
An owner profile can change each of these by key:
- `data.unreadable_value` — the severity raised

## Remediation
Get a legible copy (the original PDF or spreadsheet rather than a scan) and audit again, or
correct the value in the JSON extraction.

## References
- ANSI/NETA ATS-2025 5.4 (test data)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.data._common import from_warnings
from core.schemas import WarningCode

THRESHOLDS = ("data.unreadable_value",)


def check(ctx: RuleContext) -> Iterator[Result]:
    yield from from_warnings(
        ctx,
        WarningCode.UNREADABLE_VALUE,
        ctx.condition("data.unreadable_value"),
        what="Unreadable value",
        remediation="Get a legible copy of the report (or correct the extraction) and audit again.",
    )


RULE = make_rule(
    id="DATA-012",
    name="unreadable-value",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
