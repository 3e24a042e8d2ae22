"""DATA-015 calculated-ratio-mismatch: a printed calculated ratio the nameplate does not give.

## What it checks
For each turns-ratio reading that prints its calculated ratio, when the nameplate gives both
winding voltages, that the printed ratio agrees within the stated deviation with one of the two
conventions a sheet may follow at that tap: the ratio of the coil voltages (by the connection:
13,800 Δ – 480Y/277 gives 49.80) or the line-voltage ratio V_H / V_X (28.75) that some
three-phase test sets print and measure in. The printed ratio is the one TTR-001 judges
against; this check says when it fits neither — a typing or tap mistake on the sheet.

## Why it matters
A wrong calculated ratio on the sheet makes a good transformer look bad, or a bad one good.

## Thresholds
An owner profile can change each of these by key:
- `data.calculated_ratio_mismatch` — the largest disagreement that passes, and its severity

## Remediation
Recompute the calculated ratio from the coil voltages (a wye coil carries line-to-line / √3)
and the tap, correct the sheet, and audit again.

## References
- AuditEng's own check: no clause sets how closely a printed calculated ratio must match the
  nameplate's; the calculated ratio is that of ANSI/NETA ATS-2025 7.2.1.1 D.3, 7.2.1.2 D.5,
  7.2.2 D.3
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, make_rule, percent
from core.analysis.rules.ttr._common import ratio_details, subject

THRESHOLDS = ("data.calculated_ratio_mismatch",)


def check(ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.limit("data.calculated_ratio_mismatch")
    assert limit.severity is not None
    for item in ctx.derived.turns:
        if item.printed_mismatch_pct is None or item.nameplate_calculated is None:
            continue
        name = subject(item)
        if limit.passes(item.printed_mismatch_pct):
            yield ctx.passed(name)
            continue
        yield from ctx.fail(
            name,
            severity=limit.severity,
            message=(
                f"{name}: the printed calculated ratio {fmt(item.calculated or 0)} differs "
                f"{percent(item.printed_mismatch_pct)} from the nameplate's "
                f"{fmt(item.nameplate_calculated)} (coil voltages) and "
                f"{fmt(item.line_calculated or 0)} (line voltages), limit {percent(limit.value)}"
            ),
            evidence=evidence(
                observed=item.printed_mismatch_pct,
                unit="%",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=ctx.extraction.measurements[item.index],
                details=ratio_details(item, ctx.derived.turns_setup),
            ),
            remediation=(
                "Recompute the calculated ratio from the coil voltages and the tap, correct the "
                "sheet, and audit again."
            ),
        )


RULE = make_rule(
    id="DATA-015",
    name="calculated-ratio-mismatch",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
