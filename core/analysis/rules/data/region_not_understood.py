"""DATA-017 region-not-understood: part of the report holds readings the reader could not
interpret.

## What it checks
Whether the reader left rows that show readings (a number with an Ω, mΩ, µΩ, MΩ or GΩ unit)
but belong to no table, field or reading line it understood — a table drawn in a layout it does
not know, a block of readings without a header. Each such region is listed by its cells or lines
(`Test Sheet!B40:F52`, `page 2, lines 14-20`).

## Why it matters
Readings that were not read are not judged: if one of them fails, the audit would miss it. The
report's confidence is capped below the REVIEW line while such a region exists.

## Thresholds
An owner profile can change each of these by key:
- `data.region_not_understood` — the severity raised

## Remediation
Check the listed cells by hand, or correct the JSON extraction and audit it again.

## References
- ANSI/NETA ATS-2025 5.4 (test data)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule

THRESHOLDS = ("data.region_not_understood",)


def check(ctx: RuleContext) -> Iterator[Result]:
    regions = ctx.extraction.not_understood
    if not regions:
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("data.region_not_understood")
    for region in regions:
        yield from ctx.fail(
            REPORT,
            severity=condition.severity,
            message=f"Readings not understood at {region.where}: check them by hand",
            evidence=evidence(
                observed=None,
                unit=None,
                clause=condition.clause,
                point=region.where,
                source=region.source,
                raw=region.text,
            ),
            remediation=(
                "Check these cells by hand against the limits, or correct the extraction "
                "(JSON) and audit it again."
            ),
        )


RULE = make_rule(
    id="DATA-017",
    name="region-not-understood",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
